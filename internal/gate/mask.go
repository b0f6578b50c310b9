// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/catalog"
)

// Rule says how much of a personal value survives masking: the first
// Head and last Tail characters, the rest replaced by '*'. Keep leaves
// the value whole; a value too short to mask is replaced entirely.
type Rule struct {
	Head int  `json:"head"`
	Tail int  `json:"tail"`
	Keep bool `json:"keep,omitempty"`
}

// Rules maps each personal-data class of the catalog to its rule.
type Rules map[catalog.PersonalClass]Rule

// DefaultRules follow common practice of public credit platforms: an ID
// number keeps its region prefix (6) and last 4 characters
// (110101********1234), a telephone number its first 3 and last 4
// (138****5678), an address its first 6 characters (the province, city and
// district), a natural person's name its surname (张**), and anything else
// personal (age, sex) nothing. Names of legal representatives are public
// registration information and are kept unless an operator configures
// otherwise.
func DefaultRules() Rules {
	return Rules{
		catalog.PersonalIDNumber: {Head: 6, Tail: 4},
		catalog.PersonalPhone:    {Head: 3, Tail: 4},
		catalog.PersonalAddress:  {Head: 6},
		catalog.PersonalName:     {Keep: true},
		catalog.PersonalOther:    {},
	}
}

// Validate refuses unknown classes and negative lengths, so that a
// misspelt configuration does not silently unmask.
func (rs Rules) Validate() error {
	for c, r := range rs {
		if !c.Valid() || c == catalog.PersonalNone {
			return fmt.Errorf("gate: masking rule for unknown personal class %q", c)
		}
		if r.Head < 0 || r.Tail < 0 {
			return fmt.Errorf("gate: masking rule for %s: negative length", c)
		}
	}
	return nil
}

// Mask returns v masked for class c. Classes without a rule are masked
// entirely: a new personal class is hidden until someone decides otherwise.
func (rs Rules) Mask(c catalog.PersonalClass, v string) string {
	if v == "" || c == "" || c == catalog.PersonalNone {
		return v
	}
	r, ok := rs[c]
	if ok && r.Keep {
		return v
	}
	n := utf8.RuneCountInString(v)
	if !ok || r.Head+r.Tail >= n {
		return strings.Repeat("*", min(n, 8))
	}
	rs2 := []rune(v)
	var b strings.Builder
	b.WriteString(string(rs2[:r.Head]))
	b.WriteString(strings.Repeat("*", n-r.Head-r.Tail))
	b.WriteString(string(rs2[n-r.Tail:]))
	return b.String()
}
