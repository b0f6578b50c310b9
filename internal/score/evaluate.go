// SPDX-License-Identifier: Apache-2.0

package score

import (
	"crypto/sha256"
	"encoding/hex"
	"math"
	"slices"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/gate"
)

// Evaluation is one credit evaluation of one enterprise: the score, the
// grade, how each dimension and indicator contributed, and why.
type Evaluation struct {
	ID           string           `json:"id"`
	USCC         string           `json:"uscc"`
	ModelVersion string           `json:"model_version"`
	Scale        string           `json:"scale"`
	Score        int              `json:"score"` // 0–1000
	Grade        string           `json:"grade"`
	Dimensions   []DimensionScore `json:"dimensions"`
	Inputs       []Input          `json:"inputs"` // the input snapshot
	Reasons      []Reason         `json:"reasons"`
	ComputedAt   time.Time        `json:"computed_at"`
	// Digest identifies the result (model, score, grade, inputs): an
	// evaluation is stored only when it changes.
	Digest string `json:"digest"`
}

// DimensionScore is one dimension's points against its maximum and its
// contribution to the score.
type DimensionScore struct {
	Code   string  `json:"code"`
	Points float64 `json:"points"`
	Max    float64 `json:"max"`
	Score  int     `json:"score"` // weighted share of the 1000 points earned
}

// Input is one indicator's value at evaluation time and the points it gave.
type Input struct {
	Indicator string  `json:"indicator"`
	Value     float64 `json:"value"`
	Text      string  `json:"text,omitempty"` // a latest text value
	Missing   bool    `json:"missing,omitempty"`
	Points    float64 `json:"points"`
}

// Reason is a reason code: an indicator that cost points, how many of the
// 1000 (weighted), and what it means in plain words.
type Reason struct {
	Code   string  `json:"code"`
	Lost   float64 `json:"lost"`
	Text   string  `json:"text"`
	TextEN string  `json:"text_en"`
}

// MaxReasons is how many reason codes an evaluation keeps.
const MaxReasons = 4

// Evaluate scores one enterprise from its facts and the rights marks on its
// records at time at. Facts of records that no longer count (gate.Withdrawn)
// are ignored.
func (c *Compiled) Evaluate(uscc string, facts []Fact, marks map[string]gate.Mark, at time.Time) Evaluation {
	at = at.UTC()
	today := at.Year()*10000 + int(at.Month())*100 + at.Day()
	counts := make([]bool, len(facts))
	for i, f := range facts {
		p := c.items[f.Item]
		if p == nil {
			continue
		}
		from := ""
		if p.pubSlot >= 0 {
			from = f.Vals[p.pubSlot]
		}
		reason, _ := gate.Withdrawn(p.item, f.Status, from, marks[f.ID], at)
		counts[i] = reason == ""
	}
	e := Evaluation{USCC: uscc, ModelVersion: c.Model.Version, Scale: c.Model.Scale.Code, ComputedAt: at,
		Inputs: make([]Input, len(c.inds)), Dimensions: make([]DimensionScore, len(c.Model.Dimensions))}
	for i := range c.inds {
		ci := &c.inds[i]
		in := ci.value(facts, counts, at, today)
		in.Points = ci.points(in)
		e.Inputs[i] = in
		e.Dimensions[ci.dim].Points += in.Points
	}
	total := 0.0
	for d := range e.Dimensions {
		ds := &e.Dimensions[d]
		ds.Code, ds.Max = c.Model.Dimensions[d].Code, c.dimMax[d]
		ds.Points = math.Max(0, math.Min(ds.Points, ds.Max))
		if ds.Max > 0 {
			part := 1000 * c.Model.Dimensions[d].Weight / c.weightSum * ds.Points / ds.Max
			ds.Score = int(math.Round(part))
			total += part
		}
	}
	e.Score = int(math.Round(total))
	e.Reasons = c.reasons(e.Inputs)
	if c.card != nil {
		e.Score, e.Reasons = c.cardScore(e.Inputs)
	}
	e.Grade = c.Grade(e.Score).Grade
	e.Digest = c.digest(e)
	return e
}

// Grade returns the band a score falls in.
func (c *Compiled) Grade(score int) Band {
	for _, b := range c.Model.Scale.Bands {
		if score >= b.Min {
			return b
		}
	}
	return c.Model.Scale.Bands[len(c.Model.Scale.Bands)-1]
}

