// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/subject"
)

// mustRun generates into a fresh temporary directory.
func mustRun(tb testing.TB, opt Options) (string, Manifest) {
	tb.Helper()
	opt.Out = tb.TempDir()
	m, err := Run(context.Background(), opt, nil)
	if err != nil {
		tb.Fatal(err)
	}
	return opt.Out, m
}

func TestRun_SameSeedSameBytes(t *testing.T) {
	opt := Options{Enterprises: 3000, Seed: 42, BadRows: 0.05}
	a, ma := mustRun(t, opt)
	b, _ := mustRun(t, opt)
	files := []string{ManifestName}
	for _, f := range ma.Files {
		files = append(files, f.Path)
	}
	for _, p := range files {
		x, err := os.ReadFile(filepath.Join(a, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		y, err := os.ReadFile(filepath.Join(b, filepath.FromSlash(p)))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(x, y) {
			t.Errorf("%s differs between two runs with the same seed", p)
		}
	}
	_, mc := mustRun(t, Options{Enterprises: 3000, Seed: 43, BadRows: 0.05})
	if mc.Files[0].SHA256 == ma.Files[0].SHA256 {
		t.Error("a different seed gave the same registration file")
	}
	if !mc.Created.Equal(createdAt(43)) || mc.Created.Equal(ma.Created) {
		t.Errorf("created %v is not derived from the seed", mc.Created)
	}
}

func TestRun_ManifestMatchesFiles(t *testing.T) {
	for _, tc := range []struct {
		region string
		n      int
	}{{DefaultRegion, 4000}, {"350000", 2500}} {
		t.Run(tc.region, func(t *testing.T) { testManifest(t, tc.region, tc.n) })
	}
}

func testManifest(t *testing.T, region string, n int) {
	dir, m := mustRun(t, Options{Enterprises: n, Seed: 9, BadRows: 0.08, Region: region})
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(m.Files), len(cat.Items); got != want {
		t.Fatalf("%d files for %d catalog items", got, want)
	}
	read, err := ReadManifest(dir)
	if err != nil || read.Seed != 9 || len(read.Files) != len(m.Files) {
		t.Fatalf("ReadManifest = %+v, %v", read.Seed, err)
	}
	master := masterCodes(t, 9, n, region)
	fileMaster := map[string]bool{} // the master as loaded from the registration file
	if m.Files[0].Item != masterItem {
		t.Fatalf("first file is %s, want the registration item", m.Files[0].Item)
	}
	formats := map[string]bool{}
	var totals [3]int
	kinds := map[string]int{}
	for _, f := range m.Files {
		raw, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(f.Path)))
		if err != nil {
			t.Fatal(err)
		}
		sum := sha256.Sum256(raw)
		if got := hex.EncodeToString(sum[:]); got != f.SHA256 || int64(len(raw)) != f.Bytes {
			t.Errorf("%s: sha256 %s (%d bytes), manifest says %s (%d)", f.Path, got, len(raw), f.SHA256, f.Bytes)
		}
		formats[f.Format+"/"+f.Encoding+"/"+f.Header] = true
		it, err := cat.Item(f.Item)
		if err != nil {
			t.Fatal(err)
		}
		header, rows := readRows(t, dir, f)
		if got, want := len(rows), f.Rows; got != want {
			t.Errorf("%s: %d rows, manifest says %d", f.Path, got, want)
		}
		for _, h := range header {
			if _, ok := it.Resolve(h); !ok {
				t.Errorf("%s: column %q names no field of %s", f.Path, h, it.Code)
			}
		}
		rj, q, nm := checkReceipt(t, f, it, header, rows, master, fileMaster)
		totals[0] += rj
		totals[1] += q
		totals[2] += nm
		for k, n := range f.BadRows {
			kinds[k] += n
		}
	}
	if totals[0] == 0 || totals[1] == 0 || totals[2] == 0 {
		t.Errorf("rejected, quarantined, normalised rows: %v; want some of each", totals)
	}
	for _, k := range BadKinds() {
		if kinds[k.Kind] == 0 {
			t.Errorf("no bad row of kind %s in any file", k.Kind)
		}
	}
	for _, want := range []string{"csv/utf-8/code", "csv/utf-8-bom/code", "csv/gb18030/label", "xlsx/utf-8/label", "jsonl/utf-8/code", "jsonl/utf-8/alias"} {
		if !formats[want] {
			t.Errorf("no file is %s", want)
		}
	}
}

