// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"fmt"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Merge applies a local supplementary catalog (地方补充目录) to base and
// returns the merged catalog, validated and hashed; base is not changed.
//
// A supplement is a catalog file of the same format whose header names the
// issuing region and document. Its categories and items are marked local and
// stamped with that region and origin. The rules:
//   - a new code is added (an item may go into a base category: a city adds
//     its 公共资源交易 item to an existing class or to a class of its own);
//   - a code that already exists is an error (apperr.Conflict) unless the
//     entry says "replaces": true with a revision higher than the one it
//     replaces; a replacement keeps the item's category, keeps every field
//     with its type (fields may be deprecated, not dropped) and may not make
//     the item less protected (authorized cannot become public);
//   - nothing is deleted: a supplement cannot express deletion, and to retire
//     a base entry it replaces it with "deprecated": true.
//
// Merging again on the result applies a further layer (province, then city).
func Merge(base, sup *Catalog) (*Catalog, error) {
	if !regionRE.MatchString(sup.Region) || sup.Origin == "" || sup.Name == "" {
		return nil, apperr.Invalidf("补充目录须写明名称、发布地区（6 位区划代码）和依据文件 (a supplement needs name, a six-digit region and origin)")
	}
	out := base.clone()
	var probs []string
	for _, cat := range sup.Categories {
		cat.Local = true
		cat.Region, cat.RegionName, cat.Origin = orDefault(cat.Region, sup.Region), orDefault(cat.RegionName, sup.RegionName), orDefault(cat.Origin, sup.Origin)
		i, exists := out.catIdx[cat.Code]
		switch {
		case !exists && cat.Replaces:
			probs = append(probs, fmt.Sprintf("category %s replaces nothing", cat.Code))
		case !exists:
			out.Categories = append(out.Categories, cat)
		case !cat.Replaces:
			probs = append(probs, fmt.Sprintf("category %s already exists (set replaces and a higher revision to replace it)", cat.Code))
		case cat.Revision <= out.Categories[i].Revision:
			probs = append(probs, fmt.Sprintf("category %s revision %d must be higher than %d", cat.Code, cat.Revision, out.Categories[i].Revision))
		default:
			out.Categories[i] = cat
		}
		out.reindex()
	}
	for _, it := range sup.Items {
		it.Local = true
		it.Region, it.RegionName, it.Origin = orDefault(it.Region, sup.Region), orDefault(it.RegionName, sup.RegionName), orDefault(it.Origin, sup.Origin)
		i, exists := out.itemIdx[it.Code]
		switch {
		case !exists && it.Replaces:
			probs = append(probs, fmt.Sprintf("item %s replaces nothing", it.Code))
		case !exists:
			out.Items = append(out.Items, it)
		case !it.Replaces:
			probs = append(probs, fmt.Sprintf("item %s already exists (set replaces and a higher revision to replace it)", it.Code))
		default:
			if p := replacementProblems(out.Items[i], it); len(p) > 0 {
				probs = append(probs, p...)
				continue
			}
			out.Items[i] = it
		}
		out.reindex()
	}
	if len(probs) > 0 {
		return nil, apperr.Conflictf("补充目录与基础目录冲突 (supplement %s conflicts with the base catalog): %s",
			sup.Name, strings.Join(probs, "; "))
	}
	out.Supplements = append(out.Supplements, Layer{Name: sup.Name, Region: sup.Region,
		RegionName: sup.RegionName, Origin: sup.Origin, Version: sup.Version, Hash: sup.ComputeHash()})
	if err := out.Validate(); err != nil {
		return nil, fmt.Errorf("catalog: merge %s: %w", sup.Name, err)
	}
	out.Hash = out.ComputeHash()
	return out, nil
}

// replacementProblems lists why next may not replace prev.
func replacementProblems(prev, next Item) []string {
	var probs []string
	if next.Revision <= prev.Revision {
		probs = append(probs, fmt.Sprintf("item %s revision %d must be higher than %d", next.Code, next.Revision, prev.Revision))
	}
	if !next.Disclosure.AtLeast(prev.Disclosure) {
		probs = append(probs, fmt.Sprintf("item %s disclosure %s would be less protected than %s", next.Code, next.Disclosure, prev.Disclosure))
	}
	for _, pf := range prev.Fields {
		if nf, ok := next.Field(pf.Code); ok && !next.FieldDisclosure(nf).AtLeast(prev.FieldDisclosure(pf)) {
			probs = append(probs, fmt.Sprintf("item %s field %s would be less protected than %s", next.Code, pf.Code, prev.FieldDisclosure(pf)))
		}
	}
	return append(probs, compatible(prev, next)...)
}

func orDefault(v, def string) string {
	if v != "" {
		return v
	}
	return def
}
