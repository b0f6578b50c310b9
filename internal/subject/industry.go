// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"fmt"
	"strings"
	"sync"

	"github.com/xinrong/xinrong/internal/apperr"
)

// IndustryLevel is the tier of a GB/T 4754-2017 code.
type IndustryLevel string

// The four tiers, named as in ISIC, with the standard's terms.
const (
	IndustrySection  IndustryLevel = "section"  // 门类, a letter A–T
	IndustryDivision IndustryLevel = "division" // 大类, 2 digits
	IndustryGroup    IndustryLevel = "group"    // 中类, 3 digits
	IndustryClass    IndustryLevel = "class"    // 小类, 4 digits
)

var industryLevels = map[string]IndustryLevel{
	"门类": IndustrySection, "大类": IndustryDivision, "中类": IndustryGroup, "小类": IndustryClass,
}

// Industry is one entry of the national industry classification
// (国民经济行业分类, GB/T 4754-2017).
type Industry struct {
	Code    string        `json:"code"`
	Name    string        `json:"name"`
	Parent  string        `json:"parent,omitempty"`
	Level   IndustryLevel `json:"level"`
	Section string        `json:"section"` // 门类 letter
	Remark  string        `json:"remark,omitempty"`
}

// IndustryTable is the embedded GB/T 4754-2017 classification.
type IndustryTable struct {
	byCode map[string]Industry
}

var industriesOnce = sync.OnceValue(func() *IndustryTable {
	t := &IndustryTable{byCode: map[string]Industry{}}
	readCSV("gbt4754_2017.csv", func(r map[string]string) {
		l, ok := industryLevels[r["level"]]
		if !ok {
			panic(fmt.Sprintf("subject: industry %s: unknown level %q", r["code"], r["level"]))
		}
		t.byCode[r["code"]] = Industry{Code: r["code"], Name: r["name"], Parent: r["parent"], Level: l,
			Section: r["section"], Remark: r["remark"]}
	})
	return t
})

// Industries returns the GB/T 4754-2017 table, loaded on first use.
func Industries() *IndustryTable { return industriesOnce() }

// Normalize trims and upper-cases a code and drops the section
// letter that many data sets put in front of the digits ("C3011" → "3011"),
// but only when it is the right section, so that a wrong one is reported.
func (t *IndustryTable) Normalize(code string) string {
	c := strings.ToUpper(strings.TrimSpace(code))
	if len(c) >= 3 && c[0] >= 'A' && c[0] <= 'Z' {
		if in, ok := t.byCode[c[1:]]; ok && in.Section == c[:1] {
			return c[1:]
		}
	}
	return c
}

// Lookup finds a code at any level: a section letter or 2, 3 or 4 digits.
func (t *IndustryTable) Lookup(code string) (Industry, bool) {
	in, ok := t.byCode[t.Normalize(code)]
	return in, ok
}

// Chain returns the code's ancestors and itself, section first; nil if the
// code is unknown.
func (t *IndustryTable) Chain(code string) []Industry {
	in, ok := t.Lookup(code)
	if !ok {
		return nil
	}
	chain := []Industry{in}
	for in.Parent != "" {
		if in, ok = t.byCode[in.Parent]; !ok {
			break
		}
		chain = append([]Industry{in}, chain...)
	}
	return chain
}

// Validate returns nil for a known code, else an apperr.Invalid error.
func (t *IndustryTable) Validate(code string) error {
	if _, ok := t.Lookup(code); ok {
		return nil
	}
	c := t.Normalize(code)
	if len(c) >= 3 && c[0] >= 'A' && c[0] <= 'Z' {
		if in, ok := t.byCode[c[1:]]; ok {
			return apperr.Invalidf("行业代码 %s 的门类应为 %s / industry code %s belongs to section %s, not %c",
				c, in.Section, c, in.Section, c[0])
		}
	}
	return apperr.Invalidf("行业代码 %q 不在 GB/T 4754-2017 中 / industry code %q is not in GB/T 4754-2017", code, code)
}

// Len returns the number of codes at all levels.
func (t *IndustryTable) Len() int { return len(t.byCode) }
