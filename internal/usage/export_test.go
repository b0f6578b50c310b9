// SPDX-License-Identifier: Apache-2.0

package usage_test

import (
	"bytes"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/usage"
)

func sampleFeedback() usage.Feedback {
	return usage.Feedback{Month: "2026-10", Rows: []usage.Row{{
		Count:        usage.Count{Month: "2026-10", Provider: "P-SW", OrgID: "O1", Item: "TAX.LEVEL", Purpose: "pre_loan", Action: "report", Accesses: 7},
		ProviderName: "税务局", OrgName: "=HYPERLINK(\"x\")银行", OrgKind: access.OrgInstitution, ItemName: "纳税信用等级", ItemNameEN: "Tax credit grade"}}}
}

func TestWriteCSV(t *testing.T) {
	var b bytes.Buffer
	if err := usage.WriteCSV(&b, sampleFeedback()); err != nil {
		t.Fatal(err)
	}
	s := b.String()
	if !strings.HasPrefix(s, "\ufeff月份 Month,") || !strings.Contains(s, "\r\n") {
		t.Fatalf("header or line ends: %q", s[:min(len(s), 80)])
	}
	for _, want := range []string{"2026-10,P-SW,税务局,", "'=HYPERLINK", "贷前审查 Pre-loan review", "报告 Report", ",7\r\n"} {
		if !strings.Contains(s, want) {
			t.Errorf("CSV lacks %q: %s", want, s)
		}
	}
}

func TestWriteXLSX(t *testing.T) {
	var b bytes.Buffer
	if err := usage.WriteXLSX(&b, sampleFeedback()); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(usage.SheetUsage)
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 2 || rows[0][0] != "月份 Month" || rows[1][11] != "7" || rows[1][6] != "纳税信用等级" {
		t.Fatalf("rows %q", rows)
	}
}

func TestParseMonth(t *testing.T) {
	now := time.Date(2026, 10, 31, 17, 0, 0, 0, time.UTC) // already November in Shanghai
	for in, want := range map[string]string{"": "2026-11", "2025-01": "2025-01", " 2025-12 ": "2025-12"} {
		if got, err := usage.ParseMonth(in, now); err != nil || got != want {
			t.Errorf("ParseMonth(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	for _, bad := range []string{"2025-13", "2025-1", "25-01", "2025/01", "2025-00"} {
		if _, err := usage.ParseMonth(bad, now); err == nil {
			t.Errorf("ParseMonth(%q) accepted", bad)
		}
	}
}

func FuzzParseMonth(f *testing.F) {
	for _, s := range []string{"2025-01", "", "2025-13", "abcd-ef"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		m, err := usage.ParseMonth(s, time.Now())
		if err != nil {
			return
		}
		if _, perr := time.Parse("2006-01", m); perr != nil {
			t.Fatalf("ParseMonth(%q) = %q, not a month", s, m)
		}
	})
}

func BenchmarkWriteCSV(b *testing.B) {
	fb := sampleFeedback()
	for b.Loop() {
		var buf bytes.Buffer
		_ = usage.WriteCSV(&buf, fb)
	}
}

func BenchmarkTally(b *testing.B) {
	var recs []audit.Record
	at := time.Date(2026, 10, 1, 8, 0, 0, 0, time.UTC)
	for i := range 1000 {
		recs = append(recs, audit.Record{Index: int64(i), Event: audit.Event{Kind: "report.issued/v1", Time: at,
			Actor: audit.Actor{OrgID: "O" + strconv.Itoa(i%20)},
			Items: []string{"PEN.XZCF", "TAX.LEVEL", "TAX.NSE", "REG.NB"}, Purpose: "pre_loan", Outcome: audit.OutcomeOK,
			Details: map[string]string{"providers": "P-A,P-B"}}})
	}
	items := map[string][]string{"P-A": {"PEN.XZCF", "REG.NB"}, "P-B": {"TAX.LEVEL", "TAX.NSE"}}
	for b.Loop() {
		if len(usage.Tally(recs, items)) == 0 {
			b.Fatal("nothing counted")
		}
	}
}
