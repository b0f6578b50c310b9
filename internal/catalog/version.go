// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// hashDomain separates catalog hashes from any other SHA-256 in the system
// and names the encoding, so a future encoding can never collide with this one.
const hashDomain = "xinrong-catalog-content-v1\n"

// ComputeHash returns the hex SHA-256 of the catalog's canonical content:
// the JSON encoding of this package's types, with categories and items sorted
// by code and Version and Hash left out. Formatting, key order and the order
// of items in the file do not change it; any change of meaning does. Fields
// and enum values keep their order, because column order and the order of
// stored multi-values mean something. New struct fields must be omitempty so
// that old catalogs keep their hashes.
func (c *Catalog) ComputeHash() string {
	cp := *c
	cp.Version, cp.Hash = 0, ""
	cp.Categories = slices.Clone(c.Categories)
	cp.Items = slices.Clone(c.Items)
	slices.SortStableFunc(cp.Categories, func(a, b Category) int { return cmp.Compare(a.Code, b.Code) })
	slices.SortStableFunc(cp.Items, func(a, b Item) int { return cmp.Compare(a.Code, b.Code) })
	b, err := json.Marshal(&cp)
	if err != nil {
		// Only strings, numbers, bools and slices of them: cannot fail.
		panic(fmt.Sprintf("catalog: canonical encoding: %v", err))
	}
	sum := sha256.Sum256(append([]byte(hashDomain), b...))
	return hex.EncodeToString(sum[:])
}

// CheckUpgrade reports whether next may replace prev as a node's stored
// catalog. Records already collected must stay readable, so nothing may
// disappear: every category, item and field of prev is still in next (it may
// be deprecated), an item keeps its category, a field keeps its type, and the
// declared Version does not go back. The same Hash means no change.
// Returns apperr.Conflict naming what was removed or changed.
func CheckUpgrade(prev, next *Catalog) error {
	if prev.ComputeHash() == next.ComputeHash() {
		return nil
	}
	var probs []string
	if next.Version < prev.Version {
		probs = append(probs, fmt.Sprintf("version %d is older than %d", next.Version, prev.Version))
	}
	for _, pc := range prev.Categories {
		if _, err := next.Category(pc.Code); err != nil {
			probs = append(probs, fmt.Sprintf("category %s removed (deprecate it instead)", pc.Code))
		}
	}
	for _, pi := range prev.Items {
		ni, err := next.Item(pi.Code)
		if err != nil {
			probs = append(probs, fmt.Sprintf("item %s removed (deprecate it instead)", pi.Code))
			continue
		}
		probs = append(probs, compatible(pi, ni)...)
	}
	if len(probs) > 0 {
		return apperr.Conflictf("目录升级会丢失已归集数据的含义 (catalog upgrade is incompatible): %s", strings.Join(probs, "; "))
	}
	return nil
}

// compatible lists what next changed in an item that stored records of prev
// depend on.
func compatible(prev, next Item) []string {
	var probs []string
	if next.Category != prev.Category {
		probs = append(probs, fmt.Sprintf("item %s moved from category %s to %s", prev.Code, prev.Category, next.Category))
	}
	for _, pf := range prev.Fields {
		nf, ok := next.Field(pf.Code)
		switch {
		case !ok:
			probs = append(probs, fmt.Sprintf("item %s field %s removed (deprecate it instead)", prev.Code, pf.Code))
		case nf.Type != pf.Type:
			probs = append(probs, fmt.Sprintf("item %s field %s changed type %s to %s", prev.Code, pf.Code, pf.Type, nf.Type))
		}
	}
	return probs
}