// masterCodes returns every identifier of the generated enterprises.
func masterCodes(t *testing.T, seed uint64, n int, region string) map[string]bool {
	t.Helper()
	g := mustNew(t, seed, n, region)
	out := map[string]bool{}
	for _, s := range g.All() {
		out[s.USCC] = true
		for _, a := range s.Aliases {
			out[a.Value] = true
		}
	}
	return out
}

// checkReceipt classifies every row as an ingest would and compares the
// outcome with the manifest's bad-row counts: good rows must pass the
// catalog's validation, broken rows must fail it (or be quarantined, or
// be repaired by normalisation) exactly as many times as the manifest says.
//
// fileMaster collects the enterprises the registration file (the first)
// delivers intact; the other files' good rows that name none of them must
// be the manifest's rows_without_master.
func checkReceipt(t *testing.T, f File, it catalog.Item, header []string, rows [][]string, master, fileMaster map[string]bool) (rejected, quarantined, normalised int) {
	t.Helper()
	var got [numBadKinds]int
	noMaster := 0
	keys := map[string]int{}
	pairs := datePairs(it, fieldIndex(it))
	for n, r := range rows {
		switch {
		case len(r) < len(header):
			got[BadTooFewColumns]++
			continue
		case len(r) > len(header):
			got[BadTooManyColumns]++
			continue
		}
		row := map[string]string{}
		for i, h := range header {
			row[h] = r[i]
		}
		norm, errs := it.NormalizeRow(row)
		rawCode := row[header[slices.IndexFunc(header, func(h string) bool { f, _ := it.Resolve(h); return f.Code == it.SubjectField })]]
		code := subject.Normalize(rawCode)
		valid := len(code) == 15 || subject.Check(code, subject.CheckOptions{AcceptPilot: true}).Valid
		broken := len(errs) > 0 || !valid || endBeforeStart(it, pairs, norm)
		switch {
		case broken:
			rejected++
		case !master[code]:
			quarantined++
		case rawCode != code:
			normalised++
		}
		if !broken {
			var key []string
			for _, k := range it.NaturalKey {
				key = append(key, norm[k])
			}
			k := strings.Join(key, "|")
			if prev, dup := keys[k]; dup {
				t.Errorf("%s: rows %d and %d share the natural key %s", f.Path, prev+2, n+2, k)
			}
			keys[k] = n
		}
		if !broken && master[code] {
			switch {
			case it.Code == masterItem:
				fileMaster[code] = true
				fileMaster[norm["REG_NO"]] = true
			case !fileMaster[code]:
				noMaster++
			}
		}
	}
	want := func(ks ...BadKind) (n int) {
		for _, k := range ks {
			n += f.BadRows[k.String()]
		}
		return n
	}
	for _, k := range []BadKind{BadTooFewColumns, BadTooManyColumns} {
		if got[k] != want(k) {
			t.Errorf("%s: %d rows of kind %s, manifest says %d", f.Path, got[k], k, want(k))
		}
	}
	if w := want(BadUSCCCheck, BadUSCCLength, BadUSCCCharset, BadMissing, BadDate, BadAmountText, BadEnum, BadEndBeforeStart); rejected != w {
		t.Errorf("%s: %d rows fail validation, manifest says %d broken", f.Path, rejected, w)
	}
	if w := want(BadUnknownSubject); quarantined != w {
		t.Errorf("%s: %d rows name no known enterprise, manifest says %d", f.Path, quarantined, w)
	}
	if w := want(BadTrailingSpace, BadFullWidth); normalised != w {
		t.Errorf("%s: %d rows need normalising, manifest says %d", f.Path, normalised, w)
	}
	if noMaster != f.RowsWithoutMaster {
		t.Errorf("%s: %d good rows name an enterprise the registration file lost, manifest says %d", f.Path, noMaster, f.RowsWithoutMaster)
	}
	return rejected, quarantined, normalised
}

func fieldIndex(it catalog.Item) map[string]int {
	m := map[string]int{}
	for i, f := range it.Fields {
		m[f.Code] = i
	}
	return m
}

func endBeforeStart(it catalog.Item, pairs [][2]int, norm map[string]string) bool {
	for _, p := range pairs {
		a, b := norm[it.Fields[p[0]].Code], norm[it.Fields[p[1]].Code]
		if a != "" && b != "" && b < a {
			return true
		}
	}
	return false
}
