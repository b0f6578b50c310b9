// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
)

// TestFit_PolishCard fits the Polish data with fixed settings (no
// cross-validation, to keep it quick) and checks what the German card
// cannot show: ranges with a turning point, missing ranges and the derived
// missing-value count survive export and Load with the same scores.
func TestFit_PolishCard(t *testing.T) {
	tab := mustTable(t, "testdata/polish_bankruptcy_1year.csv")
	s := DefaultSettings
	c, err := Fit(tab, Options{Target: "class", Bad: "1", Seed: 1, Settings: &s})
	if err != nil {
		t.Fatal(err)
	}
	var mc *Feature
	for i := range c.Features {
		if c.Features[i].Kind == KindMissingCount {
			mc = &c.Features[i]
		}
	}
	if mc == nil || len(mc.Columns) < 2 || !slices.Contains(mc.Columns, "Attr37") {
		t.Fatalf("no missing-value count over the sometimes-missing ratios: %+v", mc)
	}
	var cross *Feature
	for i := range c.Features {
		if c.Features[i].Kind == KindCross {
			cross = &c.Features[i]
		}
	}
	if cross == nil || len(cross.Cuts) != 2 || !strings.Contains(cross.Bins[0].Label, "×") {
		t.Fatalf("no crossed characteristic on the card: %+v", cross)
	}
	var buf bytes.Buffer
	if err := c.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	bad := strings.Replace(buf.String(), `"kind": "cross"`, `"kind": "numeric"`, 1)
	if _, err := Load(strings.NewReader(bad)); err == nil {
		t.Fatal("a cross relabelled numeric was loaded")
	}
	got, err := Load(&buf)
	if err != nil {
		t.Fatal(err)
	}
	for r := range tab.Rows {
		a, b := c.Score(tab.rowFunc(r)), got.Score(tab.rowFunc(r))
		if a.Points != b.Points || a.ProbBad != b.ProbBad || len(a.Reasons) != len(b.Reasons) {
			t.Fatalf("row %d: %+v vs %+v after Load", r, a, b)
		}
	}
	y, _, _ := Labels(tab, "class", "1")
	train, _ := StratifiedSplit(y, 0.3, 1)
	if st := got.PSI(subset(tab, train)); st.Score > 1e-4 {
		t.Fatalf("score PSI of the fit population %v, want 0", st.Score)
	}
	if c.Metrics.Test.AUC < 0.85 {
		t.Fatalf("test AUC %v with default settings", c.Metrics.Test.AUC)
	}
}

// TestFit_OutOfTime holds out the latest 30% by a date column, which is not
// itself scored.
func TestFit_OutOfTime(t *testing.T) {
	tab := mustTable(t, "testdata/german_credit_statlog.csv")
	tab.Columns = append(tab.Columns, "applied")
	tab.index["applied"] = len(tab.Columns) - 1
	for i := range tab.Rows {
		// One application a day, in file order, from 2020-01-01.
		tab.Rows[i] = append(tab.Rows[i], dayString(i))
	}
	s := DefaultSettings
	c, err := Fit(tab, Options{Target: "class", DateColumn: "applied", Settings: &s})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Training.Split, "out-of-time"; got != want {
		t.Fatalf("split %q, want %q", got, want)
	}
	if got, want := c.Metrics.Test.Rows, 300; got != want {
		t.Fatalf("held out %d rows, want the latest %d", got, want)
	}
	for _, f := range c.Features {
		if f.Name == "applied" {
			t.Fatal("the date column was scored")
		}
	}
}

func dayString(i int) string {
	d := i % 28
	m := (i / 28) % 12
	y := 2020 + i/(28*12)
	return fmt.Sprintf("%04d-%02d-%02d", y, m+1, d+1)
}
