// SPDX-License-Identifier: Apache-2.0

package score

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/score/scorecard"
)

// testCard is a small fitted-style card over two indicators of the default
// model: penalties in the last two years and the tax credit level.
func testCard(t *testing.T, feature string) json.RawMessage {
	t.Helper()
	zero := 0.0
	card := scorecard.Card{Format: scorecard.Format, Target: "default", BadValue: "1",
		Scaling: scorecard.Scaling{PDO: 20, BaseScore: 600, BaseOdds: 50, Intercept: -2, BasePoints: 400},
		Features: []scorecard.Feature{
			{Name: feature, Kind: scorecard.KindNumeric, IV: 0.3, Coef: 1, Bins: []scorecard.Bin{
				{Label: "0", Upper: &zero, Points: 120, Share: 0.8, BadRate: 0.05, Count: 80},
				{Label: ">0", Points: 20, Share: 0.2, BadRate: 0.4, Count: 20}},
				Missing: scorecard.Bin{Label: "missing", Points: 20}},
			{Name: "OP_TAX_LEVEL", Kind: scorecard.KindCategorical, IV: 0.2, Coef: 1, Bins: []scorecard.Bin{
				{Label: "A", Categories: []string{"A"}, Points: 80, Share: 0.5, BadRate: 0.05, Count: 50},
				{Label: "B,M", Categories: []string{"B", "M"}, Points: 40, Share: 0.5, BadRate: 0.2, Count: 50}},
				Missing: scorecard.Bin{Label: "missing", Points: 0}},
		}}
	b, err := json.Marshal(card)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func withCard(t *testing.T, feature string) (*Compiled, error) {
	c, err := Default(mustCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	m := *c.Model
	m.Version += "+card"
	m.Scorecard = &CardSpec{Card: testCard(t, feature), MinPoints: 400, MaxPoints: 600}
	return Compile(&m, mustCatalog(t))
}

// TestScorecardModel: a fitted card scores the computed indicators; points
// 400–600 map onto 0–1000 and the card's losses become reason codes.
func TestScorecardModel(t *testing.T) {
	c, err := withCard(t, "LAW_PENALTY")
	if err != nil {
		t.Fatal(err)
	}
	pen := rec("PEN.XZCF", "p", map[string]string{"CF_JDRQ": "2026-10-01"})
	tax := rec("TAX.LEVEL", "t", map[string]string{"EVAL_DATE": "2026-04-01", "LEVEL": "A"})
	clean := c.Evaluate("C", facts(t, c, tax), nil, at)
	// 400 + 120 + 80 = 600 points → 1000.
	if clean.Score != 1000 || clean.Grade != "A+" || len(clean.Reasons) != 0 {
		t.Fatalf("clean = %d %s %+v", clean.Score, clean.Grade, clean.Reasons)
	}
	// 400 + 20 + 80 = 500 points → 500, losing 100 points = 500 of 1000.
	penalised := c.Evaluate("P", facts(t, c, tax, pen), nil, at)
	if penalised.Score != 500 || penalised.Grade != "C-" {
		t.Fatalf("penalised = %d %s", penalised.Score, penalised.Grade)
	}
	if r := penalised.Reasons; len(r) != 1 || r[0].Code != "LAW_PENALTY" || r[0].Lost != 500 || r[0].Text == "" {
		t.Fatalf("reasons = %+v", r)
	}
	// No tax level: missing range, 0 points.
	if got := c.Evaluate("M", nil, nil, at).Score; got != 600 {
		t.Fatalf("no records: %d, want 600", got)
	}
}

func TestScorecardModel_ErrUnknownCharacteristic(t *testing.T) {
	_, err := withCard(t, "NOT_AN_INDICATOR")
	if err == nil || !strings.Contains(err.Error(), `characteristic "NOT_AN_INDICATOR" is not an indicator`) {
		t.Fatalf("err = %v", err)
	}
}
