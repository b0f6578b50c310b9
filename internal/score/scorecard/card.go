// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"math"
	"strconv"
	"strings"
)

// Format is the version tag of the exported card. A change that an older
// evaluator could misread gets a new version.
const Format = "xinrong-scorecard/1"

// Kinds of characteristic.
const (
	KindNumeric     = "numeric"
	KindCategorical = "categorical"
	// KindMissingCount is a derived characteristic: how many of Columns
	// the row lacks, binned like a numeric one.
	KindMissingCount = "missing_count"
	// KindCross is a derived characteristic crossing two numeric ones:
	// each is cut at Cuts into fifths of the fit population, and the
	// ranges group cells "i|j" (fifth i of the first, fifth j of the
	// second, 0-based; "m" when missing).
	KindCross = "cross"
)

// grouped says whether f's ranges list values rather than bounds.
func (f *Feature) grouped() bool { return f.Kind == KindCategorical || f.Kind == KindCross }

// Card is a fitted scorecard as exported and loaded.
type Card struct {
	Format   string    `json:"format"`
	Target   string    `json:"target"`    // the outcome column it was fitted on
	BadValue string    `json:"bad_value"` // the value of Target that is the bad outcome
	Scaling  Scaling   `json:"scaling"`
	Features []Feature `json:"features"`
	// ScoreBands are the fit population's score deciles, for the PSI of
	// the score as a whole.
	ScoreBands []ScoreBand `json:"score_bands"`
	Metrics    Metrics     `json:"metrics"`
	Training   Training    `json:"training"`
}

// Scaling turns log-odds into points: BaseScore points stand for odds of
// BaseOdds goods to one bad, and every PDO points double the odds.
// Intercept is the regression's intercept (log-odds of bad) and BasePoints
// the points everyone starts from.
type Scaling struct {
	PDO        float64 `json:"pdo"`
	BaseScore  float64 `json:"base_score"`
	BaseOdds   float64 `json:"base_odds"`
	Intercept  float64 `json:"intercept"`
	BasePoints float64 `json:"base_points"`
}

// factor and offset are the usual scaling constants:
// score = offset + factor·ln(odds of good).
func (s Scaling) factor() float64 { return s.PDO / math.Ln2 }
func (s Scaling) offset() float64 { return s.BaseScore - s.factor()*math.Log(s.BaseOdds) }

// Feature is one characteristic of the card: its ranges (Bins), in order
// of value for a numeric one, and the range for a missing value. A value
// that fits no range (text in a numeric column, a category never seen in
// fitting) counts as missing.
type Feature struct {
	Name    string      `json:"name"`
	Kind    string      `json:"kind"`              // KindNumeric, KindCategorical or KindMissingCount
	Columns []string    `json:"columns,omitempty"` // counted by a KindMissingCount, crossed by a KindCross
	Cuts    [][]float64 `json:"cuts,omitempty"`    // of a KindCross, per column
	IV      float64     `json:"iv"`                // information value on the fit population
	Coef    float64     `json:"coef"`              // regression weight of the WoE (log-odds of bad)
	Bins    []Bin       `json:"bins"`
	Missing Bin         `json:"missing"`
}

// Bin is one range of a characteristic. A numeric range holds the values
// above the previous range's Upper up to and including its own; the last
// range has no Upper. A categorical range lists its values.
type Bin struct {
	Label      string   `json:"label"`
	Upper      *float64 `json:"upper,omitempty"`
	Categories []string `json:"categories,omitempty"`
	WoE        float64  `json:"woe"`
	Points     float64  `json:"points"`
	Share      float64  `json:"share"`    // of the fit population, for PSI
	BadRate    float64  `json:"bad_rate"` // in the fit population
	Count      int      `json:"count"`    // rows of the fit population

	good, bad float64
}

// Metrics are the card's discrimination on the fit part and on the
// held-out part.
type Metrics struct {
	Train Performance `json:"train"`
	Test  Performance `json:"test"`
}

// Performance is the discrimination of a score on one population.
type Performance struct {
	Rows    int     `json:"rows"`
	BadRate float64 `json:"bad_rate"`
	AUC     float64 `json:"auc"`
	KS      float64 `json:"ks"`
	Gini    float64 `json:"gini"`
}

// Training says what the card was fitted on, so that it can be reproduced.
type Training struct {
	DataFile     string   `json:"data_file,omitempty"`
	DataSHA256   string   `json:"data_sha256"`
	Rows         int      `json:"rows"`     // all labelled rows
	BadRate      float64  `json:"bad_rate"` // of all labelled rows
	Split        string   `json:"split"`    // "stratified" or "out-of-time"
	DateColumn   string   `json:"date_column,omitempty"`
	TestFraction float64  `json:"test_fraction"`
	Seed         uint64   `json:"seed"`
	Interactions int      `json:"interactions"` // strongest characteristics crossed pairwise
	Settings     Settings `json:"settings"`     // the binning and regression settings chosen
	FittedAt     string   `json:"fitted_at,omitempty"`
}

