// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

var (
	categoryCodeRE = regexp.MustCompile(`^[A-Z]{2,8}$`)
	itemSuffixRE   = regexp.MustCompile(`^[A-Z][A-Z0-9_]{1,23}$`)
	fieldCodeRE    = regexp.MustCompile(`^[A-Z][A-Z0-9_]{0,39}$`)
	regionRE       = regexp.MustCompile(`^[0-9]{6}$`)
)

// maxListed bounds how many problems the safe message spells out; the
// wrapped cause keeps all of them.
const maxListed = 20

// Validate checks the whole catalog: codes well formed and unique, every item
// in an existing category, natural key, subject, name, time, revocation and
// publicity fields referring to real fields of the right type, enum fields
// with values, conditions that can be evaluated, negative items with a
// severity and publicity bounds inside the statutory range, and known
// disclosure, polarity, sharing and frequency values. It returns nil or an
// apperr.Invalid error whose message lists each problem as
// "item X field Y: reason"; errors.Join of one apperr.Invalid per problem is
// its cause.
//
// Validate does not modify c, so a shared catalog may be validated at any time.
func (c *Catalog) Validate() error {
	var k checker
	if c.Version < 1 {
		k.add("catalog", "version must be at least 1, got %d", c.Version)
	}
	if c.Name == "" || c.Origin == "" {
		k.add("catalog", "name and origin (the issuing document) are required")
	}
	if !regionRE.MatchString(c.Region) {
		k.add("catalog", "region %q is not a six-digit GB/T 2260 code", c.Region)
	}
	if len(c.Categories) == 0 {
		k.add("catalog", "no categories")
	}
	cats := c.checkCategories(&k)
	seen := map[string]bool{}
	for _, it := range c.Items {
		if seen[it.Code] {
			k.add(itemAt(it.Code), "duplicate item code")
		}
		seen[it.Code] = true
		if !cats[it.Category] {
			k.add(itemAt(it.Code), "category %q does not exist", it.Category)
		}
		checkItem(&k, it)
	}
	return k.err()
}

// checkCategories checks the categories and returns the set of their codes.
func (c *Catalog) checkCategories(k *checker) map[string]bool {
	seen := map[string]bool{}
	for _, cat := range c.Categories {
		at := "category " + cat.Code
		if !categoryCodeRE.MatchString(cat.Code) {
			k.add(at, "code must be 2 to 8 upper-case ASCII letters")
		}
		if seen[cat.Code] {
			k.add(at, "duplicate category code")
		}
		seen[cat.Code] = true
		if cat.Name == "" || cat.NameEN == "" || cat.Description == "" {
			k.add(at, "name, name_en and description are required")
		}
		if cat.Revision < 1 {
			k.add(at, "revision must be at least 1")
		}
		if cat.Local && !regionRE.MatchString(cat.Region) {
			k.add(at, "a local category needs the six-digit code of its issuing region")
		}
		if !cat.Deprecated && len(c.ItemsIn(cat.Code)) == 0 {
			k.add(at, "category has no items")
		}
	}
	return seen
}

// checker collects problems instead of stopping at the first, so an operator
// fixing a supplement file sees everything wrong in one go.
type checker struct{ errs []error }

func (k *checker) add(at, format string, a ...any) {
	k.errs = append(k.errs, apperr.Invalidf("%s: %s", at, fmt.Sprintf(format, a...)))
}

func (k *checker) err() error {
	if len(k.errs) == 0 {
		return nil
	}
	msgs := make([]string, 0, maxListed)
	for i, e := range k.errs {
		if i == maxListed {
			msgs = append(msgs, fmt.Sprintf("… and %d more", len(k.errs)-maxListed))
			break
		}
		msgs = append(msgs, apperr.Message(e))
	}
	return apperr.E(apperr.Invalid,
		fmt.Sprintf("目录校验未通过，共 %d 处问题 (catalog invalid, %d problems): %s",
			len(k.errs), len(k.errs), strings.Join(msgs, "; ")),
		errors.Join(k.errs...))
}

func itemAt(code string) string { return "item " + code }

func fieldAt(item, field string) string { return "item " + item + " field " + field }
