// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// MaxCardBytes bounds a card file; real cards are a few tens of KiB.
const MaxCardBytes = 8 << 20

// Load reads a card exported by Fit (format "xinrong-scorecard/1") and
// checks it strictly: unknown fields, a different format version, numbers
// that are not finite, ranges out of order or overlapping, and shares that
// do not add up are all refused with apperr Invalid, so that an evaluator
// never scores with a damaged card.
func Load(r io.Reader) (*Card, error) {
	b, err := io.ReadAll(io.LimitReader(r, MaxCardBytes+1))
	if err != nil {
		return nil, fmt.Errorf("scorecard: read card: %w", err)
	}
	if len(b) > MaxCardBytes {
		return nil, apperr.Invalidf("scorecard: card larger than %d bytes", MaxCardBytes)
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	var c Card
	if err := dec.Decode(&c); err != nil {
		return nil, apperr.E(apperr.Invalid, "scorecard: the card is not valid JSON of format "+Format, err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, apperr.Invalidf("scorecard: data after the card")
	}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	return &c, nil
}

// WriteJSON writes the card as indented JSON.
func (c *Card) WriteJSON(w io.Writer) error {
	b, err := json.MarshalIndent(c, "", "  ")
	if err != nil {
		return fmt.Errorf("scorecard: encode card: %w", err)
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// Validate checks a card's structure and numbers. Returns apperr Invalid.
func (c *Card) Validate() error {
	bad := func(format string, a ...any) error {
		return apperr.Invalidf("scorecard: invalid card: "+format, a...)
	}
	if c.Format != Format {
		return bad("format %q, want %q", c.Format, Format)
	}
	if c.Target == "" {
		return bad("no target")
	}
	s := c.Scaling
	if !finite(s.PDO, s.BaseScore, s.BaseOdds, s.Intercept, s.BasePoints) || s.PDO <= 0 || s.BaseOdds <= 0 {
		return bad("scaling must be finite with positive pdo and base_odds")
	}
	if len(c.Features) == 0 || len(c.Features) > 10000 {
		return bad("%d characteristics", len(c.Features))
	}
	names := map[string]bool{}
	for i := range c.Features {
		f := &c.Features[i]
		if f.Name == "" || names[f.Name] {
			return bad("characteristic %d: empty or repeated name %q", i+1, f.Name)
		}
		names[f.Name] = true
		if err := f.validate(); err != nil {
			return bad("%s: %v", f.Name, err)
		}
	}
	if err := validateBands(c.ScoreBands); err != nil {
		return bad("score bands: %v", err)
	}
	for _, p := range []Performance{c.Metrics.Train, c.Metrics.Test} {
		if !finite(p.BadRate, p.AUC, p.KS, p.Gini) || p.Rows < 0 {
			return bad("metrics must be finite")
		}
	}
	if !finite(c.Training.BadRate, c.Training.TestFraction) {
		return bad("training figures must be finite")
	}
	return nil
}

func (f *Feature) validate() error {
	switch f.Kind {
	case KindNumeric, KindCategorical:
		if len(f.Columns) > 0 || len(f.Cuts) > 0 {
			return errors.New("only derived characteristics list columns or cuts")
		}
	case KindMissingCount:
		if len(f.Columns) == 0 || len(f.Cuts) > 0 {
			return errors.New("a missing-value count lists its columns and no cuts")
		}
	case KindCross:
		if err := f.validateCross(); err != nil {
			return err
		}
	default:
		return fmt.Errorf("kind %q", f.Kind)
	}
	seen := map[string]bool{}
	for _, c := range f.Columns {
		if c == "" || seen[c] {
			return fmt.Errorf("empty or repeated column %q", c)
		}
		seen[c] = true
	}
	if len(f.Bins) == 0 || len(f.Bins) > 10000 {
		return fmt.Errorf("%d ranges", len(f.Bins))
	}
	if !finite(f.IV, f.Coef) {
		return errors.New("iv and coef must be finite")
	}
	if f.Missing.Upper != nil || len(f.Missing.Categories) > 0 {
		return errors.New("the missing range has bounds")
	}
	sum := f.Missing.Share
	cats := map[string]bool{}
	for i, b := range append(f.Bins, f.Missing) {
		if !finite(b.WoE, b.Points, b.Share, b.BadRate) || b.Share < 0 || b.Share > 1 || b.BadRate < 0 || b.BadRate > 1 || b.Count < 0 {
			return fmt.Errorf("range %d: numbers out of range", i+1)
		}
		if i == len(f.Bins) {
			break
		}
		sum += b.Share
		if f.grouped() {
			if b.Upper != nil || len(b.Categories) == 0 {
				return fmt.Errorf("range %d: a categorical range lists values only", i+1)
			}
			for _, v := range b.Categories {
				if v == "" || cats[v] {
					return fmt.Errorf("range %d: empty or repeated value %q", i+1, v)
				}
				cats[v] = true
			}
			continue
		}
		if len(b.Categories) > 0 {
			return fmt.Errorf("range %d: a numeric range lists values", i+1)
		}
		last := i == len(f.Bins)-1
		if last != (b.Upper == nil) {
			return fmt.Errorf("range %d: only the last range is open above", i+1)
		}
		if !last && (!finite(*b.Upper) || (i > 0 && *b.Upper <= *f.Bins[i-1].Upper)) {
			return fmt.Errorf("range %d: upper bounds must rise", i+1)
		}
	}
	if math.Abs(sum-1) > 0.01 {
		return fmt.Errorf("shares add up to %g", sum)
	}
	return nil
}

func validateBands(bs []ScoreBand) error {
	sum := 0.0
	for i, b := range bs {
		last := i == len(bs)-1
		if last != (b.Upper == nil) {
			return errors.New("only the last band is open above")
		}
		if !last && (!finite(*b.Upper) || (i > 0 && *b.Upper <= *bs[i-1].Upper)) {
			return errors.New("upper bounds must rise")
		}
		if !finite(b.Share) || b.Share < 0 || b.Share > 1 {
			return errors.New("share out of range")
		}
		sum += b.Share
	}
	if len(bs) > 0 && math.Abs(sum-1) > 0.01 {
		return fmt.Errorf("shares add up to %g", sum)
	}
	return nil
}

func finite(fs ...float64) bool {
	for _, f := range fs {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return false
		}
	}
	return true
}

// validateCross checks a crossed characteristic: two columns, rising cuts
// for each, and ranges made only of cells those cuts can produce.
func (f *Feature) validateCross() error {
	if len(f.Columns) != 2 || len(f.Cuts) != 2 {
		return errors.New("a cross names two columns with their cuts")
	}
	valid := [2]map[string]bool{{"m": true}, {"m": true}}
	for k, cuts := range f.Cuts {
		if len(cuts) == 0 || len(cuts) > 100 || !finite(cuts...) {
			return errors.New("cuts must be finite, 1 to 100")
		}
		for i := range cuts {
			if i > 0 && cuts[i] <= cuts[i-1] {
				return errors.New("cuts must rise")
			}
		}
		for i := 0; i <= len(cuts); i++ {
			valid[k][strconv.Itoa(i)] = true
		}
	}
	for _, b := range f.Bins {
		for _, c := range b.Categories {
			a, d, ok := strings.Cut(c, "|")
			if !ok || !valid[0][a] || !valid[1][d] {
				return fmt.Errorf("cell %q", c)
			}
		}
	}
	return nil
}
