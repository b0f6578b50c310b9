// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"math"
	"sort"
)

// Result is an applicant's score on a card.
type Result struct {
	Points  float64  `json:"points"`   // total: base points plus every characteristic's points
	ProbBad float64  `json:"prob_bad"` // probability of the bad outcome the points stand for
	Reasons []Reason `json:"reasons"`  // characteristics that cost points, most first
}

// Reason is one reason code: a characteristic, the range the applicant
// fell in, the points it gave and the points lost against its best range.
type Reason struct {
	Feature string  `json:"feature"`
	Bin     string  `json:"bin"`
	Points  float64 `json:"points"`
	Lost    float64 `json:"lost"`
}

// Score scores one applicant. row returns the applicant's value of a
// characteristic by name (ok false when it has none); a missing, empty,
// "?" or unreadable value, or a category not seen in fitting, falls in the
// characteristic's missing range. Reasons list every characteristic that
// gave fewer points than its best range, the largest loss first (ties by
// name).
func (c *Card) Score(row func(name string) (value string, ok bool)) Result {
	res := Result{Points: c.Scaling.BasePoints}
	for i := range c.Features {
		f := &c.Features[i]
		b := f.bin(f.binOfRow(row))
		res.Points += b.Points
		if lost := f.bestPoints() - b.Points; lost > 0 {
			res.Reasons = append(res.Reasons, Reason{Feature: f.Name, Bin: b.Label, Points: b.Points, Lost: round(lost, 2)})
		}
	}
	res.Points = round(res.Points, 2)
	lnOddsGood := (res.Points - c.Scaling.offset()) / c.Scaling.factor()
	res.ProbBad = 1 - sigmoid(lnOddsGood)
	sort.SliceStable(res.Reasons, func(a, b int) bool {
		if res.Reasons[a].Lost != res.Reasons[b].Lost {
			return res.Reasons[a].Lost > res.Reasons[b].Lost
		}
		return res.Reasons[a].Feature < res.Reasons[b].Feature
	})
	return res
}

// bestPoints is the most points any range of f gives, counting the missing
// range only if the fit population had missing values.
func (f *Feature) bestPoints() float64 {
	best := math.Inf(-1)
	for _, b := range f.Bins {
		best = math.Max(best, b.Points)
	}
	if f.Missing.Count > 0 {
		best = math.Max(best, f.Missing.Points)
	}
	return best
}
