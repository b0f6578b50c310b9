// SPDX-License-Identifier: Apache-2.0

package ingest

import "github.com/xinrong/xinrong/internal/catalog"

// Mapping is a provider's own column names for one item, saved as a
// template: provider column → field code.
type Mapping map[string]string

// columnMap returns a function naming the field a column means: the
// provider's template first, then the catalog's codes, aliases and labels.
// It returns "" for a column that means nothing.
func columnMap(it catalog.Item, m Mapping) func(string) string {
	cache := map[string]string{}
	return func(col string) string {
		if code, ok := cache[col]; ok {
			return code
		}
		code := ""
		if c, ok := m[col]; ok {
			if _, known := it.Field(c); known {
				code = c
			}
		}
		if code == "" {
			if f, ok := it.Resolve(col); ok {
				code = f.Code
			}
		}
		cache[col] = code
		return code
	}
}
