// SPDX-License-Identifier: Apache-2.0

package catalog

import "sync"

// A batch of a million rows asks the same questions of its item a million
// times: which field does column "处罚决定书文号" mean, which stored value
// does "罚款" spell. Answering them by folding every field name, alias and
// enum spelling on every row cost about 14 s of CPU per million penalty
// rows; the indexes below are built once per item and per enum field.
//
// They are keyed by the address of the first element of the item's Fields
// (or the field's Enum) and its length: copies of an Item share that array,
// a catalog is never edited in place once loaded, and a new catalog version
// is a new array. The cache holds one small entry per item of every catalog
// version the process has used.

// columns maps what a provider may write as a column header to the field's
// index in Item.Fields.
type columns struct {
	exact  map[string]int // field code as written
	folded map[string]int // folded code, Chinese label or alias; the first field wins
}

type sliceKey[T any] struct {
	first *T
	n     int
}

var (
	columnIndexes sync.Map // sliceKey[Field] → *columns
	enumIndexes   sync.Map // sliceKey[EnumValue] → map[string]string
)

// columnIndex returns the item's column index, building it once.
func (it Item) columnIndex() *columns {
	if len(it.Fields) == 0 {
		return &columns{}
	}
	key := sliceKey[Field]{&it.Fields[0], len(it.Fields)}
	if c, ok := columnIndexes.Load(key); ok {
		return c.(*columns)
	}
	c := &columns{exact: make(map[string]int, len(it.Fields)), folded: make(map[string]int, 3*len(it.Fields))}
	put := func(k string, i int) {
		if _, ok := c.folded[k]; !ok {
			c.folded[k] = i
		}
	}
	for i, f := range it.Fields {
		if _, ok := c.exact[f.Code]; !ok {
			c.exact[f.Code] = i
		}
		put(foldKey(f.Code), i)
		put(foldKey(f.Name), i)
		for _, a := range f.Aliases {
			put(foldKey(a), i)
		}
	}
	v, _ := columnIndexes.LoadOrStore(key, c)
	return v.(*columns)
}

// fieldIndexOf returns the index of the field with this exact code, or -1.
func (it Item) fieldIndexOf(code string) int {
	if i, ok := it.columnIndex().exact[code]; ok {
		return i
	}
	return -1
}

// resolveIndex is Resolve returning the field's index, or -1.
func (it Item) resolveIndex(column string) int {
	c := it.columnIndex()
	if i, ok := c.exact[column]; ok {
		return i
	}
	if i, ok := c.folded[foldKey(column)]; ok {
		return i
	}
	return -1
}

// enumIndex maps every folded spelling of the field's values (value, alias,
// label, in catalog order; the first wins) to the stored value.
func (f Field) enumIndex() map[string]string {
	if len(f.Enum) == 0 {
		return nil
	}
	key := sliceKey[EnumValue]{&f.Enum[0], len(f.Enum)}
	if m, ok := enumIndexes.Load(key); ok {
		return m.(map[string]string)
	}
	m := make(map[string]string, 3*len(f.Enum))
	for _, ev := range f.Enum {
		for _, n := range ev.names() {
			if k := foldKey(n); m[k] == "" {
				m[k] = ev.Value
			}
		}
	}
	v, _ := enumIndexes.LoadOrStore(key, m)
	return v.(map[string]string)
}
