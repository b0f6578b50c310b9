// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"errors"
	"math"
)

// fitLogit fits a logistic regression of y (1 = bad) on the columns of x
// (row-major, n rows of p values) with an intercept, by Newton's method
// (iteratively reweighted least squares). l2 is a ridge penalty on the
// weights, not the intercept: it keeps the weights of correlated
// characteristics from running away. init, if not nil, is a starting
// point (intercept first). Returns the intercept and weights.
func fitLogit(x [][]float64, y []int8, l2 float64, init []float64) (float64, []float64, error) {
	n := len(x)
	if n == 0 {
		return 0, nil, errors.New("no rows")
	}
	p := len(x[0]) + 1 // with intercept at index 0
	beta := make([]float64, p)
	var bads float64
	for _, v := range y {
		bads += float64(v)
	}
	rate := (bads + 0.5) / (float64(n) + 1)
	beta[0] = math.Log(rate / (1 - rate))
	if len(init) == p {
		copy(beta, init)
	}
	h := make([]float64, p*p)
	g := make([]float64, p)
	row := make([]float64, p)
	prevLoss := math.Inf(1)
	for iter := 0; iter < 100; iter++ {
		clear(h)
		clear(g)
		loss := 0.0
		for i := 0; i < n; i++ {
			row[0] = 1
			copy(row[1:], x[i])
			eta := dot(row, beta)
			pr := sigmoid(eta)
			w := math.Max(pr*(1-pr), 1e-10)
			r := float64(y[i]) - pr
			if y[i] == 1 {
				loss -= logSigmoid(eta)
			} else {
				loss -= logSigmoid(-eta)
			}
			for a, ra := range row {
				g[a] += r * ra
				wa := w * ra
				ha := h[a*p : a*p+a+1]
				rb := row[:len(ha)]
				for b := range ha {
					ha[b] += wa * rb[b]
				}
			}
		}
		for a := 1; a < p; a++ {
			g[a] -= l2 * beta[a]
			h[a*p+a] += l2
			loss += 0.5 * l2 * beta[a] * beta[a]
		}
		for a := 0; a < p; a++ {
			for b := a + 1; b < p; b++ {
				h[a*p+b] = h[b*p+a]
			}
		}
		step, err := solveSPD(h, g, p)
		if err != nil {
			return 0, nil, err
		}
		// Step halving keeps Newton from overshooting when the WoE
		// columns are nearly collinear: the penalised loss must not rise.
		next := make([]float64, p)
		for t := 1.0; ; t /= 2 {
			for a := range beta {
				next[a] = beta[a] + t*step[a]
			}
			if nl := penalisedLoss(x, y, next, l2); nl <= loss || t < 1e-6 {
				break
			}
		}
		copy(beta, next)
		if math.Abs(prevLoss-loss) < 1e-9*(1+math.Abs(loss)) || maxAbs(step) < 1e-6 {
			break
		}
		prevLoss = loss
	}
	for _, b := range beta {
		if math.IsNaN(b) || math.IsInf(b, 0) {
			return 0, nil, errors.New("regression did not converge")
		}
	}
	return beta[0], beta[1:], nil
}

// penalisedLoss is the negative log-likelihood plus the ridge penalty.
func penalisedLoss(x [][]float64, y []int8, beta []float64, l2 float64) float64 {
	loss := 0.0
	for i, row := range x {
		eta := beta[0] + dot(row, beta[1:])
		if y[i] == 1 {
			loss -= logSigmoid(eta)
		} else {
			loss -= logSigmoid(-eta)
		}
	}
	for _, b := range beta[1:] {
		loss += 0.5 * l2 * b * b
	}
	return loss
}

func dot(a, b []float64) float64 {
	s := 0.0
	for i := range a {
		s += a[i] * b[i]
	}
	return s
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}

// logSigmoid is ln(sigmoid(z)) without overflow.
func logSigmoid(z float64) float64 {
	if z >= 0 {
		return -math.Log1p(math.Exp(-z))
	}
	return z - math.Log1p(math.Exp(z))
}

func maxAbs(v []float64) float64 {
	m := 0.0
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// solveSPD solves h·x = g for a symmetric positive definite h (p×p,
// row-major) by Cholesky decomposition, with a small jitter on the
// diagonal if h is only semi-definite.
func solveSPD(h, g []float64, p int) ([]float64, error) {
	for jitter := 0.0; jitter < 1; jitter = math.Max(jitter*10, 1e-9) {
		l := make([]float64, p*p)
		ok := true
		for i := 0; i < p && ok; i++ {
			for j := 0; j <= i; j++ {
				s := h[i*p+j]
				if i == j {
					s += jitter
				}
				for k := 0; k < j; k++ {
					s -= l[i*p+k] * l[j*p+k]
				}
				if i == j {
					if s <= 0 {
						ok = false
						break
					}
					l[i*p+i] = math.Sqrt(s)
				} else {
					l[i*p+j] = s / l[j*p+j]
				}
			}
		}
		if !ok {
			continue
		}
		z := make([]float64, p)
		for i := 0; i < p; i++ {
			s := g[i]
			for k := 0; k < i; k++ {
				s -= l[i*p+k] * z[k]
			}
			z[i] = s / l[i*p+i]
		}
		x := make([]float64, p)
		for i := p - 1; i >= 0; i-- {
			s := z[i]
			for k := i + 1; k < p; k++ {
				s -= l[k*p+i] * x[k]
			}
			x[i] = s / l[i*p+i]
		}
		return x, nil
	}
	return nil, errors.New("singular system")
}
