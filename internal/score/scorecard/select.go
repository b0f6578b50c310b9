// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"math"
	"slices"
	"sort"
)

// Settings are the binning, selection and regression settings of a fit.
type Settings struct {
	MinShare    float64 `json:"min_share"`    // smallest range, as a share of the fit rows
	MaxBins     int     `json:"max_bins"`     // most ranges per characteristic, besides missing
	MinIV       float64 `json:"min_iv"`       // characteristics below this IV are left out
	MaxCorr     float64 `json:"max_corr"`     // largest |correlation| of WoE with one already chosen
	MaxFeatures int     `json:"max_features"` // most characteristics on the card
	L2          float64 `json:"l2"`           // ridge penalty of the regression, per 1,000 fit rows
	Turning     bool    `json:"turning"`      // numeric ranges may have one turning point
	Crosses     bool    `json:"crosses"`      // crossed characteristics may be chosen
	TailShare   float64 `json:"tail_share"`   // smallest first and last numeric range, if below MinShare
}

// DefaultSettings are used when no cross-validation is asked for.
var DefaultSettings = Settings{MinShare: 0.05, MaxBins: 8, MinIV: 0.02, MaxCorr: 0.8, MaxFeatures: 30, L2: 10, Turning: true, Crosses: true, TailShare: 0.02}

// column is a candidate characteristic, parsed once for all rows.
type column struct {
	name    string
	numeric bool
	num     []float64
	ok      []bool
	text    []string
	derived []string // for the missing-value count: the columns counted
	cross   *crossSpec
}

// crossSpec is what a crossed characteristic needs to place a row.
type crossSpec struct {
	cols []string
	cuts [][]float64
}

// binAll bins every candidate on rows with the given settings.
func binAll(cols []column, rows []int, y []int8, o binOpts) []Feature {
	yr := subsetLabels(y, rows)
	out := make([]Feature, len(cols))
	for i, c := range cols {
		if c.numeric {
			v, ok := make([]float64, len(rows)), make([]bool, len(rows))
			for k, r := range rows {
				v[k], ok[k] = c.num[r], c.ok[r]
			}
			out[i] = binNumeric(c.name, v, ok, yr, o)
			if c.derived != nil {
				out[i].Kind, out[i].Columns = KindMissingCount, c.derived
			}
		} else {
			v := make([]string, len(rows))
			for k, r := range rows {
				v[k] = c.text[r]
			}
			out[i] = binCategorical(c.name, v, yr, o)
			if c.cross != nil {
				out[i].Kind, out[i].Columns, out[i].Cuts = KindCross, c.cross.cols, c.cross.cuts
				out[i].label()
			}
		}
	}
	return out
}

// woeColumn is the WoE of each of rows under feature f (binned from
// column c).
func woeColumn(f *Feature, c column, rows []int) []float64 {
	out := make([]float64, len(rows))
	for k, r := range rows {
		if c.numeric {
			out[k] = f.bin(f.binOfNumber(c.num[r], c.ok[r])).WoE
		} else {
			out[k] = f.bin(f.binOf(c.text[r])).WoE
		}
	}
	return out
}

// model is a fitted selection: the chosen features (indexes into the
// candidates), their weights and the intercept.
type model struct {
	chosen    []int
	coef      []float64
	intercept float64
}

// selectAndFit chooses characteristics by IV, leaving out those whose WoE
// correlates above MaxCorr with one already chosen, fits the regression,
// and drops characteristics with a wrong-signed weight until none is left:
// on a scorecard a better range must never cost points.
func selectAndFit(feats []Feature, woe [][]float64, y []int8, s Settings) (model, error) {
	order := make([]int, 0, len(feats))
	for i, f := range feats {
		if f.IV >= s.MinIV && len(f.Bins)+boolInt(f.Missing.Count > 0) > 1 && (s.Crosses || f.Kind != KindCross) {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(a, b int) bool { return feats[order[a]].IV > feats[order[b]].IV })
	dropped := map[int]bool{}
	cc := newCorrCache(woe)
	var chosen []int
	var init []float64
	for {
		// Fill up to MaxFeatures in IV order, skipping repeats of a chosen one.
		for _, i := range order {
			if len(chosen) >= s.MaxFeatures {
				break
			}
			if dropped[i] || slices.Contains(chosen, i) {
				continue
			}
			keep := true
			for _, j := range chosen {
				if math.Abs(cc.corr(i, j)) > s.MaxCorr {
					keep = false
					break
				}
			}
			if keep {
				chosen = append(chosen, i)
				if init != nil {
					init = append(init, 0)
				}
			}
		}
		if len(chosen) == 0 {
			return model{}, errNoFeature
		}
		b0, b, err := fitLogit(design(woe, chosen), y, s.L2*float64(len(y))/1000, init)
		if err != nil {
			return model{}, err
		}
		// Drop every wrong-signed characteristic at once (a repeat of a
		// stronger one, as a rule) and refill from the candidates.
		keep, next := chosen[:0:0], []float64{b0}
		for k, v := range b {
			if v > 0 {
				dropped[chosen[k]] = true
			} else {
				keep, next = append(keep, chosen[k]), append(next, v)
			}
		}
		if len(keep) == len(chosen) {
			return model{chosen: chosen, coef: b, intercept: b0}, nil
		}
		chosen, init = keep, next
	}
}

// design builds the row-major matrix of the chosen WoE columns.
func design(woe [][]float64, chosen []int) [][]float64 {
	n := len(woe[chosen[0]])
	x := make([][]float64, n)
	flat := make([]float64, n*len(chosen))
	for r := range x {
		x[r] = flat[r*len(chosen) : (r+1)*len(chosen)]
		for k, j := range chosen {
			x[r][k] = woe[j][r]
		}
	}
	return x
}

// corrCache holds the standardised WoE columns and the correlations
// already computed, since refills ask for the same pairs again.
type corrCache struct {
	z    [][]float64
	memo map[[2]int]float64
}

func newCorrCache(woe [][]float64) *corrCache {
	c := &corrCache{z: make([][]float64, len(woe)), memo: map[[2]int]float64{}}
	for i, col := range woe {
		n := float64(len(col))
		var m, v float64
		for _, x := range col {
			m += x
		}
		m /= n
		for _, x := range col {
			v += (x - m) * (x - m)
		}
		sd := math.Sqrt(v / n)
		z := make([]float64, len(col))
		if sd > 0 {
			for k, x := range col {
				z[k] = (x - m) / sd
			}
		}
		c.z[i] = z
	}
	return c
}

func (c *corrCache) corr(i, j int) float64 {
	if i > j {
		i, j = j, i
	}
	if v, ok := c.memo[[2]int{i, j}]; ok {
		return v
	}
	v := dot(c.z[i], c.z[j]) / float64(len(c.z[i]))
	c.memo[[2]int{i, j}] = v
	return v
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
