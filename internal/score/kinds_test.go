// SPDX-License-Identifier: Apache-2.0

package score

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
)

// at is the evaluation time of the hand-built cases.
var at = time.Date(2026, 11, 20, 8, 0, 0, 0, time.UTC)

func mustCatalog(tb testing.TB) *catalog.Catalog {
	tb.Helper()
	c, err := catalog.Default()
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

// oneIndicator compiles a model of one dimension holding in (plus a
// constant indicator so that the dimension can earn points).
func oneIndicator(tb testing.TB, in string) *Compiled {
	tb.Helper()
	js := `{"version":"t1","name":"t","name_en":"t","scale":{"code":"AB","name":"t","bands":[
	 {"grade":"A","min":500,"meaning":"好","meaning_en":"good"},{"grade":"B","min":0,"meaning":"差","meaning_en":"bad"}]},
	 "dimensions":[{"code":"D","name":"维度","name_en":"dim","weight":1,"indicators":[` + in + `]}]}`
	c, err := Load(strings.NewReader(js), mustCatalog(tb))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func rec(item, id string, data map[string]string) ingest.Record {
	return ingest.Record{Item: item, ID: id, Status: ingest.RecordActive, Data: data}
}

func facts(tb testing.TB, c *Compiled, rs ...ingest.Record) []Fact {
	var out []Fact
	for _, r := range rs {
		if f, ok := c.FactOf(r); ok {
			out = append(out, f)
		}
	}
	return out
}

func TestIndicatorKinds(t *testing.T) {
	pen := func(id, date string) ingest.Record {
		return rec("PEN.XZCF", id, map[string]string{"CF_JDRQ": date, "CF_NR_FK": "200000"})
	}
	cases := []struct {
		name      string
		indicator string
		records   []ingest.Record
		marks     map[string]gate.Mark
		value     float64
		text      string
		missing   bool
		points    float64
	}{
		{"CountInWindow", `{"code":"P","name":"处罚","name_en":"p","kind":"count","items":["PEN.XZCF"],"window_months":12,
			"points":[{"upto":0,"points":10},{"upto":1,"points":5},{"points":0}],"reason":"有处罚","reason_en":"penalties"}`,
			[]ingest.Record{pen("1", "2026-10-01"), pen("2", "2026-01-05"), pen("3", "2025-06-01")}, nil, 2, "", false, 0},
		{"CountIgnoresRevokedRepairedAndExpired", `{"code":"P","name":"处罚","name_en":"p","kind":"count","items":["PEN.XZCF"],
			"points":[{"upto":0,"points":10},{"points":0}],"reason":"有处罚","reason_en":"penalties"}`,
			[]ingest.Record{pen("1", "2026-10-01"), {Item: "PEN.XZCF", ID: "2", Status: ingest.RecordRevoked, Data: map[string]string{"CF_JDRQ": "2026-10-01"}},
				pen("3", "2026-09-01"), pen("4", "2025-01-01")},
			map[string]gate.Mark{"3": {Repaired: true}}, 1, "", false, 0},
		{"CountBySeverity", `{"code":"S","name":"严重失信","name_en":"s","kind":"count","severity":"serious",
			"points":[{"upto":0,"points":10},{"points":0}],"reason":"严重失信","reason_en":"serious"}`,
			[]ingest.Record{rec("DIS.ZDSSWF", "1", map[string]string{"LIST_DATE": "2026-05-01"}), pen("2", "2026-10-01"),
				rec("DIS.QXNMG", "3", map[string]string{"LIST_DATE": "2026-02-01"})}, nil, 2, "", false, 0},
		{"SumMoneyInYuan", `{"code":"T","name":"纳税","name_en":"t","kind":"sum","items":["TAX.NSE"],"field":"TAX_PAID","window_months":12,
			"points":[{"upto":1000,"points":0},{"points":10}],"reason":"纳税少","reason_en":"little tax"}`,
			[]ingest.Record{rec("TAX.NSE", "1", map[string]string{"PERIOD_TO": "2026-09-30", "TAX_PAID": "150050"}),
				rec("TAX.NSE", "2", map[string]string{"PERIOD_TO": "2026-06-30", "TAX_PAID": "100000"}),
				rec("TAX.NSE", "3", map[string]string{"PERIOD_TO": "2024-06-30", "TAX_PAID": "999999"})}, nil, 2500.5, "", false, 10},
		{"LatestEnum", `{"code":"L","name":"纳税信用","name_en":"l","kind":"latest","items":["TAX.LEVEL"],"field":"LEVEL",
			"values":{"A":10,"B":6,"D":0},"missing":3,"reason":"等级低","reason_en":"low"}`,
			[]ingest.Record{rec("TAX.LEVEL", "1", map[string]string{"EVAL_DATE": "2025-04-01", "LEVEL": "A"}),
				rec("TAX.LEVEL", "2", map[string]string{"EVAL_DATE": "2026-04-01", "LEVEL": "B"})}, nil, 0, "B", false, 6},
		{"LatestMissing", `{"code":"L","name":"纳税信用","name_en":"l","kind":"latest","items":["TAX.LEVEL"],"field":"LEVEL",
			"values":{"A":10},"missing":3,"reason":"等级低","reason_en":"low"}`, nil, nil, 0, "", true, 3},
		{"PresentOnList", `{"code":"A","name":"异常名录","name_en":"a","kind":"present","items":["ABN.JYYC"],
			"points":[{"upto":0,"points":10},{"points":0}],"reason":"在名录","reason_en":"listed"}`,
			[]ingest.Record{rec("ABN.JYYC", "1", map[string]string{"IN_DATE": "2026-08-01"}), rec("ABN.JYYC", "2", map[string]string{"IN_DATE": "2026-09-01"})},
			nil, 1, "", false, 0},
		{"MonthsSince", `{"code":"G","name":"成立年限","name_en":"g","kind":"months_since","items":["REG.JBXX"],"date_field":"ESTABLISH_DATE",
			"points":[{"upto":11,"points":0},{"points":10}],"reason":"新设","reason_en":"new"}`,
			[]ingest.Record{rec("REG.JBXX", "1", map[string]string{"ESTABLISH_DATE": "2024-11-21"})}, nil, 23, "", false, 10},
		{"ActiveMonths", `{"code":"M","name":"社保月数","name_en":"m","kind":"active_months","items":["SOC.CBJF"],"window_months":12,
			"points":[{"upto":5,"points":0},{"points":10}],"reason":"不连续","reason_en":"gaps"}`,
			[]ingest.Record{rec("SOC.CBJF", "1", map[string]string{"PERIOD": "2026-10"}), rec("SOC.CBJF", "2", map[string]string{"PERIOD": "2026-10"}),
				rec("SOC.CBJF", "3", map[string]string{"PERIOD": "2026-09"}), rec("SOC.CBJF", "4", map[string]string{"PERIOD": "2025-01"})},
			nil, 2, "", false, 0},
		{"Where", `{"code":"W","name":"发明专利","name_en":"w","kind":"count","items":["IPR.ZL"],"where":{"PATENT_TYPE":["发明"]},
			"points":[{"upto":0,"points":0},{"points":10}],"reason":"无发明","reason_en":"no inventions"}`,
			[]ingest.Record{rec("IPR.ZL", "1", map[string]string{"GRANT_DATE": "2025-01-01", "PATENT_TYPE": "发明"}),
				rec("IPR.ZL", "2", map[string]string{"GRANT_DATE": "2025-01-01", "PATENT_TYPE": "外观设计"})}, nil, 1, "", false, 10},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := oneIndicator(t, tc.indicator)
			e := c.Evaluate("X", facts(t, c, tc.records...), tc.marks, at)
			in := e.Inputs[0]
			if in.Value != tc.value || in.Text != tc.text || in.Missing != tc.missing {
				t.Fatalf("input = %+v, want value %v text %q missing %v", in, tc.value, tc.text, tc.missing)
			}
			if got, want := in.Points, tc.points; got != want {
				t.Fatalf("points = %v, want %v", got, want)
			}
		})
	}
}

