// SPDX-License-Identifier: Apache-2.0

package ingest_test

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
)

func TestSafeCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+2": "'=1+2", "+86 951": "'+86 951", "-3": "'-3", "@SUM(A1)": "'@SUM(A1)", "\t=x": "'\t=x", "\r=x": "'\r=x",
		"": "", "银川": "银川", "1=1": "1=1", "'=x": "'=x",
	} {
		if got := ingest.SafeCell(in); got != want {
			t.Errorf("SafeCell(%q)=%q, want %q", in, got, want)
		}
	}
}

func seq(rs []ingest.Rejection, fail error) ingest.Rows {
	return func(yield func(ingest.Rejection, error) bool) {
		for _, r := range rs {
			if !yield(r, nil) {
				return
			}
		}
		if fail != nil {
			yield(ingest.Rejection{}, fail)
		}
	}
}

var sample = []ingest.Rejection{
	{Row: 2, Field: "IN_DATE", Label: "列入日期", Reason: "format", Msg: "日期格式错误", MsgEN: "bad date, use YYYY-MM-DD", Raw: "=HYPERLINK(\"http://x\")"},
	{Row: 7, Field: "", Label: "", Reason: "row", Msg: "该行没有可识别的字段", MsgEN: "the row has no known field", Raw: "@cmd"},
}