// finishBins computes each range's WoE, share, bad rate and label and the
// characteristic's information value from the counts.
func (f *Feature) finishBins() {
	var G, B float64
	for _, b := range append(f.Bins, f.Missing) {
		G += b.good
		B += b.bad
	}
	f.IV = 0
	set := func(b *Bin) {
		g, d := smoothShares(b.good, b.bad, G, B)
		b.WoE = math.Log(g / d)
		b.Count = int(b.good + b.bad)
		b.Share = (b.good + b.bad) / (G + B)
		if b.Count > 0 {
			b.BadRate = b.bad / (b.good + b.bad)
		}
		f.IV += (g - d) * b.WoE
	}
	for i := range f.Bins {
		set(&f.Bins[i])
	}
	set(&f.Missing)
	f.label()
}

// label names the ranges for people: "(-inf, 0.12]", "(0.12, 0.5]",
// "(0.5, +inf)", or the listed values.
func (f *Feature) label() {
	f.Missing.Label = "missing"
	lo := "-inf"
	for i := range f.Bins {
		b := &f.Bins[i]
		switch {
		case f.Kind == KindCategorical:
			b.Label = strings.Join(b.Categories, ",")
		case f.Kind == KindCross:
			cells := make([]string, len(b.Categories))
			for k, c := range b.Categories {
				cells[k] = crossCellLabel(c)
			}
			b.Label = strings.Join(cells, ",")
		case b.Upper == nil:
			b.Label = "(" + lo + ", +inf)"
		default:
			b.Label = "(" + lo + ", " + formatNum(*b.Upper) + "]"
			lo = formatNum(*b.Upper)
		}
	}
}

// binOf returns the range a cell value falls in, or -1 for the missing one.
func (f *Feature) binOf(v string) int {
	v = cleanCell(v)
	if v == "" {
		return -1
	}
	if f.grouped() {
		for i, b := range f.Bins {
			for _, c := range b.Categories {
				if c == v {
					return i
				}
			}
		}
		return -1
	}
	x, ok := parseNumber(v)
	return f.binOfNumber(x, ok)
}

// binOfNumber returns the range of a numeric value, -1 if !ok or if the
// characteristic is categorical.
func (f *Feature) binOfNumber(x float64, ok bool) int {
	if !ok || f.grouped() {
		return -1
	}
	for i, b := range f.Bins {
		if b.Upper == nil || x <= *b.Upper {
			return i
		}
	}
	return -1
}

// binOfRow returns the range a row falls in, or -1 for the missing one.
func (f *Feature) binOfRow(row func(string) (string, bool)) int {
	if f.Kind == KindMissingCount {
		n := 0
		for _, c := range f.Columns {
			if v, ok := row(c); !ok || cleanCell(v) == "" {
				n++
			}
		}
		return f.binOfNumber(float64(n), true)
	}
	if f.Kind == KindCross {
		return f.binOf(crossCell(row, f.Columns, f.Cuts))
	}
	v, ok := row(f.Name)
	if !ok {
		return -1
	}
	return f.binOf(v)
}

// bin returns range i, or the missing range for -1.
func (f *Feature) bin(i int) *Bin {
	if i < 0 {
		return &f.Missing
	}
	return &f.Bins[i]
}

// crossCell is the cell "i|j" of a row on a crossed characteristic.
func crossCell(row func(string) (string, bool), cols []string, cuts [][]float64) string {
	parts := make([]string, len(cols))
	for k, c := range cols {
		parts[k] = "m"
		if v, ok := row(c); ok {
			if x, ok := parseNumber(cleanCell(v)); ok {
				parts[k] = strconv.Itoa(fifth(x, cuts[k]))
			}
		}
	}
	return strings.Join(parts, "|")
}

// fifth is the index of the first cut x does not exceed, or len(cuts).
func fifth(x float64, cuts []float64) int {
	i := 0
	for i < len(cuts) && x > cuts[i] {
		i++
	}
	return i
}

// crossCellLabel names a cell for people: "0|4" → "Q1×Q5", "m" → "∅".
func crossCellLabel(c string) string {
	parts := strings.Split(c, "|")
	for k, p := range parts {
		if n, err := strconv.Atoi(p); err == nil {
			parts[k] = "Q" + strconv.Itoa(n+1)
		} else {
			parts[k] = "∅"
		}
	}
	return strings.Join(parts, "×")
}