// TestFactFromJSON proves the bulk path reads the same values as the map.
func TestFactFromJSON(t *testing.T) {
	c := oneIndicator(t, `{"code":"T","name":"纳税","name_en":"t","kind":"sum","items":["TAX.NSE"],"field":"TAX_PAID",
		"points":[{"points":5}],"reason":"x","reason_en":"x"}`)
	raw := []byte(`{"NAME":"某\"公司\"\\","PERIOD_TO":"2026-09-30","TAX_PAID":"150050","X":"\u4e2d"}`)
	f, ok := c.FactFromJSON("TAX.NSE", "1", ingest.RecordActive, raw)
	if !ok {
		t.Fatal("item not read")
	}
	want, _ := c.FactOf(rec("TAX.NSE", "1", map[string]string{"PERIOD_TO": "2026-09-30", "TAX_PAID": "150050"}))
	if strings.Join(f.Vals, "|") != strings.Join(want.Vals, "|") {
		t.Fatalf("vals = %q, want %q", f.Vals, want.Vals)
	}
	if _, ok := c.FactFromJSON("PEN.XZCF", "1", ingest.RecordActive, raw); ok {
		t.Fatal("an item the model does not read gave a fact")
	}
}

func FuzzPickFields(f *testing.F) {
	f.Add([]byte(`{"A":"1","B":"x\"y"}`))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"A":1}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		out := make([]string, 2)
		if pickFields(b, []string{"A", "B"}, out) {
			var m map[string]string
			if !utf8.Valid(b) {
				return
			}
			if err := json.Unmarshal(b, &m); err == nil && (m["A"] != out[0] || m["B"] != out[1]) {
				t.Fatalf("picked %q, json says %q %q", out, m["A"], m["B"])
			}
		}
	})
}