func TestWriteRejections_CSVAndXLSXAgree(t *testing.T) {
	var c, x bytes.Buffer
	n, err := ingest.WriteRejectionsCSV(&c, seq(sample, nil))
	if err != nil || n != 2 {
		t.Fatalf("csv: %d %v", n, err)
	}
	if !strings.HasPrefix(c.String(), "\ufeff") || !strings.Contains(c.String(), "\r\n") {
		t.Fatalf("csv lacks the BOM or CRLF: %q", c.String())
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{ingest.RejectionColumns,
		{"2", "IN_DATE", "列入日期", "format", "日期格式错误", "bad date, use YYYY-MM-DD", "'=HYPERLINK(\"http://x\")"},
		{"7", "", "", "row", "该行没有可识别的字段", "the row has no known field", "'@cmd"}}
	if fmt.Sprint(recs) != fmt.Sprint(want) {
		t.Fatalf("csv\n%q\nwant\n%q", recs, want)
	}
	if n, err = ingest.WriteRejectionsXLSX(&x, seq(sample, nil)); err != nil || n != 2 {
		t.Fatalf("xlsx: %d %v", n, err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(ingest.SheetRejections)
	if err != nil {
		t.Fatal(err)
	}
	for i := range want {
		for len(rows[i]) < len(want[i]) {
			rows[i] = append(rows[i], "") // GetRows drops empty trailing cells
		}
	}
	if fmt.Sprint(rows) != fmt.Sprint(want) {
		t.Fatalf("xlsx\n%q\nwant\n%q", rows, want)
	}
	if typ, _ := f.GetCellType(ingest.SheetRejections, "A2"); typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset {
		t.Errorf("row number cell type %v, want a number", typ)
	}
}

// TestWriteRejections_ErrBeforeOutput: a failing query reaches the caller
// before any byte reaches the writer, so it can still answer with an error.
func TestWriteRejections_ErrBeforeOutput(t *testing.T) {
	boom := errors.New("database gone")
	for name, write := range map[string]func(io.Writer, ingest.Rows) (int64, error){
		"CSV": ingest.WriteRejectionsCSV, "XLSX": ingest.WriteRejectionsXLSX,
	} {
		var out bytes.Buffer
		if _, err := write(&out, seq(nil, boom)); !errors.Is(err, boom) || out.Len() != 0 {
			t.Errorf("%s: err=%v, %d bytes written; want the error and nothing written", name, err, out.Len())
		}
	}
}

func TestWriteQuality(t *testing.T) {
	qs := []ingest.Quality{
		{Provider: "P-SW-640000", ProviderName: "=税务局", Item: "TAX.LEVEL", ItemName: "纳税信用等级", Frequency: catalog.Yearly,
			LastDelivery: time.Date(2026, 3, 31, 17, 30, 0, 0, time.UTC), Batches: 2, Received: 10, Rejected: 1, ErrorRate: 0.1,
			Subjects: 9, Expected: 12, CollectionRate: 0.75,
			Completeness: []ingest.FieldFill{{Field: "USCC", Label: "统一社会信用代码", Filled: 9, Rate: 1}, {Field: "TAX_ORG", Label: "主管税务机关", Filled: 3, Rate: 1.0 / 3}}},
		{Provider: "P-SCJG-640000", ProviderName: "市场监督管理厅", Item: "ABN.JYYC", ItemName: "经营异常名录", Frequency: catalog.Daily, Late: true},
	}
	var c bytes.Buffer
	if err := ingest.WriteQualityCSV(&c, qs); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(strings.TrimPrefix(c.String(), "\ufeff"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"P-SW-640000", "'=税务局", "TAX.LEVEL", "纳税信用等级", "每年 yearly", "2026-04-01 01:30:00", "否 no", "2", "10", "1", "0",
		"0.1000", "0.7500", "9", "12"}
	if len(recs) != 3 || strings.Join(recs[1], "|") != strings.Join(want, "|") {
		t.Fatalf("csv row\n%q\nwant\n%q", recs, want)
	}
	if got := recs[2][12]; got != "" || recs[2][6] != "是 yes" || recs[2][5] != "" {
		t.Fatalf("item without expected population: %q", recs[2])
	}
	var x bytes.Buffer
	if err := ingest.WriteQualityXLSX(&x, qs); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&x)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	main, _ := f.GetRows(ingest.SheetQuality)
	comp, _ := f.GetRows(ingest.SheetCompleteness)
	if len(main) != 3 || main[1][1] != "'=税务局" || main[1][11] != "10.00%" || main[1][12] != "75.00%" {
		t.Fatalf("quality sheet %q", main)
	}
	if len(comp) != 3 || comp[2][2] != "TAX_ORG" || comp[2][5] != "33.33%" {
		t.Fatalf("completeness sheet %q", comp)
	}
}

// FuzzWriteRejectionsCSV: whatever a provider sent, the export parses back
// to the value with at most a leading quote, and no cell starts a formula.
func FuzzWriteRejectionsCSV(f *testing.F) {
	for _, s := range []string{"=1+2", "+cmd|' /C calc'!A0", "-", "@", "a,b\"c\nd", "\t=x", "银川", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		var b bytes.Buffer
		r := ingest.Rejection{Row: 1, Field: raw, Label: raw, Reason: "r", Msg: raw, MsgEN: raw, Raw: raw}
		if _, err := ingest.WriteRejectionsCSV(&b, seq([]ingest.Rejection{r}, nil)); err != nil {
			t.Fatal(err)
		}
		cr := csv.NewReader(strings.NewReader(strings.TrimPrefix(b.String(), "\ufeff")))
		cr.LazyQuotes = false
		recs, err := cr.ReadAll()
		if err != nil {
			return // encoding/csv does not read back every string it writes (a lone \r); Excel is the reader that matters
		}
		for _, rec := range recs[1:] {
			for _, cell := range rec {
				if cell != "" && strings.ContainsRune("=+-@\t\r", rune(cell[0])) {
					t.Fatalf("cell %q starts a formula", cell)
				}
			}
		}
	})
}

func BenchmarkWriteRejectionsCSV(b *testing.B) {
	rs := make([]ingest.Rejection, 10_000)
	for i := range rs {
		rs[i] = sample[i%2]
		rs[i].Row = int64(i + 2)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := ingest.WriteRejectionsCSV(io.Discard, seq(rs, nil)); err != nil {
			b.Fatal(err)
		}
	}
}
