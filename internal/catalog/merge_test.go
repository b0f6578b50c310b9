// SPDX-License-Identifier: Apache-2.0

package catalog_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
)

func mustLoadFile(tb testing.TB, path string) *catalog.Catalog {
	tb.Helper()
	c, err := catalog.LoadFile(path)
	if err != nil {
		tb.Fatalf("LoadFile(%s): %v", path, err)
	}
	return c
}

func TestMerge_Zhengzhou(t *testing.T) {
	base := MustDefault(t)
	baseHash := base.Hash
	zz := mustLoadFile(t, "testdata/supplement_zhengzhou.json")
	m, err := catalog.Merge(base, zz)
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	if got, want := len(m.Items), len(base.Items)+3; got != want {
		t.Fatalf("items=%d, want %d (3 added, 1 replaced)", got, want)
	}
	prt, err := m.Category("PRT")
	if err != nil || !prt.Local || prt.Region != "410100" || !strings.Contains(prt.Origin, "郑政办") {
		t.Fatalf("PRT=%+v, %v; want a local category of 410100 with its origin", prt, err)
	}
	nse, _ := m.Item("TAX.NSE")
	if _, ok := nse.Field("INVOICE_AMOUNT"); !ok || nse.Revision != 2 || !nse.Local || !nse.Replaces {
		t.Fatalf("TAX.NSE not replaced: %+v", nse)
	}
	if old, _ := base.Item("TAX.NSE"); old.Revision != 1 || base.Hash != baseHash || base.ComputeHash() != baseHash {
		t.Fatal("Merge changed its base")
	}
	if len(m.Supplements) != 1 || m.Supplements[0].Region != "410100" || m.Supplements[0].Hash != zz.Hash {
		t.Fatalf("Supplements=%+v", m.Supplements)
	}
	if m.Hash == baseHash || m.Hash != m.ComputeHash() {
		t.Fatalf("merged hash %s must differ from base %s and match its content", m.Hash, baseHash)
	}
	if err := catalog.CheckUpgrade(base, m); err != nil {
		t.Fatalf("base -> merged: %v", err)
	}
	if err := catalog.CheckUpgrade(m, base); !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "PRT.ZBJG removed") {
		t.Fatalf("merged -> base err=%v, want Conflict naming the removed item", err)
	}
}

func TestMerge_Layers(t *testing.T) {
	qh, err := catalog.Merge(MustDefault(t), mustLoadFile(t, "testdata/supplement_qinghai.json"))
	if err != nil {
		t.Fatalf("Merge qinghai: %v", err)
	}
	fczj, _ := qh.Item("POL.FCZJ")
	if !fczj.Local || fczj.Region != "630000" || fczj.Category != "POL" {
		t.Fatalf("POL.FCZJ=%+v; want a local item in the base category POL", fczj)
	}
	both, err := catalog.Merge(qh, mustLoadFile(t, "testdata/supplement_zhengzhou.json"))
	if err != nil {
		t.Fatalf("Merge zhengzhou on qinghai: %v", err)
	}
	var regions []string
	for _, l := range both.Supplements {
		regions = append(regions, l.Region)
	}
	if !slices.Equal(regions, []string{"630000", "410100"}) {
		t.Fatalf("layers=%v", regions)
	}
}

func TestMerge_Rules(t *testing.T) {
	tests := []struct {
		name   string
		change func(t *testing.T, base *catalog.Catalog, sup *catalog.Catalog)
		code   apperr.Code // "" = must merge
		want   string
	}{
		{"ErrItemExists", func(t *testing.T, b, s *catalog.Catalog) { s.Items = append(s.Items, item(t, b, "PEN.XZCF")) },
			apperr.Conflict, "item PEN.XZCF already exists"},
		{"ErrSameRevision", func(t *testing.T, b, s *catalog.Catalog) {
			it := item(t, b, "PEN.XZCF")
			it.Replaces = true
			s.Items = append(s.Items, it)
		}, apperr.Conflict, "revision 1 must be higher than 1"},
		{"ErrFieldDropped", func(t *testing.T, b, s *catalog.Catalog) {
			it := replacement(t, b, "PEN.XZCF")
			it.Fields = it.Fields[:len(it.Fields)-1]
			s.Items = append(s.Items, it)
		}, apperr.Conflict, "field BZ removed"},
		{"ErrLessProtected", func(t *testing.T, b, s *catalog.Catalog) {
			it := replacement(t, b, "TAX.NSE")
			it.Disclosure = catalog.Public
			s.Items = append(s.Items, it)
		}, apperr.Conflict, "less protected"},
		{"ErrCategoryMoved", func(t *testing.T, b, s *catalog.Catalog) {
			it := replacement(t, b, "TAX.QS")
			it.Category = "DIS"
			s.Items = append(s.Items, it)
		}, apperr.Conflict, "moved from category TAX to DIS"},
		{"ErrReplacesNothing", func(t *testing.T, b, s *catalog.Catalog) {
			it := replacement(t, b, "TAX.QS")
			it.Code = "TAX.QS2"
			s.Items = append(s.Items, it)
		}, apperr.Conflict, "item TAX.QS2 replaces nothing"},
		{"ErrCategoryExists", func(t *testing.T, b, s *catalog.Catalog) { s.Categories = append(s.Categories, b.Categories[0]) },
			apperr.Conflict, "category REG already exists"},
		{"ErrNoRegion", func(t *testing.T, b, s *catalog.Catalog) { s.Region = "" }, apperr.Invalid, "region"},
		{"ErrInvalidNewItem", func(t *testing.T, b, s *catalog.Catalog) {
			it := item(t, b, "TAX.QS")
			it.Code, it.Category = "XYZ.QS", "XYZ"
			s.Items = append(s.Items, it)
		}, apperr.Invalid, `item XYZ.QS: category "XYZ" does not exist`},
		{"OKDeprecate", func(t *testing.T, b, s *catalog.Catalog) {
			it := replacement(t, b, "UTL.GAS")
			it.Deprecated = true
			s.Items = append(s.Items, it)
		}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			base := MustDefault(t)
			sup := &catalog.Catalog{Version: 1, Name: "测试补充目录", Region: "640100", RegionName: "银川市", Origin: "测试"}
			tt.change(t, base, sup)
			m, err := catalog.Merge(base, sup)
			if tt.code == "" {
				if err != nil {
					t.Fatalf("Merge: %v", err)
				}
				if it, err := m.Item("UTL.GAS"); err != nil || !it.Deprecated {
					t.Fatalf("deprecated item must stay in the catalog: %+v %v", it, err)
				}
				return
			}
			if !apperr.Is(err, tt.code) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("Merge err=%v, want %s containing %q", err, tt.code, tt.want)
			}
		})
	}
}

func item(tb testing.TB, c *catalog.Catalog, code string) catalog.Item {
	tb.Helper()
	it, err := c.Item(code)
	if err != nil {
		tb.Fatal(err)
	}
	it.Fields = slices.Clone(it.Fields)
	return it
}

// replacement returns a copy of a base item marked as its next revision.
func replacement(tb testing.TB, c *catalog.Catalog, code string) catalog.Item {
	it := item(tb, c, code)
	it.Replaces, it.Revision = true, it.Revision+1
	return it
}
