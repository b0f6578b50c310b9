// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"math"
	"testing"
)

func TestAUC(t *testing.T) {
	for _, tc := range []struct {
		name string
		risk []float64
		y    []int8
		want float64
	}{
		{"OK", []float64{0.1, 0.4, 0.35, 0.8}, []int8{0, 0, 1, 1}, 0.75},
		{"TiesCountHalf", []float64{1, 2, 2, 3}, []int8{0, 0, 1, 1}, 0.875},
		{"AllTied", []float64{1, 1, 2, 2}, []int8{0, 1, 0, 1}, 0.5},
		{"Perfect", []float64{1, 2, 3}, []int8{0, 1, 1}, 1},
		{"OneClass", []float64{1, 2}, []int8{1, 1}, 0.5},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := AUC(tc.risk, tc.y); math.Abs(got-tc.want) > 1e-12 {
				t.Fatalf("AUC=%v, want %v", got, tc.want)
			}
		})
	}
}

func TestKS(t *testing.T) {
	for _, tc := range []struct {
		name string
		risk []float64
		y    []int8
		want float64
	}{
		{"OK", []float64{0.1, 0.4, 0.35, 0.8}, []int8{0, 0, 1, 1}, 0.5},
		// Cutting inside the tie at 1 would give 1; only cuts between
		// distinct values count.
		{"TiesNotSplit", []float64{1, 1, 2}, []int8{0, 1, 1}, 0.5},
		{"Perfect", []float64{1, 2, 3, 4}, []int8{0, 0, 1, 1}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := KS(tc.risk, tc.y); math.Abs(got-tc.want) > 1e-12 {
				t.Fatalf("KS=%v, want %v", got, tc.want)
			}
		})
	}
	if got, want := Gini(0.75), 0.5; got != want {
		t.Fatalf("Gini=%v, want %v", got, want)
	}
}

func TestPSI(t *testing.T) {
	if got := PSI([]float64{0.2, 0.3, 0.5}, []float64{0.2, 0.3, 0.5}); got != 0 {
		t.Fatalf("PSI of identical shares=%v, want 0", got)
	}
	// (0.4−0.5)·ln(0.4/0.5) + (0.6−0.5)·ln(0.6/0.5)
	want := -0.1*math.Log(0.8) + 0.1*math.Log(1.2)
	if got := PSI([]float64{0.5, 0.5}, []float64{0.4, 0.6}); math.Abs(got-want) > 1e-12 {
		t.Fatalf("PSI=%v, want %v", got, want)
	}
	for _, tc := range []struct {
		psi  float64
		want string
	}{{0, Stable}, {0.099, Stable}, {0.1, Watch}, {0.25, Watch}, {0.26, Shifted}} {
		if got := Band(tc.psi); got != tc.want {
			t.Fatalf("Band(%v)=%s, want %s", tc.psi, got, tc.want)
		}
	}
}
