// SPDX-License-Identifier: Apache-2.0

package score

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/xinrong/xinrong/internal/score/scorecard"
)

// CardSpec makes a model score with a fitted scorecard (xinrong score fit)
// instead of the weighted dimensions: the card's characteristics are the
// model's indicator codes, read from the computed indicator values, and its
// points are mapped onto 0–1000 between MinPoints and MaxPoints. The
// dimensions still show how each area stands; grades, reasons and the input
// snapshot work as for a points model.
type CardSpec struct {
	Card      json.RawMessage `json:"card"` // the xinrong-scorecard/1 JSON, inline
	MinPoints float64         `json:"min_points"`
	MaxPoints float64         `json:"max_points"`
}

// compileCard loads the card and checks that every characteristic is an
// indicator of the model.
func (c *Compiled) compileCard(spec *CardSpec) error {
	if !(spec.MaxPoints > spec.MinPoints) {
		return fmt.Errorf("scorecard: max_points must be above min_points")
	}
	card, err := scorecard.Load(bytes.NewReader(spec.Card))
	if err != nil {
		return fmt.Errorf("scorecard: %w", err)
	}
	for _, f := range card.Features {
		// A missing-value count or a crossed characteristic reads its
		// columns; any other reads the value named like it.
		names := []string{f.Name}
		if len(f.Columns) > 0 {
			names = f.Columns
		}
		for _, n := range names {
			if c.indexOf(n) < 0 {
				return fmt.Errorf("scorecard: characteristic %q is not an indicator of the model", n)
			}
		}
	}
	c.card = card
	return nil
}

func (c *Compiled) indexOf(code string) int {
	for i := range c.inds {
		if c.inds[i].ind.Code == code {
			return i
		}
	}
	return -1
}

// cardScore scores the inputs with the card: the score on 0–1000 and the
// reasons, the card's losses rescaled the same way.
func (c *Compiled) cardScore(inputs []Input) (int, []Reason) {
	spec := c.Model.Scorecard
	res := c.card.Score(func(name string) (string, bool) {
		i := c.indexOf(name)
		if i < 0 || inputs[i].Missing {
			return "", false
		}
		if inputs[i].Text != "" {
			return inputs[i].Text, true
		}
		return strconv.FormatFloat(inputs[i].Value, 'f', -1, 64), true
	})
	scale := 1000 / (spec.MaxPoints - spec.MinPoints)
	score := int(math.Round(math.Max(0, math.Min(1000, (res.Points-spec.MinPoints)*scale))))
	var out []Reason
	for _, r := range res.Reasons {
		in := c.indicator(r.Feature)
		rr := Reason{Code: r.Feature, Lost: math.Round(r.Lost*scale*10) / 10}
		if in != nil {
			rr.Text, rr.TextEN = in.Reason, in.ReasonEN
		}
		if rr.Lost >= 0.5 {
			out = append(out, rr)
		}
		if len(out) == MaxReasons {
			break
		}
	}
	return score, out
}
