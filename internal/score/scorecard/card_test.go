// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"bytes"
	"encoding/json"
	"iter"
	"math"
	"strings"
	"sync"
	"testing"
	"time"
)

var (
	germanOnce sync.Once
	germanCard *Card
	germanTab  *Table
	germanErr  error
)

// mustGerman fits the German credit card once for the tests that need a
// real card.
func mustGerman(tb testing.TB) (*Card, *Table) {
	tb.Helper()
	germanOnce.Do(func() {
		germanTab = mustTable(tb, "testdata/german_credit_statlog.csv")
		germanCard, germanErr = Fit(germanTab, Options{Target: "class", Seed: 1, DataFile: "german_credit_statlog.csv",
			Now: func() time.Time { return time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC) }})
	})
	if germanErr != nil {
		tb.Fatal(germanErr)
	}
	return germanCard, germanTab
}

func TestLabels_DefaultBad(t *testing.T) {
	_, tab := mustGerman(t)
	y, bad, err := Labels(tab, "class", "")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := bad, "2"; got != want {
		t.Fatalf("bad=%q, want %q (the less frequent value)", got, want)
	}
	if got, want := performanceRate(y), 0.3; got != want {
		t.Fatalf("bad rate=%v, want %v", got, want)
	}
	if _, _, err := Labels(tab, "purpose", ""); err == nil {
		t.Fatal("a target with many values was accepted")
	}
}

func TestFit_Card(t *testing.T) {
	c, tab := mustGerman(t)
	if got, want := c.BadValue, "2"; got != want {
		t.Fatalf("bad value=%q, want %q", got, want)
	}
	if got, want := c.Training.DataSHA256, tab.SHA256; got != want || len(got) != 64 {
		t.Fatalf("sha256=%q, want %q", got, want)
	}
	if got, want := c.Metrics.Train.Rows+c.Metrics.Test.Rows, 1000; got != want {
		t.Fatalf("rows=%d, want %d", got, want)
	}
	if got, want := c.Metrics.Test.BadRate, 0.3; got != want {
		t.Fatalf("stratified test bad rate=%v, want %v", got, want)
	}
	for _, f := range c.Features {
		if f.Coef >= 0 {
			t.Fatalf("%s: weight %v, want negative (a better range must never cost points)", f.Name, f.Coef)
		}
		// Points rise with WoE on every characteristic.
		for _, a := range f.Bins {
			for _, b := range f.Bins {
				if a.WoE < b.WoE && a.Points > b.Points {
					t.Fatalf("%s: range %s has lower WoE but more points than %s", f.Name, a.Label, b.Label)
				}
			}
		}
	}
	// The held-out part is judged with the same card: Gini = 2·AUC − 1.
	if got, want := c.Metrics.Test.Gini, round(2*c.Metrics.Test.AUC-1, 6); math.Abs(got-want) > 2e-6 {
		t.Fatalf("gini=%v, want %v", got, want)
	}
}

func TestBinNumeric_Monotone(t *testing.T) {
	tab := mustTable(t, "testdata/polish_bankruptcy_1year.csv")
	y, _, err := Labels(tab, "class", "1")
	if err != nil {
		t.Fatal(err)
	}
	rows := make([]int, len(y))
	for i := range rows {
		rows[i] = i
	}
	cols := candidates(tab, []string{"class"}, rows)
	feats := binAll(cols, rows, y, binOpts{minShare: 0.05, maxBins: 8})
	for _, f := range feats {
		if len(f.Bins) > 8 {
			t.Fatalf("%s: %d ranges, want at most 8", f.Name, len(f.Bins))
		}
		up, down := true, true
		for i, b := range f.Bins {
			if b.Share < 0.05-1e-9 && len(f.Bins) > 1 {
				t.Fatalf("%s: range %s holds %.4f, want ≥ 0.05", f.Name, b.Label, b.Share)
			}
			if i > 0 {
				prev := f.Bins[i-1]
				up = up && b.BadRate >= prev.BadRate
				down = down && b.BadRate <= prev.BadRate
				if *prev.Upper >= 0 && b.Upper != nil && *b.Upper <= *prev.Upper {
					t.Fatalf("%s: bounds do not rise", f.Name)
				}
			}
		}
		if !up && !down {
			t.Fatalf("%s: bad rates not monotone: %+v", f.Name, f.Bins)
		}
	}
}

