// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"slices"
	"testing"

	"github.com/xinrong/xinrong/internal/catalog"
)

func TestRun_GB18030DecodesToSameText(t *testing.T) {
	opt := Options{Enterprises: 1500, Seed: 5, BadRows: 0.05}
	dir, m := mustRun(t, opt)
	opt.utf8Only = true
	udir, um := mustRun(t, opt)
	n := 0
	for i, f := range m.Files {
		if f.Encoding != EncodingGB18030 {
			continue
		}
		n++
		if um.Files[i].Encoding != EncodingUTF8 {
			t.Fatalf("%s: utf8Only run wrote %s", f.Path, um.Files[i].Encoding)
		}
		h1, r1 := readRows(t, dir, f)
		h2, r2 := readRows(t, udir, um.Files[i])
		if !slices.Equal(h1, h2) || len(r1) != len(r2) {
			t.Fatalf("%s: header or row count differs from the UTF-8 file", f.Path)
		}
		for j := range r1 {
			if !slices.Equal(r1[j], r2[j]) {
				t.Fatalf("%s row %d: %q decoded, UTF-8 file has %q", f.Path, j, r1[j], r2[j])
			}
		}
	}
	if n == 0 {
		t.Fatal("no GB18030 file")
	}
}

func TestRun_Coverage(t *testing.T) {
	if testing.Short() {
		t.Skip("20,000 enterprises")
	}
	const n = 20000
	dir, m := mustRun(t, Options{Enterprises: n, Seed: 2024})
	cat, _ := catalog.Default()
	share := map[string]float64{}
	levels := map[string]float64{}
	for _, f := range m.Files {
		it, _ := cat.Item(f.Item)
		header, rows := readRows(t, dir, f)
		subj := slices.IndexFunc(header, func(h string) bool { x, _ := it.Resolve(h); return x.Code == it.SubjectField })
		lvl := slices.IndexFunc(header, func(h string) bool { x, _ := it.Resolve(h); return x.Code == "LEVEL" })
		seen := map[string]bool{}
		for _, r := range rows {
			seen[r[subj]] = true
			if f.Item == "TAX.LEVEL" {
				levels[r[lvl]]++
			}
		}
		share[f.Item] = float64(len(seen)) / n
	}
	for _, tc := range []struct {
		item   string
		lo, hi float64
	}{
		{"REG.JBXX", 1, 1}, {"PEN.XZCF", 0.015, 0.05}, {"LIC.XZXK", 0.2, 0.45}, {"DIS.SXBZXR", 0.0005, 0.01},
		{"ABN.JYYC", 0.03, 0.05}, {"TAX.LEVEL", 0.2, 0.33}, {"SOC.CBJF", 0.1, 0.2}, {"UTL.ELEC", 0.15, 0.3},
		{"RND.GXJS", 0.0005, 0.01}, {"IPR.ZL", 0.005, 0.03}, {"JUD.BZXR", 0.002, 0.015},
	} {
		if got := share[tc.item]; got < tc.lo || got > tc.hi {
			t.Errorf("%s covers %.4f of enterprises, want %.4f–%.4f", tc.item, got, tc.lo, tc.hi)
		}
	}
	total := 0.0
	for _, v := range levels {
		total += v
	}
	for lvl, want := range map[string][2]float64{"A": {0.06, 0.16}, "B": {0.4, 0.62}, "M": {0.2, 0.4}, "C": {0.02, 0.09}, "D": {0.01, 0.06}} {
		if got := levels[lvl] / total; got < want[0] || got > want[1] {
			t.Errorf("纳税信用 %s: %.3f, want %.2f–%.2f", lvl, got, want[0], want[1])
		}
	}
}
