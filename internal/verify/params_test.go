// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

func boundTemplates(tb testing.TB) map[string]Template {
	tb.Helper()
	ts, err := bind(Builtin, mustCatalog(tb))
	if err != nil {
		tb.Fatal(err)
	}
	out := map[string]Template{}
	for _, t := range ts {
		out[t.Code] = t
	}
	return out
}

func TestParseParams(t *testing.T) {
	ts := boundTemplates(t)
	for _, tc := range []struct {
		template, raw, canon string // canon "" means refused
	}{
		{"tax_paid_12m_at_least", `{"amount": 1200}`, "amount=1200"},
		{"tax_paid_12m_at_least", `{"amount": "1200"}`, "amount=1200"},
		{"tax_paid_12m_at_least", `{"amount": 0}`, "amount=0"},
		{"tax_paid_12m_at_least", `{"amount": 100000000000000}`, "amount=100000000000000"},
		{"tax_paid_12m_at_least", `{"amount": 100000000000001}`, ""},
		{"tax_paid_12m_at_least", `{"amount": -1}`, ""},
		{"tax_paid_12m_at_least", `{"amount": "-0"}`, ""},
		{"tax_paid_12m_at_least", `{"amount": 012}`, ""},
		{"tax_paid_12m_at_least", `{"amount": "012"}`, ""},
		{"tax_paid_12m_at_least", `{"amount": 1e3}`, ""},
		{"tax_paid_12m_at_least", `{"amount": 12.5}`, ""},
		{"tax_paid_12m_at_least", `{"amount": null}`, ""},
		{"tax_paid_12m_at_least", `{"amount": true}`, ""},
		{"tax_paid_12m_at_least", `{}`, ""},
		{"tax_paid_12m_at_least", `[1]`, ""},
		{"tax_paid_12m_at_least", `{"amount": 1} {}`, ""},
		{"tax_paid_12m_at_least", `{"amount": 1, "Amount": 2}`, ""},
		{"tax_grade_in", `{"grades": ["B", "A", "B"]}`, "grades=A,B"},
		{"tax_grade_in", `{"grades": ["M"]}`, "grades=M"},
		{"tax_grade_in", `{"grades": []}`, ""},
		{"tax_grade_in", `{"grades": ["a"]}`, ""},
		{"tax_grade_in", `{"grades": "A"}`, ""},
		{"insured_at_least", `{"count": 50}`, "count=50"},
		{"estate_no_seizure", ``, ""},
		{"estate_no_seizure", `null`, ""},
		{"estate_no_seizure", `{}`, ""},
		{"estate_no_seizure", `{"x": 1}`, "!"},
	} {
		p, err := ParseParams(ts[tc.template], []byte(tc.raw))
		switch {
		case tc.canon == "!" || (tc.canon == "" && tc.template != "estate_no_seizure"):
			if !apperr.Is(err, apperr.Invalid) {
				t.Errorf("%s %s: err = %v, want invalid", tc.template, tc.raw, err)
			}
		case err != nil:
			t.Errorf("%s %s: %v", tc.template, tc.raw, err)
		case p.Canonical() != tc.canon:
			t.Errorf("%s %s: canonical %q, want %q", tc.template, tc.raw, p.Canonical(), tc.canon)
		}
	}
	a, _ := ParseParams(ts["tax_grade_in"], []byte(`{"grades":["A","B"]}`))
	b, _ := ParseParams(ts["tax_grade_in"], []byte(`{"grades":["B","A","A"]}`))
	if a.Hash() != b.Hash() || !strings.HasPrefix(a.Hash(), "sha256:") || len(a.Hash()) != 71 {
		t.Fatalf("hashes %s and %s of one set", a.Hash(), b.Hash())
	}
}

// FuzzParseParams: whatever arrives, the parser either refuses it as
// Invalid or returns parameters within bounds whose canonical text parses
// back to the same hash.
func FuzzParseParams(f *testing.F) {
	ts := boundTemplates(f)
	codes := []string{"tax_paid_12m_at_least", "tax_grade_in", "insured_at_least", "estate_no_seizure"}
	for _, s := range []string{`{"amount":1}`, `{"grades":["A","B"]}`, `{"count":"7"}`, ``, `null`, `{"amount":"9223372036854775808"}`,
		`{"grades":["A",1]}`, `{"amount":-0}`, "{\"amount\":\"1\x00\"}"} {
		for i := range codes {
			f.Add(uint8(i), []byte(s))
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, raw []byte) {
		tp := ts[codes[int(which)%len(codes)]]
		p, err := ParseParams(tp, raw)
		if err != nil {
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("err = %v, want invalid", err)
			}
			return
		}
		for _, d := range tp.Params {
			switch v := p.vals[d.Name].(type) {
			case int64:
				if v < d.Min || v > d.Max {
					t.Fatalf("%s = %d out of bounds", d.Name, v)
				}
			case []string:
				if len(v) == 0 {
					t.Fatalf("%s is an empty set", d.Name)
				}
			default:
				t.Fatalf("%s has type %T", d.Name, v)
			}
		}
		if !utf8.ValidString(p.Canonical()) || len(p.vals) != len(tp.Params) {
			t.Fatalf("canonical %q, %d values", p.Canonical(), len(p.vals))
		}
	})
}
