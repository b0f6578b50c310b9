// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"math/rand/v2"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Labels reads the target column as 1 = bad outcome, 0 = good. bad names
// the value that is the bad outcome; when empty, the less frequent of the
// two values is (ties: the greater value in text order). The target must
// hold exactly two distinct values and no missing cells.
func Labels(t *Table, target, bad string) ([]int8, string, error) {
	c := t.Column(target)
	if c < 0 {
		return nil, "", apperr.Invalidf("scorecard: no column %q in the data", target)
	}
	counts := map[string]int{}
	for i, row := range t.Rows {
		if row[c] == "" {
			return nil, "", apperr.Invalidf("scorecard: row %d has no %s", i+2, target)
		}
		counts[row[c]]++
	}
	if len(counts) != 2 {
		return nil, "", apperr.Invalidf("scorecard: target %s must have exactly two values, has %d", target, len(counts))
	}
	if bad == "" {
		vals := make([]string, 0, 2)
		for v := range counts {
			vals = append(vals, v)
		}
		sort.Strings(vals)
		bad = vals[1]
		if counts[vals[0]] < counts[vals[1]] {
			bad = vals[0]
		}
	} else if counts[bad] == 0 {
		return nil, "", apperr.Invalidf("scorecard: target %s never has the bad value %q", target, bad)
	}
	y := make([]int8, len(t.Rows))
	for i, row := range t.Rows {
		if row[c] == bad {
			y[i] = 1
		}
	}
	return y, bad, nil
}

// StratifiedSplit holds out frac of the rows at random, the same fraction
// of goods and of bads, so that both parts have the bad rate of the whole.
// The same seed always gives the same split.
func StratifiedSplit(y []int8, frac float64, seed uint64) (train, test []int) {
	rng := rand.New(rand.NewPCG(seed, 0x5c0eca4d))
	for class := int8(0); class <= 1; class++ {
		var idx []int
		for i, v := range y {
			if v == class {
				idx = append(idx, i)
			}
		}
		rng.Shuffle(len(idx), func(i, j int) { idx[i], idx[j] = idx[j], idx[i] })
		k := int(frac*float64(len(idx)) + 0.5)
		test = append(test, idx[:k]...)
		train = append(train, idx[k:]...)
	}
	slices.Sort(train)
	slices.Sort(test)
	return train, test
}

// subsetLabels returns y restricted to rows.
func subsetLabels(y []int8, rows []int) []int8 {
	out := make([]int8, len(rows))
	for i, r := range rows {
		out[i] = y[r]
	}
	return out
}

var dateLayouts = []string{time.RFC3339, "2006-01-02 15:04:05", "2006-01-02", "2006/01/02", "2006/1/2", "20060102", "2006-01", "2006"}

func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, l := range dateLayouts {
		if t, err := time.Parse(l, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

// TimeSplit holds out the latest frac of the rows by the date in column
// col (out-of-time validation): the card is judged on applicants that came
// after everyone it was fitted on. Rows on the cut-off date all go to the
// held-out part. Returns Invalid if a date cannot be read.
func TimeSplit(t *Table, col string, frac float64) (train, test []int, err error) {
	c := t.Column(col)
	if c < 0 {
		return nil, nil, apperr.Invalidf("scorecard: no date column %q in the data", col)
	}
	dates := make([]time.Time, len(t.Rows))
	order := make([]int, len(t.Rows))
	for i, row := range t.Rows {
		d, ok := parseDate(row[c])
		if !ok {
			return nil, nil, apperr.Invalidf("scorecard: row %d: %s %q is not a date (use YYYY-MM-DD)", i+2, col, row[c])
		}
		dates[i], order[i] = d, i
	}
	sort.SliceStable(order, func(a, b int) bool { return dates[order[a]].Before(dates[order[b]]) })
	k := len(order) - int(frac*float64(len(order))+0.5)
	if k < 0 {
		k = 0
	}
	for k > 0 && k < len(order) && dates[order[k-1]].Equal(dates[order[k]]) {
		k--
	}
	train, test = slices.Clone(order[:k]), slices.Clone(order[k:])
	slices.Sort(train)
	slices.Sort(test)
	return train, test, nil
}