func TestCard_RoundTrip(t *testing.T) {
	c, tab := mustGerman(t)
	var buf bytes.Buffer
	if err := c.WriteJSON(&buf); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"format": "xinrong-scorecard/1"`) {
		t.Fatalf("no format tag in %.200s", buf.String())
	}
	got, err := Load(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	for r := range tab.Rows {
		a, b := c.Score(tab.rowFunc(r)), got.Score(tab.rowFunc(r))
		ja, _ := json.Marshal(a)
		jb, _ := json.Marshal(b)
		if !bytes.Equal(ja, jb) {
			t.Fatalf("row %d: scores differ after Load: %s vs %s", r, ja, jb)
		}
	}
	var again bytes.Buffer
	if err := got.WriteJSON(&again); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Fatal("card JSON changed after Load")
	}
}

func TestCard_Score(t *testing.T) {
	c, _ := mustGerman(t)
	// An applicant with every characteristic in its best range has no
	// reasons and the most points.
	best := map[string]string{}
	for _, f := range c.Features {
		bi := 0
		for i, b := range f.Bins {
			if b.Points > f.Bins[bi].Points {
				bi = i
			}
		}
		b := f.Bins[bi]
		if f.Kind == KindCategorical {
			best[f.Name] = b.Categories[0]
		} else if b.Upper != nil {
			best[f.Name] = formatNum(*b.Upper)
		} else {
			best[f.Name] = "1e12"
		}
	}
	res := c.Score(func(n string) (string, bool) { v, ok := best[n]; return v, ok })
	if len(res.Reasons) != 0 {
		t.Fatalf("best applicant has reasons %+v", res.Reasons)
	}
	none := c.Score(func(string) (string, bool) { return "", false })
	if none.Points >= res.Points || none.ProbBad <= res.ProbBad {
		t.Fatalf("no data scored %v (p=%v), best %v (p=%v)", none.Points, none.ProbBad, res.Points, res.ProbBad)
	}
	for i := 1; i < len(none.Reasons); i++ {
		if none.Reasons[i].Lost > none.Reasons[i-1].Lost {
			t.Fatalf("reasons not ordered by points lost: %+v", none.Reasons)
		}
	}
	// Unseen categories and text in a numeric column count as missing.
	odd := c.Score(func(n string) (string, bool) { return "not-a-value", true })
	if odd.Points != none.Points {
		t.Fatalf("unreadable values scored %v, missing %v", odd.Points, none.Points)
	}
	// Points and probability agree with the scaling: at the base score the
	// odds are the base odds.
	s := c.Scaling
	p := 1 / (1 + s.BaseOdds)
	if got := 1 - sigmoid((s.BaseScore-s.offset())/s.factor()); math.Abs(got-p) > 1e-12 {
		t.Fatalf("probability at base score=%v, want %v", got, p)
	}
}

func TestCard_PSI(t *testing.T) {
	c, tab := mustGerman(t)
	y, _, _ := Labels(tab, "class", "2")
	train, _ := StratifiedSplit(y, c.Training.TestFraction, c.Training.Seed)
	st := c.PSI(subset(tab, train))
	if st.Rows != len(train) {
		t.Fatalf("rows=%d, want %d", st.Rows, len(train))
	}
	if st.Score > 1e-4 || st.Band != Stable {
		t.Fatalf("score PSI of the fit population=%v (%s), want 0", st.Score, st.Band)
	}
	for _, f := range st.Features {
		if f.PSI > 1e-4 {
			t.Fatalf("%s: PSI of the fit population=%v, want 0", f.Name, f.PSI)
		}
	}
	var bads []int
	for i, v := range y {
		if v == 1 {
			bads = append(bads, i)
		}
	}
	if st := c.PSI(subset(tab, bads)); st.Band != Shifted {
		t.Fatalf("a population of bads only: score PSI %v (%s), want shifted", st.Score, st.Band)
	}
}

func subset(t *Table, rows []int) iter.Seq[func(string) (string, bool)] {
	return func(yield func(func(string) (string, bool)) bool) {
		for _, r := range rows {
			if !yield(t.rowFunc(r)) {
				return
			}
		}
	}
}

func TestTimeSplit(t *testing.T) {
	csv := "d,x,y\n2024-01-05,1,0\n2024-01-01,2,1\n2024-03-01,3,0\n2024-02-01,4,1\n2024-02-01,5,0\n2024-04-01,6,0\n"
	tab, err := LoadCSV(strings.NewReader(csv))
	if err != nil {
		t.Fatal(err)
	}
	train, test, err := TimeSplit(tab, "d", 0.3)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(test), 2; got != want {
		t.Fatalf("held out %v, want the latest %d", test, want)
	}
	if test[0] != 2 || test[1] != 5 || len(train) != 4 {
		t.Fatalf("train %v test %v, want test [2 5]", train, test)
	}
	tab.Rows[0][0] = "soon"
	if _, _, err := TimeSplit(tab, "d", 0.3); err == nil {
		t.Fatal("an unreadable date was accepted")
	}
}
