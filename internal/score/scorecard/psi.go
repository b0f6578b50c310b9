// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"iter"
	"math"
	"sort"
)

// ScoreBand is one band of total points in the fit population (about a
// tenth of it each), kept so that the stability of the score as a whole
// can be followed. A band holds the scores above the previous band's Upper
// up to its own; the last has none.
type ScoreBand struct {
	Upper *float64 `json:"upper,omitempty"`
	Share float64  `json:"share"`
}

// Stability compares a population with the fit population.
type Stability struct {
	Rows     int                `json:"rows"`
	Score    float64            `json:"score_psi"` // PSI over the score bands
	Band     string             `json:"band"`      // Stable, Watch or Shifted, of Score
	Features []FeatureStability `json:"features"`
}

// FeatureStability is one characteristic's PSI over its ranges.
type FeatureStability struct {
	Name     string    `json:"name"`
	PSI      float64   `json:"psi"`
	Band     string    `json:"band"`
	Expected []float64 `json:"expected"` // fit shares, ranges in card order, missing last
	Actual   []float64 `json:"actual"`
}

// PSI measures how far today's population (rows, each looked up as in
// Score) has moved from the fit population, over the score bands and over
// each characteristic's ranges.
func (c *Card) PSI(rows iter.Seq[func(name string) (string, bool)]) Stability {
	st := Stability{}
	counts := make([][]float64, len(c.Features))
	for i, f := range c.Features {
		counts[i] = make([]float64, len(f.Bins)+1)
	}
	bands := make([]float64, len(c.ScoreBands))
	for row := range rows {
		st.Rows++
		for i := range c.Features {
			f := &c.Features[i]
			idx := f.binOfRow(row)
			if idx < 0 {
				idx = len(f.Bins)
			}
			counts[i][idx]++
		}
		if len(bands) > 0 {
			bands[bandOf(c.ScoreBands, c.Score(row).Points)]++
		}
	}
	n := math.Max(float64(st.Rows), 1)
	for i, f := range c.Features {
		exp := make([]float64, 0, len(f.Bins)+1)
		for _, b := range f.Bins {
			exp = append(exp, b.Share)
		}
		exp = append(exp, f.Missing.Share)
		act := counts[i]
		for k := range act {
			act[k] = round(act[k]/n, 6)
		}
		p := round(PSI(exp, act), 6)
		st.Features = append(st.Features, FeatureStability{Name: f.Name, PSI: p, Band: Band(p), Expected: exp, Actual: act})
	}
	exp := make([]float64, len(c.ScoreBands))
	for k, b := range c.ScoreBands {
		exp[k] = b.Share
		bands[k] /= n
	}
	st.Score = round(PSI(exp, bands), 6)
	st.Band = Band(st.Score)
	return st
}

func bandOf(bs []ScoreBand, points float64) int {
	for k, b := range bs {
		if b.Upper == nil || points <= *b.Upper {
			return k
		}
	}
	return len(bs) - 1
}

// scoreBands cuts the fit population's points into about ten bands of
// equal size; equal scores stay in one band.
func scoreBands(points []float64) []ScoreBand {
	p := append([]float64(nil), points...)
	sort.Float64s(p)
	n := float64(len(p))
	var out []ScoreBand
	start := 0
	for i := range p {
		if i+1 < len(p) && p[i+1] == p[i] {
			continue
		}
		if float64(i+1-start) >= n/10 && i+1 < len(p) {
			u := p[i]
			out = append(out, ScoreBand{Upper: &u, Share: round(float64(i+1-start)/n, 6)})
			start = i + 1
		}
	}
	out = append(out, ScoreBand{Share: round(float64(len(p)-start)/n, 6)})
	return out
}

// Each yields the rows of t as lookups by column name, for Card.PSI.
func (t *Table) Each() iter.Seq[func(name string) (string, bool)] {
	return func(yield func(func(string) (string, bool)) bool) {
		for r := range t.Rows {
			if !yield(t.rowFunc(r)) {
				return
			}
		}
	}
}
