// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"math"
	"math/bits"
	"math/rand/v2"
)

// Streams separate the random draws made for different purposes, so that
// adding a draw for one item never shifts the values of another. Every
// value the generator writes comes from rand.PCG seeded with (seed, stream,
// index): enterprise i is the same whatever N is and whatever else is
// generated, which is what lets Generator.Enterprise work by index.
const (
	streamEnterprise uint64 = iota + 1
	streamName
	streamProfile
	streamItem // + item position × 16 (see itemStream)
	streamBad  = 1 << 40
	streamMisc = 1 << 41
)

// splitmix64 is a strong 64-bit mixer (Steele et al.); it turns
// neighbouring (seed, stream, index) triples into unrelated PCG states.
func splitmix64(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// rng is a reseedable random source. One per goroutine; Seed costs nothing,
// so the hot loop never allocates a new generator.
type rng struct {
	pcg rand.PCG
	*rand.Rand
}

func newRNG() *rng {
	r := &rng{}
	r.Rand = rand.New(&r.pcg)
	return r
}

// at positions the source at (seed, stream, index) and returns it.
func (r *rng) at(seed, stream, index uint64) *rng {
	hi := splitmix64(seed ^ splitmix64(stream))
	r.pcg.Seed(hi, splitmix64(hi^index))
	return r
}

// chance reports true with probability p.
func (r *rng) chance(p float64) bool { return r.Float64() < p }

// between returns a uniform integer in [lo, hi].
func (r *rng) between(lo, hi int) int { return lo + r.IntN(hi-lo+1) }

// pick returns a uniformly chosen element.
func pick[T any](r *rng, xs []T) T { return xs[r.IntN(len(xs))] }

// logNormal draws exp(N(ln median, sigma²)).
func (r *rng) logNormal(median, sigma float64) float64 {
	return median * math.Exp(sigma*r.NormFloat64())
}

// weighted is a discrete distribution over indices, built once and drawn
// from with one uniform and a binary search.
type weighted struct{ cum []float64 }

func newWeighted(w []float64) weighted {
	cum := make([]float64, len(w))
	total := 0.0
	for i, x := range w {
		total += x
		cum[i] = total
	}
	for i := range cum {
		cum[i] /= total
	}
	return weighted{cum}
}

// draw returns an index with probability proportional to its weight.
func (w weighted) draw(r *rng) int {
	u := r.Float64()
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if w.cum[mid] > u {
			hi = mid
		} else {
			lo = mid + 1
		}
	}
	return lo
}

// choice is a weighted list of values.
type choice[T any] struct {
	vals []T
	w    weighted
}

func newChoice[T any](vals []T, w []float64) choice[T] {
	if len(vals) != len(w) {
		panic("generate: choice: values and weights differ in length")
	}
	return choice[T]{vals: vals, w: newWeighted(w)}
}

func (c choice[T]) draw(r *rng) T { return c.vals[c.w.draw(r)] }

// affine is a bijection of [0, m): x → (a·x + b) mod m, with gcd(a, m) = 1.
// It spreads consecutive indices over the code space, so that codes look
// unrelated yet are unique by construction (no set of used codes needed).
type affine struct{ a, b, m uint64 }

func newAffine(seed, m uint64) affine {
	a := splitmix64(seed)%(m-1) + 1
	for gcd(a, m) != 1 {
		a++
	}
	return affine{a: a, b: splitmix64(seed+1) % m, m: m}
}

func (p affine) apply(x uint64) uint64 {
	hi, lo := bits.Mul64(p.a, x%p.m)
	_, rem := bits.Div64(hi, lo, p.m) // hi < m because a, x < m
	return (rem + p.b) % p.m
}

func gcd(a, b uint64) uint64 {
	for b != 0 {
		a, b = b, a%b
	}
	return a
}
