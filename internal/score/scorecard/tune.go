// SPDX-License-Identifier: Apache-2.0

package scorecard

import "math"

// tuneGrid is what cross-validation chooses from. It is small on purpose:
// with a few hundred bads, a wide grid would fit the folds' noise.
var tuneGrid = struct {
	minShare, maxCorr, l2 []float64
	maxFeatures           []int
	turning               []bool
}{
	turning:     []bool{false, true},
	minShare:    []float64{0.05, 0.02},
	maxCorr:     []float64{0.8},
	l2:          []float64{1, 10},
	maxFeatures: []int{20, 40},
}

const tuneFolds = 4

// tune chooses the settings with the best mean AUC over stratified folds
// of the fit part. The held-out part is never seen here.
func tune(cols []column, y []int8, train []int, seed uint64) (Settings, float64, error) {
	yt := subsetLabels(y, train)
	fold := make([]int, len(train))
	// Deal each class's shuffled rows to the folds in turn.
	rest := make([]int, len(train))
	for i := range rest {
		rest[i] = i
	}
	for k := 0; k < tuneFolds; k++ {
		if len(rest) == 0 {
			break
		}
		sub := subsetLabels(yt, rest)
		_, out := StratifiedSplit(sub, 1/float64(tuneFolds-k), seed+uint64(k)+1)
		keep := make([]int, 0, len(rest))
		isOut := make(map[int]bool, len(out))
		for _, o := range out {
			isOut[o] = true
			fold[rest[o]] = k
		}
		for i, r := range rest {
			if !isOut[i] {
				keep = append(keep, r)
			}
		}
		rest = keep
	}
	best, bestAUC := DefaultSettings, math.Inf(-1)
	sum := map[Settings]float64{}
	for _, ms := range tuneGrid.minShare {
		for _, tp := range tuneGrid.turning {
			for k := 0; k < tuneFolds; k++ {
				var fit, val []int
				for i, r := range train {
					if fold[i] == k {
						val = append(val, r)
					} else {
						fit = append(fit, r)
					}
				}
				feats := binAll(cols, fit, y, binOpts{minShare: ms, maxBins: DefaultSettings.MaxBins, turning: tp})
				woeFit, woeVal := make([][]float64, len(feats)), make([][]float64, len(feats))
				for i := range feats {
					woeFit[i] = woeColumn(&feats[i], cols[i], fit)
					woeVal[i] = woeColumn(&feats[i], cols[i], val)
				}
				yf, yv := subsetLabels(y, fit), subsetLabels(y, val)
				for _, mc := range tuneGrid.maxCorr {
					for _, mf := range tuneGrid.maxFeatures {
						for _, l2 := range tuneGrid.l2 {
							s := DefaultSettings
							s.MinShare, s.MaxCorr, s.MaxFeatures, s.L2, s.Turning = ms, mc, mf, l2, tp
							m, err := selectAndFit(feats, woeFit, yf, s)
							if err != nil {
								return s, 0, err
							}
							sum[s] += AUC(m.predict(woeVal), yv)
						}
					}
				}
			}
		}
	}
	// Walk the grid in a fixed order so that ties resolve the same way.
	for _, tp := range tuneGrid.turning {
		for _, ms := range tuneGrid.minShare {
			for _, mc := range tuneGrid.maxCorr {
				for _, mf := range tuneGrid.maxFeatures {
					for _, l2 := range tuneGrid.l2 {
						s := DefaultSettings
						s.MinShare, s.MaxCorr, s.MaxFeatures, s.L2, s.Turning = ms, mc, mf, l2, tp
						if a := sum[s]; a > bestAUC+1e-9 {
							best, bestAUC = s, a
						}
					}
				}
			}
		}
	}
	return best, bestAUC / tuneFolds, nil
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