// value computes the indicator over the facts that count.
func (ci *compiledInd) value(facts []Fact, counts []bool, at time.Time, today int) Input {
	in := Input{Indicator: ci.ind.Code}
	from := 0
	if ci.ind.WindowMonths > 0 {
		s := at.AddDate(0, -ci.ind.WindowMonths, 0)
		from = s.Year()*10000 + int(s.Month())*100 + s.Day()
	}
	var n int
	var sum float64
	latest := -1
	var latestVal string
	var latestMoney bool
	var months []int
	for fi := range facts {
		f := &facts[fi]
		if !counts[fi] {
			continue
		}
		for si := range ci.sources {
			src := &ci.sources[si]
			if src.item != f.Item || !src.matches(f) {
				continue
			}
			d := 0
			if src.date >= 0 {
				d = day(f.Vals[src.date])
			}
			if from > 0 && (d < from || d > today) {
				continue
			}
			n++
			switch ci.ind.Kind {
			case KindSum:
				if v, ok := number(f.Vals[src.field], src.money); ok {
					sum += v
				}
			case KindLatest, KindMonthsSince:
				if d > latest {
					latest = d
					if src.field >= 0 {
						latestVal, latestMoney = f.Vals[src.field], src.money
					}
				}
			case KindActiveMonths:
				if m := d / 100; d > 0 && !slices.Contains(months, m) {
					months = append(months, m)
				}
			}
		}
	}
	switch ci.ind.Kind {
	case KindCount:
		in.Value = float64(n)
	case KindPresent:
		in.Value = float64(min(n, 1))
	case KindSum:
		in.Value = math.Round(sum*100) / 100
	case KindActiveMonths:
		in.Value = float64(len(months))
	case KindLatest:
		if latest < 0 || latestVal == "" {
			in.Missing = true
			break
		}
		if v, ok := number(latestVal, latestMoney); ok && len(ci.ind.Values) == 0 {
			in.Value = v
		} else {
			in.Text = latestVal
		}
	case KindMonthsSince:
		if latest <= 0 {
			in.Missing = true
			break
		}
		in.Value = float64(monthsBetween(latest, today))
	}
	return in
}

func (s *source) matches(f *Fact) bool {
	for _, c := range s.where {
		if !slices.Contains(c.values, f.Vals[c.slot]) {
			return false
		}
	}
	return true
}

// monthsBetween counts whole months from yyyymmdd a to b (0 if b is earlier).
func monthsBetween(a, b int) int {
	m := (b/10000-a/10000)*12 + (b/100%100 - a/100%100)
	if b%100 < a%100 {
		m--
	}
	return max(m, 0)
}

// points maps a value to the indicator's points.
func (ci *compiledInd) points(in Input) float64 {
	if in.Missing {
		return ci.ind.Missing
	}
	if in.Text != "" {
		if p, ok := ci.ind.Values[in.Text]; ok {
			return p
		}
		return ci.ind.Missing
	}
	for _, s := range ci.ind.Points {
		if s.Upto == nil || in.Value <= *s.Upto {
			return s.Points
		}
	}
	return ci.ind.Missing
}

// reasons returns the indicators that cost most of the 1000 points against
// their maximum, most costly first.
func (c *Compiled) reasons(inputs []Input) []Reason {
	var out []Reason
	for i, in := range inputs {
		ci := &c.inds[i]
		dmax := c.dimMax[ci.dim]
		if dmax <= 0 {
			continue
		}
		lost := (ci.max - in.Points) * 1000 * c.Model.Dimensions[ci.dim].Weight / c.weightSum / dmax
		if lost < 0.5 {
			continue
		}
		out = append(out, Reason{Code: ci.ind.Code, Lost: math.Round(lost*10) / 10, Text: ci.ind.Reason, TextEN: ci.ind.ReasonEN})
	}
	slices.SortStableFunc(out, func(a, b Reason) int {
		switch {
		case a.Lost > b.Lost:
			return -1
		case a.Lost < b.Lost:
			return 1
		}
		return 0
	})
	if len(out) > MaxReasons {
		out = out[:MaxReasons]
	}
	return out
}

// digest identifies an evaluation's result, not its time.
func (c *Compiled) digest(e Evaluation) string {
	h := sha256.New()
	b := make([]byte, 0, 256)
	b = append(b, e.ModelVersion...)
	b = append(b, '|')
	b = strconv.AppendInt(b, int64(e.Score), 10)
	b = append(b, '|')
	b = append(b, e.Grade...)
	for _, in := range e.Inputs {
		b = append(b, '|')
		b = strconv.AppendFloat(b, in.Value, 'g', -1, 64)
		b = append(b, in.Text...)
		if in.Missing {
			b = append(b, '?')
		}
	}
	h.Write(b)
	return hex.EncodeToString(h.Sum(nil)[:12])
}
