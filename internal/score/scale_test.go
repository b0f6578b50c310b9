// SPDX-License-Identifier: Apache-2.0

package score

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
)

// withScale returns the default model on another scale (a file in
// testdata), or on its own when file is "".
func withScale(t *testing.T, file string) *Compiled {
	t.Helper()
	c, err := Default(mustCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	if file == "" {
		return c
	}
	b, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	m := *c.Model
	m.Version += "+" + file
	m.Scale = Scale{}
	if err := json.Unmarshal(b, &m.Scale); err != nil {
		t.Fatal(err)
	}
	out, err := Compile(&m, mustCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// Three enterprises under the default indicators: none has records (445),
// one registered in 2015 and active (550), the same on a serious-dishonesty
// list (550 − 105 = 445).
func enterprises(t *testing.T, c *Compiled) (empty, clean, listed Evaluation) {
	reg := rec("REG.JBXX", "r", map[string]string{"ESTABLISH_DATE": "2015-03-02", "APPROVE_DATE": "2015-03-02", "REG_STATUS": "存续"})
	list := rec("DIS.ZDSSWF", "l", map[string]string{"LIST_DATE": "2026-05-01"})
	empty = c.Evaluate("E", nil, nil, at)
	clean = c.Evaluate("C", facts(t, c, reg), nil, at)
	listed = c.Evaluate("L", facts(t, c, reg, list), nil, at)
	return
}

func TestScoresUnderDefaultIndicators(t *testing.T) {
	empty, clean, listed := enterprises(t, withScale(t, ""))
	for _, tc := range []struct {
		e     Evaluation
		score int
	}{{empty, 445}, {clean, 550}, {listed, 445}} {
		if got, want := tc.e.Score, tc.score; got != want {
			t.Fatalf("%s score = %d, want %d (dimensions %+v)", tc.e.USCC, got, want, tc.e.Dimensions)
		}
	}
	if got, want := listed.Dimensions[2].Score, 245; got != want {
		t.Fatalf("守法守信 = %d, want %d", got, want)
	}
}

// TestThreeScales: the same indicators graded on the 7-level scale (the
// default), the 5-level A–D scale and the AAA–C scale.
func TestThreeScales(t *testing.T) {
	cases := []struct {
		file                string
		empty, clean, listd string
		bounds              map[int]string
	}{
		{"", "D", "C-", "D", map[int]string{1000: "A+", 880: "A+", 879: "A", 780: "A", 680: "B", 580: "C", 480: "C-", 479: "D", 350: "D", 349: "D-", 0: "D-"}},
		{"scale-five.json", "C", "M", "C", map[int]string{1000: "A", 800: "A", 799: "B", 650: "B", 500: "M", 400: "C", 399: "D", 0: "D"}},
		{"scale-aaa.json", "B", "BB", "B", map[int]string{1000: "AAA", 900: "AAA", 899: "AA", 700: "A", 600: "BBB", 500: "BB", 400: "B", 300: "CCC", 200: "CC", 199: "C", 0: "C"}},
	}
	for _, tc := range cases {
		t.Run("Scale"+tc.file, func(t *testing.T) {
			c := withScale(t, tc.file)
			empty, clean, listed := enterprises(t, c)
			if empty.Grade != tc.empty || clean.Grade != tc.clean || listed.Grade != tc.listd {
				t.Fatalf("grades = %s %s %s, want %s %s %s", empty.Grade, clean.Grade, listed.Grade, tc.empty, tc.clean, tc.listd)
			}
			for score, want := range tc.bounds {
				if got := c.Grade(score).Grade; got != want {
					t.Fatalf("Grade(%d) = %s, want %s", score, got, want)
				}
			}
			if clean.Scale != c.Model.Scale.Code || clean.ModelVersion != c.Version() {
				t.Fatalf("evaluation names scale %q model %q", clean.Scale, clean.ModelVersion)
			}
		})
	}
}

// TestReasons: the indicators that cost most, most costly first, ties in
// model order; texts in both languages.
func TestReasons(t *testing.T) {
	_, clean, listed := enterprises(t, withScale(t, ""))
	var codes []string
	for _, r := range listed.Reasons {
		codes = append(codes, r.Code)
	}
	if want := []string{"LAW_SERIOUS", "OP_TAX_LEVEL", "OP_TAX_PAID", "OP_SOCIAL"}; !slices.Equal(codes, want) {
		t.Fatalf("reasons = %v, want %v", codes, want)
	}
	if r := listed.Reasons[0]; r.Lost != 105 || r.Text != "被列入严重失信主体名单" || r.TextEN == "" {
		t.Fatalf("first reason = %+v", r)
	}
	for _, r := range clean.Reasons {
		if r.Code == "LAW_SERIOUS" {
			t.Fatal("a clean enterprise has the serious-list reason")
		}
	}
	if clean.Digest == listed.Digest {
		t.Fatal("different results, same digest")
	}
	again, _, _ := enterprises(t, withScale(t, ""))
	if e, _, _ := enterprises(t, withScale(t, "")); e.Digest != again.Digest {
		t.Fatal("same result, different digest")
	}
}

// TestRepairLiftsTheGrade: a repaired or revoked listing no longer counts.
func TestRepairLiftsTheGrade(t *testing.T) {
	c := withScale(t, "")
	reg := rec("REG.JBXX", "r", map[string]string{"ESTABLISH_DATE": "2015-03-02", "REG_STATUS": "存续"})
	list := rec("DIS.ZDSSWF", "l", map[string]string{"LIST_DATE": "2026-05-01"})
	revoked := list
	revoked.Status = ingest.RecordRevoked
	if got := c.Evaluate("X", facts(t, c, reg, revoked), nil, at).Score; got != 550 {
		t.Fatalf("revoked listing: score %d, want 550", got)
	}
	if got := c.Evaluate("X", facts(t, c, reg, list), map[string]gate.Mark{"l": {Repaired: true}}, at).Score; got != 550 {
		t.Fatalf("repaired listing: score %d, want 550", got)
	}
	if got := c.Evaluate("X", facts(t, c, reg, list), map[string]gate.Mark{"l": {Disputed: true}}, at).Score; got != 445 {
		t.Fatalf("disputed listing: score %d, want 445 (an objection alone does not lift it)", got)
	}
}
