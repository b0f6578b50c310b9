// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"math"
	"sort"
	"strconv"
)

// binOpts are the binning settings.
type binOpts struct {
	minShare float64 // each range holds at least this share of the fit rows
	maxBins  int     // at most this many ranges besides the missing one
	turning  bool    // allow one turning point in a numeric characteristic
	// tailShare, if below minShare, is the smallest share of the first and
	// last numeric ranges: the extremes of a ratio often carry most of the
	// risk (the lowest 1% of a profitability ratio), and a 5% range would
	// dilute them.
	tailShare float64
}

// turnMargin is how much more IV a single-peaked binning must have than the
// monotone one to be chosen.
var turnMargin = 0.3

// cell is one fine range during binning: its goods, bads and, for a
// numeric characteristic, its largest value; for a categorical one, its
// values.
type cell struct {
	good, bad float64
	upper     float64
	cats      []string
}

func (c cell) n() float64    { return c.good + c.bad }
func (c cell) rate() float64 { return c.bad / math.Max(c.n(), 1) }
func (c *cell) absorb(o cell) {
	c.good += o.good
	c.bad += o.bad
	c.upper = math.Max(c.upper, o.upper)
	c.cats = append(c.cats, o.cats...)
}
func mergeAt(cs []cell, i int) []cell { cs[i].absorb(cs[i+1]); return append(cs[:i+1], cs[i+2:]...) }

// binNumeric cuts a numeric characteristic into ranges whose bad rate
// rises or falls steadily. vals[i] is the value of row i (ok[i] false if
// missing), y[i] its outcome.
func binNumeric(name string, vals []float64, ok []bool, y []int8, o binOpts) Feature {
	type pair struct {
		v float64
		y int8
	}
	var ps []pair
	var miss cell
	for i := range vals {
		if !ok[i] {
			miss.add(y[i])
			continue
		}
		ps = append(ps, pair{vals[i], y[i]})
	}
	sort.Slice(ps, func(a, b int) bool { return ps[a].v < ps[b].v })
	total := float64(len(vals))
	minN := math.Max(1, o.minShare*total)
	if o.tailShare > 0 && o.tailShare < o.minShare {
		// Cut finely so that a small extreme range can stand alone.
		minN = math.Max(1, o.tailShare*total)
	}
	// Fine ranges: cut whenever a range has minN rows and the value changes,
	// so that equal values never straddle a cut.
	var cs []cell
	var cur cell
	for i, p := range ps {
		cur.add(p.y)
		cur.upper = p.v
		if cur.n() >= minN && (i+1 == len(ps) || ps[i+1].v != p.v) {
			cs = append(cs, cur)
			cur = cell{}
		}
	}
	if cur.n() > 0 {
		if len(cs) == 0 {
			cs = append(cs, cur)
		} else {
			cs[len(cs)-1].absorb(cur)
		}
	}
	up, down := monotone(clone(cs), true, o), monotone(clone(cs), false, o)
	if infoValue(down, miss) > infoValue(up, miss) {
		up = down
	}
	if o.turning {
		// A ratio can be risky at both ends (a valley or a peak of the bad
		// rate): allow one turning point when it adds clearly to the IV.
		best := infoValue(up, miss) * (1 + turnMargin)
		for k := 1; k+1 < len(cs); k++ {
			for _, inc := range []bool{true, false} {
				t := append(pav(clone(cs[:k]), inc), pav(clone(cs[k:]), !inc)...)
				t = enforceSize(t, o)
				if iv := infoValue(t, miss); iv > best {
					up, best = t, iv
				}
			}
		}
	}
	f := Feature{Name: name, Kind: KindNumeric}
	for i, c := range up {
		b := Bin{}
		if i < len(up)-1 {
			u := c.upper
			b.Upper = &u
		}
		b.good, b.bad = c.good, c.bad
		f.Bins = append(f.Bins, b)
	}
	f.Missing.good, f.Missing.bad = miss.good, miss.bad
	f.finishBins()
	return f
}

