// SPDX-License-Identifier: Apache-2.0

package scorecard

import "math"

// tuneGrid is what cross-validation chooses from. It is small on purpose:
// with a few hundred bads, a wide grid would fit the folds' noise.
var tuneGrid = struct {
	turning  []bool
	minShare []float64
	l2       []float64
	crosses  []bool
}{
	crosses:  []bool{false, true},
	turning:  []bool{false, true},
	minShare: []float64{0.05, 0.02},
	l2:       []float64{2, 10, 30},
}

const tuneFolds = 4

// tune chooses the settings with the best mean AUC over stratified folds
// of the fit part; the held-out part is never seen here. Binning is redone
// on each fold's fit rows, so the folds judge the whole procedure. Returns
// the settings and their cross-validated AUC.
func tune(cols []column, y []int8, train []int, seed uint64) (Settings, float64, error) {
	fold := folds(subsetLabels(y, train), seed)
	sum := map[Settings]float64{}
	for _, tp := range tuneGrid.turning {
		for _, ms := range tuneGrid.minShare {
			for k := 0; k < tuneFolds; k++ {
				var fit, val []int
				for i, r := range train {
					if fold[i] == k {
						val = append(val, r)
					} else {
						fit = append(fit, r)
					}
				}
				s := DefaultSettings
				s.Turning, s.MinShare = tp, ms
				feats := binAll(cols, fit, y, s.binOpts())
				woeFit, woeVal := make([][]float64, len(feats)), make([][]float64, len(feats))
				for i := range feats {
					woeFit[i] = woeColumn(&feats[i], cols[i], fit)
					woeVal[i] = woeColumn(&feats[i], cols[i], val)
				}
				yf, yv := subsetLabels(y, fit), subsetLabels(y, val)
				for _, l2 := range tuneGrid.l2 {
					for _, cr := range tuneGrid.crosses {
						s.L2, s.Crosses = l2, cr
						m, err := selectAndFit(feats, woeFit, yf, s)
						if err != nil {
							return s, 0, err
						}
						sum[s] += AUC(m.predict(woeVal), yv) / tuneFolds
					}
				}
			}
		}
	}
	// Walk the grid in a fixed order so that ties resolve the same way.
	best, bestAUC := DefaultSettings, math.Inf(-1)
	for _, tp := range tuneGrid.turning {
		for _, ms := range tuneGrid.minShare {
			for _, l2 := range tuneGrid.l2 {
				for _, cr := range tuneGrid.crosses {
					s := DefaultSettings
					s.Turning, s.MinShare, s.L2, s.Crosses = tp, ms, l2, cr
					if a := sum[s]; a > bestAUC+1e-9 {
						best, bestAUC = s, a
					}
				}
			}
		}
	}
	return best, bestAUC, nil
}

// folds deals the rows (by position in y) to tuneFolds stratified folds.
func folds(y []int8, seed uint64) []int {
	fold := make([]int, len(y))
	rest := make([]int, len(y))
	for i := range rest {
		rest[i] = i
	}
	for k := 0; k < tuneFolds && len(rest) > 0; k++ {
		_, out := StratifiedSplit(subsetLabels(y, rest), 1/float64(tuneFolds-k), seed+uint64(k)+1)
		isOut := make(map[int]bool, len(out))
		for _, o := range out {
			isOut[o] = true
			fold[rest[o]] = k
		}
		keep := rest[:0:0]
		for i, r := range rest {
			if !isOut[i] {
				keep = append(keep, r)
			}
		}
		rest = keep
	}
	return fold
}

// predict is the log-odds of bad for each row of the WoE columns.
func (m model) predict(woe [][]float64) []float64 {
	n := len(woe[0])
	out := make([]float64, n)
	for r := range out {
		eta := m.intercept
		for k, j := range m.chosen {
			eta += m.coef[k] * woe[j][r]
		}
		out[r] = eta
	}
	return out
}

func (s Settings) binOpts() binOpts {
	return binOpts{minShare: s.MinShare, maxBins: s.MaxBins, turning: s.Turning, tailShare: s.TailShare}
}
