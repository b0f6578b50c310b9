// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
)

func mustCatalog(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	c, err := catalog.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func mustPrograms(tb testing.TB) (map[string]program, map[string]Template) {
	tb.Helper()
	ts, err := bind(Builtin, mustCatalog(tb))
	if err != nil {
		tb.Fatal(err)
	}
	env, err := newEnv()
	if err != nil {
		tb.Fatal(err)
	}
	progs, byCode := map[string]program{}, map[string]Template{}
	for _, t := range ts {
		if progs[t.Code], err = compile(env, t); err != nil {
			tb.Fatal(err)
		}
		byCode[t.Code] = t
	}
	return progs, byCode
}

// taxRecords returns n monthly total tax rows ending in February 2026,
// typed as the gate's records would be, each paying fen.
func taxRecords(tb testing.TB, n int, fen int64) []map[string]any {
	tb.Helper()
	it, err := mustCatalog(tb).Item("TAX.NSE")
	if err != nil {
		tb.Fatal(err)
	}
	var out []map[string]any
	m := time.Date(2026, 2, 1, 0, 0, 0, 0, time.UTC)
	for range n {
		r, err := typedRecord(it, map[string]string{"USCC": "x", "NAME": "x", "PERIOD_TYPE": "M", "TAX_TYPE": "合计",
			"PERIOD_FROM": m.Format(time.DateOnly), "PERIOD_TO": m.AddDate(0, 1, -1).Format(time.DateOnly),
			"TAX_PAID": fmt.Sprint(fen)})
		if err != nil {
			tb.Fatal(err)
		}
		out = append(out, r)
		m = m.AddDate(0, -1, 0)
	}
	return out
}

var asOf = time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)

func TestEval_TaxWindowAndTotals(t *testing.T) {
	progs, _ := mustPrograms(t)
	recs := taxRecords(t, 24, 100) // 24 months; only the last 12 count
	for _, tc := range []struct {
		amount int64
		want   bool
	}{{0, true}, {1200, true}, {1201, false}} {
		got, err := progs["tax_paid_12m_at_least"].eval(activation{records: map[string][]map[string]any{"TAX.NSE": recs},
			params: map[string]any{"amount": tc.amount}, asOf: asOf})
		if err != nil || got != tc.want {
			t.Errorf("amount %d: %v, %v; want %v", tc.amount, got, err, tc.want)
		}
	}
}

func TestEval_CostLimitStopsARunawayRule(t *testing.T) {
	env, err := newEnv()
	if err != nil {
		t.Fatal(err)
	}
	p, err := compile(env, Template{Code: "runaway", Rule: `lists.range(2000).all(i, lists.range(2000).all(j, i + j >= 0))`})
	if err != nil {
		t.Fatal(err)
	}
	_, err = p.eval(activation{records: map[string][]map[string]any{}, params: map[string]any{}, asOf: asOf})
	if err == nil || !strings.Contains(err.Error(), "cost") {
		t.Fatalf("err = %v, want the cost limit", err)
	}
}

func TestCompile_RefusesNonBoolRule(t *testing.T) {
	env, _ := newEnv()
	if _, err := compile(env, Template{Code: "n", Rule: `1 + 2`}); err == nil {
		t.Fatal("an int rule compiled")
	}
	if _, err := compile(env, Template{Code: "n", Rule: `records[`}); err == nil {
		t.Fatal("a broken rule compiled")
	}
}

func TestBind_RefusesTemplatesTheCatalogCannotServe(t *testing.T) {
	c := mustCatalog(t)
	for _, tp := range []Template{
		{Code: "x", Items: []string{"NO.SUCH"}},
		{Code: "x", Items: []string{"TAX.LEVEL"}, Params: []Param{{Name: "g", Kind: ParamEnumSet, EnumOf: "TAX.LEVEL/NAME"}}},
		{Code: "x", Items: []string{"TAX.LEVEL"}, Params: []Param{{Name: "n", Kind: ParamCount, Min: 5, Max: 1}}},
		{Code: "x"},
	} {
		if _, err := bind([]Template{tp}, c); err == nil {
			t.Errorf("template %+v bound", tp)
		}
	}
	ts, err := bind(Builtin, c)
	if err != nil {
		t.Fatal(err)
	}
	for _, tp := range ts {
		if tp.Code == "tax_grade_in" && strings.Join(tp.Params[0].Values, "") != "ABMCD" {
			t.Fatalf("grades = %v, want the catalog's A B M C D", tp.Params[0].Values)
		}
	}
}

// BenchmarkEval_TaxPaid12m is the rule over a year of monthly tax rows,
// records already typed (what the gate's callback does after conversion).
func BenchmarkEval_TaxPaid12m(b *testing.B) {
	progs, _ := mustPrograms(b)
	a := activation{records: map[string][]map[string]any{"TAX.NSE": taxRecords(b, 12, 1_000_000)},
		params: map[string]any{"amount": int64(5_000_000)}, asOf: asOf}
	p := progs["tax_paid_12m_at_least"]
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := p.eval(a); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkEval_NoSeizure is a short rule over two records, close to the
// "6-clause rule" of the stack notes.
func BenchmarkEval_NoSeizure(b *testing.B) {
	progs, _ := mustPrograms(b)
	day := func(s string) time.Time { t, _ := time.Parse(time.DateOnly, s); return t }
	a := activation{records: map[string][]map[string]any{"EST.CFDJ": {
		{"SEIZURE_FROM": day("2024-01-01"), "SEIZURE_TO": day("2025-01-01")},
		{"SEIZURE_FROM": day("2027-01-01")},
	}}, params: map[string]any{}, asOf: asOf}
	p := progs["estate_no_seizure"]
	b.ReportAllocs()
	for b.Loop() {
		if ok, err := p.eval(a); err != nil || !ok {
			b.Fatal(ok, err)
		}
	}
}

// BenchmarkTypedRecords converts a year of stored tax rows to rule values.
func BenchmarkTypedRecords(b *testing.B) {
	it, _ := mustCatalog(b).Item("TAX.NSE")
	data := map[string]string{"USCC": "x", "NAME": "x", "PERIOD_TYPE": "M", "TAX_TYPE": "合计",
		"PERIOD_FROM": "2026-01-01", "PERIOD_TO": "2026-01-31", "TAX_PAID": "1000000", "SALES": "52000000"}
	b.ReportAllocs()
	for b.Loop() {
		for range 12 {
			if _, err := typedRecord(it, data); err != nil {
				b.Fatal(err)
			}
		}
	}
}
