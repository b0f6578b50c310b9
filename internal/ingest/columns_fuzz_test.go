// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/catalog"
)

// FuzzColumnMap feeds arbitrary provider column names and templates to the
// mapping: it never panics, maps only to fields of the item, and a
// template naming a real field always wins.
func FuzzColumnMap(f *testing.F) {
	c, err := catalog.Default()
	if err != nil {
		f.Fatal(err)
	}
	it, _ := c.Item("PEN.XZCF")
	for _, s := range []string{"CF_WSH", "行政处罚决定书文号", " cf_wsh ", "COMP_NAME", "（）", "", "\x00", "罚款金额(万元)"} {
		f.Add(s, "CF_JDRQ")
	}
	f.Fuzz(func(t *testing.T, col, target string) {
		m := columnMap(it, Mapping{col: target})
		got := m(col)
		if got != "" {
			if _, ok := it.Field(got); !ok {
				t.Fatalf("column %q mapped to %q, which is not a field of %s", col, got, it.Code)
			}
		}
		if _, ok := it.Field(target); ok && got != target {
			t.Fatalf("template %q→%q ignored, got %q", col, target, got)
		}
		if m(col) != got {
			t.Fatal("mapping is not stable")
		}
		plain := columnMap(it, nil)
		if f, ok := it.Resolve(strings.TrimSpace(col)); ok && plain(col) != f.Code && strings.TrimSpace(col) == col {
			t.Fatalf("catalog resolves %q to %s, mapping gives %q", col, f.Code, plain(col))
		}
	})
}
