// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"sync"

	"github.com/xinrong/xinrong/internal/catalog"
)

// fieldSets keeps, for the catalog in force, each item's fields a caller
// at each level may read, so that a release does not re-derive 46 items'
// field classes. The slices are shared and must not be modified.
type fieldSets struct {
	mu  sync.Mutex
	cat *catalog.Catalog
	m   map[string]*[LevelFull + 1][]catalog.Field
}

// of returns the fields of it readable at level l, and whether some of
// its fields are not.
func (fs *fieldSets) of(cat *catalog.Catalog, it catalog.Item, l Level) ([]catalog.Field, bool) {
	fs.mu.Lock()
	if fs.cat != cat {
		fs.cat, fs.m = cat, map[string]*[LevelFull + 1][]catalog.Field{}
	}
	byLevel, ok := fs.m[it.Code]
	if !ok {
		byLevel = new([LevelFull + 1][]catalog.Field)
		for lv := LevelPublic; lv <= LevelFull; lv++ {
			for _, f := range it.Fields {
				if fieldLevel(it, f) <= lv {
					byLevel[lv] = append(byLevel[lv], f)
				}
			}
		}
		fs.m[it.Code] = byLevel
	}
	fs.mu.Unlock()
	fields := byLevel[min(max(l, LevelNone), LevelFull)]
	return fields, len(fields) < len(it.Fields)
}
