// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"math"
	"sort"
)

// AUC is the area under the ROC curve of risk (higher = more likely bad)
// against outcomes y (1 = bad): the chance that a random bad has a higher
// risk than a random good, ties counting one half. It is 0.5 when either
// class is empty.
func AUC(risk []float64, y []int8) float64 {
	idx := order(risk)
	var nBad, nGood, rankSum float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && risk[idx[j]] == risk[idx[i]] {
			j++
		}
		mid := float64(i+j+1) / 2 // average rank, 1-based
		for k := i; k < j; k++ {
			if y[idx[k]] == 1 {
				rankSum += mid
				nBad++
			} else {
				nGood++
			}
		}
		i = j
	}
	if nBad == 0 || nGood == 0 {
		return 0.5
	}
	return (rankSum - nBad*(nBad+1)/2) / (nBad * nGood)
}

// KS is the Kolmogorov–Smirnov statistic: the largest gap between the
// cumulative distributions of risk among bads and among goods, cutting
// only between distinct values.
func KS(risk []float64, y []int8) float64 {
	idx := order(risk)
	var nBad, nGood float64
	for _, v := range y {
		if v == 1 {
			nBad++
		} else {
			nGood++
		}
	}
	if nBad == 0 || nGood == 0 {
		return 0
	}
	var cb, cg, ks float64
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && risk[idx[j]] == risk[idx[i]] {
			if y[idx[j]] == 1 {
				cb++
			} else {
				cg++
			}
			j++
		}
		ks = math.Max(ks, math.Abs(cb/nBad-cg/nGood))
		i = j
	}
	return ks
}

// Gini is the Gini coefficient (accuracy ratio), 2·AUC − 1.
func Gini(auc float64) float64 { return 2*auc - 1 }

func order(v []float64) []int {
	idx := make([]int, len(v))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return v[idx[a]] < v[idx[b]] })
	return idx
}

func performance(risk []float64, y []int8) Performance {
	p := Performance{Rows: len(y)}
	var bads float64
	for _, v := range y {
		bads += float64(v)
	}
	if len(y) > 0 {
		p.BadRate = round(bads/float64(len(y)), 6)
	}
	auc := AUC(risk, y)
	p.AUC, p.KS, p.Gini = round(auc, 6), round(KS(risk, y), 6), round(Gini(auc), 6)
	return p
}

// PSI is the population stability index of actual shares against expected
// shares over the same ranges: Σ (a − e)·ln(a / e). Empty ranges count as
// a share of 0.0001 so that the index stays finite.
func PSI(expected, actual []float64) float64 {
	const floor = 1e-4
	s := 0.0
	for i := range expected {
		e, a := math.Max(expected[i], floor), math.Max(actual[i], floor)
		s += (a - e) * math.Log(a/e)
	}
	return s
}

// Stability bands of the PSI.
const (
	Stable  = "stable"  // PSI < 0.1
	Watch   = "watch"   // 0.1 ≤ PSI ≤ 0.25
	Shifted = "shifted" // PSI > 0.25
)

// Band names the usual stability band of a PSI value.
func Band(psi float64) string {
	switch {
	case psi < 0.1:
		return Stable
	case psi <= 0.25:
		return Watch
	}
	return Shifted
}

func round(f float64, digits int) float64 {
	p := math.Pow(10, float64(digits))
	return math.Round(f*p) / p
}
