// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

var errNoFeature = apperr.Invalidf("scorecard: no characteristic separates goods from bads (all below the minimum IV)")

// Options say what to fit and how to judge it.
type Options struct {
	Target       string  // outcome column
	Bad          string  // value of Target that is the bad outcome; "" = the less frequent
	DateColumn   string  // if set, hold out the latest TestFraction by this date
	TestFraction float64 // held-out share, default 0.3
	Seed         uint64  // of the stratified split and the cross-validation folds
	PDO          float64 // points to double the odds, default 20
	BaseScore    float64 // default 600 …
	BaseOdds     float64 // … at odds of 50 goods to 1 bad
	Exclude      []string
	// Interactions is how many of the strongest numeric characteristics
	// are crossed pairwise into candidate characteristics (by fifths of
	// each); 0 means the default of 5, negative means none.
	Interactions int
	// Settings fixes the binning and regression settings; when nil they are
	// chosen by cross-validation on the fit part (never on the held-out part).
	Settings *Settings
	DataFile string       // recorded in the card
	Progress func(string) // told about long steps; may be nil
	Now      func() time.Time
}

func (o *Options) defaults() {
	if o.TestFraction == 0 {
		o.TestFraction = 0.3
	}
	if o.PDO == 0 {
		o.PDO = 20
	}
	if o.BaseScore == 0 {
		o.BaseScore = 600
	}
	if o.BaseOdds == 0 {
		o.BaseOdds = 50
	}
	if o.Interactions == 0 {
		o.Interactions = 5
	}
	if o.Progress == nil {
		o.Progress = func(string) {}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
}

// Fit fits a scorecard on t: it splits off the held-out part, chooses the
// settings by cross-validation on the rest (unless given), bins, selects,
// regresses and scales, and measures the card on both parts. Returns
// Invalid for unusable data or options.
func Fit(t *Table, o Options) (*Card, error) {
	o.defaults()
	if o.TestFraction <= 0 || o.TestFraction >= 1 {
		return nil, apperr.Invalidf("scorecard: the held-out share must be between 0 and 1, is %g", o.TestFraction)
	}
	if !(o.PDO > 0) || !(o.BaseOdds > 0) || math.IsInf(o.PDO+o.BaseOdds+o.BaseScore, 0) || math.IsNaN(o.BaseScore) {
		return nil, apperr.Invalidf("scorecard: PDO and base odds must be positive")
	}
	y, bad, err := Labels(t, o.Target, o.Bad)
	if err != nil {
		return nil, err
	}
	var train, test []int
	split := "stratified"
	if o.DateColumn != "" {
		split = "out-of-time"
		if train, test, err = TimeSplit(t, o.DateColumn, o.TestFraction); err != nil {
			return nil, err
		}
	} else {
		train, test = StratifiedSplit(y, o.TestFraction, o.Seed)
	}
	if !bothClasses(y, train) {
		return nil, apperr.Invalidf("scorecard: the fit part needs both good and bad outcomes")
	}
	cols := candidates(t, append(slices.Clone(o.Exclude), o.Target, o.DateColumn), train)
	if len(cols) == 0 {
		return nil, apperr.Invalidf("scorecard: no column to score on besides the target")
	}
	cols = withCrosses(cols, train, y, o.Interactions)
	s := DefaultSettings
	if o.Settings != nil {
		s = *o.Settings
	} else {
		o.Progress("choosing settings by cross-validation")
		var cv float64
		if s, cv, err = tune(cols, y, train, o.Seed); err != nil {
			return nil, err
		}
		o.Progress(fmt.Sprintf("cross-validated AUC %.4f with min share %g, turning points %v, crosses %v, L2 %g", cv, s.MinShare, s.Turning, s.Crosses, s.L2))
	}
	o.Progress("binning and fitting")
	feats := binAll(cols, train, y, s.binOpts())
	woe := make([][]float64, len(feats))
	for i := range feats {
		woe[i] = woeColumn(&feats[i], cols[i], train)
	}
	m, err := selectAndFit(feats, woe, subsetLabels(y, train), s)
	if err != nil {
		if errors.Is(err, errNoFeature) {
			return nil, err
		}
		return nil, fmt.Errorf("scorecard: fit: %w", err)
	}
	c := &Card{Format: Format, Target: o.Target, BadValue: bad,
		Scaling: Scaling{PDO: o.PDO, BaseScore: o.BaseScore, BaseOdds: o.BaseOdds, Intercept: m.intercept}}
	for k, i := range m.chosen {
		f := feats[i]
		f.Coef = m.coef[k]
		c.Features = append(c.Features, f)
	}
	c.scale()
	pts := make([]float64, len(train))
	for k, r := range train {
		pts[k] = c.Score(t.rowFunc(r)).Points
	}
	c.ScoreBands = scoreBands(pts)
	c.Metrics.Train = c.performance(t, train, y)
	c.Metrics.Test = c.performance(t, test, y)
	whole := performanceRate(y)
	c.Training = Training{DataFile: o.DataFile, DataSHA256: t.SHA256, Rows: len(y), BadRate: whole,
		Split: split, DateColumn: o.DateColumn, TestFraction: o.TestFraction, Seed: o.Seed, Settings: s,
		Interactions: max(o.Interactions, 0),
		FittedAt:     o.Now().UTC().Format(time.RFC3339)}
	return c, nil
}

// scale turns the regression into points: base points from the intercept
// and, for every range, −factor·weight·WoE, rounded to hundredths.
func (c *Card) scale() {
	f := c.Scaling.factor()
	c.Scaling.BasePoints = round(c.Scaling.offset()-f*c.Scaling.Intercept, 2)
	for i := range c.Features {
		ft := &c.Features[i]
		for j := range ft.Bins {
			ft.Bins[j].Points = round(-f*ft.Coef*ft.Bins[j].WoE, 2)
		}
		ft.Missing.Points = round(-f*ft.Coef*ft.Missing.WoE, 2)
	}
}

// performance scores rows of t with the card and measures it.
func (c *Card) performance(t *Table, rows []int, y []int8) Performance {
	risk := make([]float64, len(rows))
	for k, r := range rows {
		risk[k] = -c.Score(t.rowFunc(r)).Points
	}
	return performance(risk, subsetLabels(y, rows))
}

func performanceRate(y []int8) float64 {
	var b float64
	for _, v := range y {
		b += float64(v)
	}
	return round(b/float64(len(y)), 6)
}

func bothClasses(y []int8, rows []int) bool {
	var seen [2]bool
	for _, r := range rows {
		seen[y[r]] = true
	}
	return seen[0] && seen[1]
}

// rowFunc looks up cells of row r by column name.
func (t *Table) rowFunc(r int) func(string) (string, bool) {
	return func(name string) (string, bool) {
		c := t.Column(name)
		if c < 0 {
			return "", false
		}
		return t.Rows[r][c], true
	}
}

// candidates parses every column that may be scored on. Columns with one
// value only, and text columns with a distinct value on most rows (names,
// identifiers), are left out.
func candidates(t *Table, exclude []string, train []int) []column {
	var out []column
	for ci, name := range t.Columns {
		if slices.Contains(exclude, name) {
			continue
		}
		c := column{name: name, numeric: t.isNumeric(ci, train)}
		distinct := map[string]bool{}
		if c.numeric {
			c.num, c.ok = make([]float64, len(t.Rows)), make([]bool, len(t.Rows))
			for r, row := range t.Rows {
				c.num[r], c.ok[r] = parseNumber(row[ci])
			}
		} else {
			c.text = make([]string, len(t.Rows))
			for r, row := range t.Rows {
				c.text[r] = row[ci]
			}
		}
		for _, r := range train {
			distinct[t.Rows[r][ci]] = true
			if len(distinct) > 200 {
				break
			}
		}
		if len(distinct) < 2 || (!c.numeric && len(distinct) > 100) {
			continue
		}
		out = append(out, c)
	}
	return withMissingCount(t, out, train)
}

// MissingCountName names the derived characteristic "how many of the
// figures that were sometimes missing in the fit data this row lacks".
// A firm that does not report several ratios is itself a signal.
const MissingCountName = "missing_count"

// withMissingCount adds the missing-value count when at least two
// candidates have missing values in the fit part.
func withMissingCount(t *Table, cols []column, train []int) []column {
	if t.Column(MissingCountName) >= 0 {
		return cols
	}
	var src []int
	var names []string
	for i, c := range cols {
		for _, r := range train {
			if (c.numeric && !c.ok[r]) || (!c.numeric && c.text[r] == "") {
				src, names = append(src, i), append(names, c.name)
				break
			}
		}
	}
	if len(src) < 2 {
		return cols
	}
	d := column{name: MissingCountName, numeric: true, derived: names,
		num: make([]float64, len(t.Rows)), ok: make([]bool, len(t.Rows))}
	for r := range t.Rows {
		n := 0
		for _, i := range src {
			if c := cols[i]; (c.numeric && !c.ok[r]) || (!c.numeric && c.text[r] == "") {
				n++
			}
		}
		d.num[r], d.ok[r] = float64(n), true
	}
	return append(cols, d)
}

// withCrosses adds, for the k numeric characteristics with the most IV on
// the fit part, every pair crossed by fifths: a profitability ratio may
// mean little on its own and much for a firm that is also highly indebted.
// The fifths are cut on the fit part; which cells go together is learned
// like any categorical characteristic.
func withCrosses(cols []column, train []int, y []int8, k int) []column {
	if k < 2 {
		return cols
	}
	feats := binAll(cols, train, y, DefaultSettings.binOpts())
	var top []int
	for _, i := range ivOrder(feats) {
		if cols[i].numeric && cols[i].derived == nil && len(top) < k {
			top = append(top, i)
		}
	}
	out := cols
	for a := 0; a < len(top); a++ {
		for b := a + 1; b < len(top); b++ {
			ca, cb := cols[top[a]], cols[top[b]]
			spec := &crossSpec{cols: []string{ca.name, cb.name}, cuts: [][]float64{fifths(ca, train), fifths(cb, train)}}
			if len(spec.cuts[0]) == 0 || len(spec.cuts[1]) == 0 {
				continue
			}
			c := column{name: ca.name + "×" + cb.name, text: make([]string, len(ca.num)), cross: spec}
			for r := range c.text {
				c.text[r] = crossCell(func(n string) (string, bool) {
					src := ca
					if n == cb.name {
						src = cb
					}
					if !src.ok[r] {
						return "", true
					}
					return strconv.FormatFloat(src.num[r], 'g', -1, 64), true
				}, spec.cols, spec.cuts)
			}
			out = append(out, c)
		}
	}
	return out
}

// fifths returns the distinct cut points between fifths of c on rows.
func fifths(c column, rows []int) []float64 {
	var v []float64
	for _, r := range rows {
		if c.ok[r] {
			v = append(v, c.num[r])
		}
	}
	if len(v) == 0 {
		return nil
	}
	slices.Sort(v)
	var cuts []float64
	for q := 1; q < 5; q++ {
		x := v[q*len(v)/5]
		if (len(cuts) == 0 || x > cuts[len(cuts)-1]) && x < v[len(v)-1] {
			cuts = append(cuts, x)
		}
	}
	return cuts
}

// ivOrder lists feature indexes by IV, highest first.
func ivOrder(feats []Feature) []int {
	idx := make([]int, len(feats))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return feats[idx[a]].IV > feats[idx[b]].IV })
	return idx
}