// binCategorical groups the values of a categorical characteristic: values
// are ordered by their bad rate and neighbours merged until every group
// holds the minimum share.
func binCategorical(name string, vals []string, y []int8, o binOpts) Feature {
	byCat := map[string]*cell{}
	var miss cell
	for i, v := range vals {
		if v == "" {
			miss.add(y[i])
			continue
		}
		c := byCat[v]
		if c == nil {
			c = &cell{cats: []string{v}}
			byCat[v] = c
		}
		c.add(y[i])
	}
	cs := make([]cell, 0, len(byCat))
	for _, c := range byCat {
		cs = append(cs, *c)
	}
	sort.Slice(cs, func(a, b int) bool {
		if ra, rb := cs[a].rate(), cs[b].rate(); ra != rb {
			return ra < rb
		}
		return cs[a].cats[0] < cs[b].cats[0]
	})
	cs = monotone(cs, true, o)
	f := Feature{Name: name, Kind: KindCategorical}
	for _, c := range cs {
		cats := append([]string(nil), c.cats...)
		sort.Strings(cats)
		b := Bin{Categories: cats}
		b.good, b.bad = c.good, c.bad
		f.Bins = append(f.Bins, b)
	}
	f.Missing.good, f.Missing.bad = miss.good, miss.bad
	f.finishBins()
	return f
}

func (c *cell) add(y int8) {
	if y == 1 {
		c.bad++
	} else {
		c.good++
	}
}

func clone(cs []cell) []cell { return append([]cell(nil), cs...) }

// monotone merges neighbouring ranges until the bad rate rises (or falls)
// from each range to the next (pool-adjacent-violators), every range has
// the minimum share, and there are at most maxBins ranges. The last two
// steps merge the neighbours whose bad rates are closest, which keeps the
// order.
func monotone(cs []cell, increasing bool, o binOpts) []cell {
	return enforceSize(pav(cs, increasing), o)
}

// pav pools adjacent ranges until the bad rate rises (or falls) strictly.
func pav(cs []cell, increasing bool) []cell {
	viol := func(a, b cell) bool {
		if increasing {
			return a.rate() >= b.rate()
		}
		return a.rate() <= b.rate()
	}
	for i := 0; i+1 < len(cs); {
		if viol(cs[i], cs[i+1]) {
			cs = mergeAt(cs, i)
			if i > 0 {
				i--
			}
			continue
		}
		i++
	}
	return cs
}

// enforceSize merges ranges below the minimum share into their closer
// neighbour, then the closest neighbours until at most maxBins remain.
// Merging neighbours keeps a monotone or single-peaked order.
func enforceSize(cs []cell, o binOpts) []cell {
	var total float64
	for _, c := range cs {
		total += c.n()
	}
	for len(cs) > 1 {
		small, smallN := -1, math.Inf(1)
		for i, c := range cs {
			need := o.minShare
			if (i == 0 || i == len(cs)-1) && o.tailShare > 0 && o.tailShare < o.minShare {
				need = o.tailShare
			}
			if c.n() < need*total-1e-9 && c.n() < smallN {
				small, smallN = i, c.n()
			}
		}
		if small < 0 && len(cs) <= o.maxBins {
			break
		}
		if small < 0 { // too many ranges: merge the closest pair
			best, bestD := 0, math.Inf(1)
			for i := 0; i+1 < len(cs); i++ {
				if d := math.Abs(cs[i].rate() - cs[i+1].rate()); d < bestD {
					best, bestD = i, d
				}
			}
			cs = mergeAt(cs, best)
			continue
		}
		j := small - 1
		if small == 0 || (small+1 < len(cs) && math.Abs(cs[small+1].rate()-cs[small].rate()) < math.Abs(cs[small-1].rate()-cs[small].rate())) {
			j = small
		}
		cs = mergeAt(cs, j)
	}
	return cs
}

// infoValue is the information value of ranges plus the missing range.
func infoValue(cs []cell, miss cell) float64 {
	var G, B float64
	for _, c := range append(cs, miss) {
		G += c.good
		B += c.bad
	}
	iv := 0.0
	for _, c := range append(cs, miss) {
		g, b := smoothShares(c.good, c.bad, G, B)
		iv += (g - b) * math.Log(g/b)
	}
	return iv
}

// smoothShares returns a range's share of all goods and of all bads with a
// small prior spread by the overall bad rate, so that a range with no bads
// gets a large but finite weight of evidence and an empty range gets 0.
func smoothShares(good, bad, G, B float64) (float64, float64) {
	const prior = 1.0
	N := G + B
	return (good + prior*G/N) / (G + prior), (bad + prior*B/N) / (B + prior)
}

func formatNum(f float64) string { return strconv.FormatFloat(f, 'g', 6, 64) }
