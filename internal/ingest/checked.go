// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"encoding/json"
	"slices"
	"sync"

	"github.com/xinrong/xinrong/internal/catalog"
)

// rowMaps recycles the maps of file rows: a map per row of a million-row
// file was a large share of the garbage. Validation copies what it keeps.
var rowMaps = sync.Pool{New: func() any { return make(map[string]string, 32) }}

// fieldSet is a set of field indexes; items have at most a few dozen
// fields. ok is false for an item too wide for it (counted from the map).
type fieldSet struct {
	bits [2]uint64
	ok   bool
}

func filledFields(it catalog.Item, norm map[string]string) fieldSet {
	var fs fieldSet
	if len(it.Fields) > 128 {
		return fs
	}
	fs.ok = true
	for i, f := range it.Fields {
		if norm[f.Code] != "" {
			fs.bits[i>>6] |= 1 << (i & 63)
		}
	}
	return fs
}

func (p *processor) sortedCodes() []string {
	p.sortOnce.Do(func() {
		for _, f := range p.item.Fields {
			p.sorted = append(p.sorted, f.Code)
		}
		slices.Sort(p.sorted)
	})
	return p.sorted
}

// values returns the normalized row, decoding it again from its JSON
// when the map was dropped after validation.
func (c *checked) values() map[string]string {
	if c.norm == nil && c.ok {
		m := map[string]string{}
		_ = json.Unmarshal(c.data, &m) // made by canonical: cannot fail
		return m
	}
	return c.norm
}

func cloneFill(m map[string]int64) map[string]int64 {
	out := make(map[string]int64, len(m))
	for k, v := range m {
		out[k] = v
	}
	return out
}

// clip shortens a raw value kept for the rejection report.
func clip(s string) string {
	const max = 300
	if len(s) <= max {
		return s
	}
	for i := max; i > 0; i-- {
		if s[i]&0xC0 != 0x80 { // start of a UTF-8 sequence
			return s[:i] + "…"
		}
	}
	return ""
}
