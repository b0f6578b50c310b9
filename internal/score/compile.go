// SPDX-License-Identifier: Apache-2.0

package score

import (
	"errors"
	"fmt"
	"math"
	"slices"
	"sort"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/score/scorecard"
)

// Compiled is a model checked against the catalog and laid out for fast
// evaluation: per item, the few fields the indicators read.
type Compiled struct {
	Model     *Model
	items     map[string]*itemPlan
	codes     []string // item codes read, sorted
	inds      []compiledInd
	dimMax    []float64
	weightSum float64
	card      *scorecard.Card // nil for a points model
}

// itemPlan is what evaluation needs of one item's records: the values of
// fields, by slot.
type itemPlan struct {
	item    catalog.Item
	fields  []string
	pubSlot int // the publicity field's slot, -1 without one
}

func (p *itemPlan) slot(field string) int {
	if field == "" {
		return -1
	}
	if i := slices.Index(p.fields, field); i >= 0 {
		return i
	}
	p.fields = append(p.fields, field)
	return len(p.fields) - 1
}

// source is one item an indicator reads, with the slots it uses.
type source struct {
	item  string
	date  int // -1: undated
	field int // -1: none
	money bool
	where []cond
}

type cond struct {
	slot   int
	values []string
}

type compiledInd struct {
	ind      *Indicator
	dim      int
	sources  []source
	max, min float64
}

// Items returns the codes of the catalog items the model reads.
func (c *Compiled) Items() []string { return c.codes }

// Version returns the model's version.
func (c *Compiled) Version() string { return c.Model.Version }

// Compile validates m against the catalog: unknown items, fields, kinds and
// enum values, bands out of order and missing texts are refused, all at
// once, each naming the dimension and indicator.
func Compile(m *Model, cat *catalog.Catalog) (*Compiled, error) {
	c := &Compiled{Model: m, items: map[string]*itemPlan{}}
	var errs []error
	bad := func(format string, a ...any) { errs = append(errs, fmt.Errorf(format, a...)) }
	if m.Version == "" {
		bad("version: required")
	}
	checkScale(m.Scale, bad)
	if len(m.Dimensions) == 0 {
		bad("dimensions: at least one is required")
	}
	seen := map[string]bool{}
	for di := range m.Dimensions {
		d := &m.Dimensions[di]
		where := fmt.Sprintf("dimension %q", d.Code)
		if d.Code == "" || d.Name == "" || seen["d:"+d.Code] {
			bad("%s: needs a unique code and a name", where)
		}
		seen["d:"+d.Code] = true
		if !(d.Weight > 0) {
			bad("%s: weight must be positive", where)
		}
		c.weightSum += d.Weight
		dmax := 0.0
		for ii := range d.Indicators {
			in := &d.Indicators[ii]
			w := fmt.Sprintf("%s indicator %q", where, in.Code)
			if in.Code == "" || seen["i:"+in.Code] {
				bad("%s: needs a unique code", w)
			}
			seen["i:"+in.Code] = true
			ci, err := c.compileIndicator(in, di, cat)
			if err != nil {
				bad("%s: %w", w, err)
				continue
			}
			dmax += ci.max
			c.inds = append(c.inds, ci)
		}
		if dmax <= 0 && len(d.Indicators) > 0 {
			bad("%s: its indicators can earn no points (every maximum is 0)", where)
		}
		c.dimMax = append(c.dimMax, dmax)
	}
	if m.Scorecard != nil && len(errs) == 0 {
		if err := c.compileCard(m.Scorecard); err != nil {
			bad("%w", err)
		}
	}
	if len(errs) > 0 {
		return nil, apperr.E(apperr.Invalid, "score: model "+m.Version+" is invalid: "+errors.Join(errs...).Error(), nil)
	}
	for code := range c.items {
		c.codes = append(c.codes, code)
	}
	sort.Strings(c.codes)
	return c, nil
}

func checkScale(s Scale, bad func(string, ...any)) {
	if s.Code == "" || len(s.Bands) == 0 {
		bad("scale: needs a code and at least one band")
		return
	}
	grades := map[string]bool{}
	for i, b := range s.Bands {
		if b.Grade == "" || grades[b.Grade] {
			bad("scale %s: band %d needs a unique grade", s.Code, i+1)
		}
		grades[b.Grade] = true
		if b.Meaning == "" || b.MeaningEN == "" {
			bad("scale %s: grade %s needs its meaning in Chinese and English", s.Code, b.Grade)
		}
		if b.Min < 0 || b.Min > 1000 {
			bad("scale %s: grade %s: min %d is outside 0–1000", s.Code, b.Grade, b.Min)
		}
		if i > 0 && b.Min >= s.Bands[i-1].Min {
			bad("scale %s: grade %s: bands must go from the best (highest min) down", s.Code, b.Grade)
		}
	}
	if last := s.Bands[len(s.Bands)-1]; last.Min != 0 {
		bad("scale %s: the lowest grade %s must start at 0 so that every score has a grade", s.Code, last.Grade)
	}
}

func (c *Compiled) compileIndicator(in *Indicator, dim int, cat *catalog.Catalog) (compiledInd, error) {
	ci := compiledInd{ind: in, dim: dim}
	if in.Name == "" || in.NameEN == "" || in.Reason == "" || in.ReasonEN == "" {
		return ci, errors.New("needs name, name_en, reason and reason_en")
	}
	switch in.Kind {
	case KindCount, KindSum, KindLatest, KindPresent, KindMonthsSince, KindActiveMonths:
	default:
		return ci, fmt.Errorf("unknown kind %q (count, sum, latest, present, months_since, active_months)", in.Kind)
	}
	if in.WindowMonths < 0 {
		return ci, errors.New("window_months must not be negative")
	}
	items, err := selectItems(in, cat)
	if err != nil {
		return ci, err
	}
	needField := in.Kind == KindSum || in.Kind == KindLatest
	if needField != (in.Field != "") {
		return ci, fmt.Errorf("field: kind %s %s a value field", in.Kind, map[bool]string{true: "needs", false: "takes no"}[needField])
	}
	needDate := in.WindowMonths > 0 || in.Kind == KindLatest || in.Kind == KindMonthsSince || in.Kind == KindActiveMonths
	for _, it := range items {
		p := c.items[it.Code]
		if p == nil {
			p = &itemPlan{item: it, pubSlot: -1}
			if it.Publicity != nil {
				p.pubSlot = p.slot(it.Publicity.FromField)
			}
			c.items[it.Code] = p
		}
		src := source{item: it.Code, date: -1, field: -1}
		if df := dateField(in, it); df != "" {
			f, ok := it.Field(df)
			if !ok {
				return ci, fmt.Errorf("date_field: item %s has no field %s", it.Code, df)
			}
			if f.Type != catalog.TypeDate && f.Type != catalog.TypeMonth && f.Type != catalog.TypeDateTime {
				return ci, fmt.Errorf("date_field: %s.%s is a %s, not a date", it.Code, df, f.Type)
			}
			src.date = p.slot(df)
		} else if needDate {
			return ci, fmt.Errorf("date_field: item %s has no source-time field; name one", it.Code)
		}
		if in.Field != "" {
			f, ok := it.Field(in.Field)
			if !ok {
				return ci, fmt.Errorf("field: item %s has no field %s", it.Code, in.Field)
			}
			numeric := f.Type == catalog.TypeInt || f.Type == catalog.TypeDecimal || f.Type.IsMoney()
			if in.Kind == KindSum && !numeric {
				return ci, fmt.Errorf("field: %s.%s is a %s; sum needs a number", it.Code, in.Field, f.Type)
			}
			if in.Kind == KindLatest && len(in.Values) > 0 && f.Type == catalog.TypeEnum {
				for v := range in.Values {
					if !enumHas(f, v) {
						return ci, fmt.Errorf("values: %q is not a value of %s.%s", v, it.Code, in.Field)
					}
				}
			}
			src.money = f.Type.IsMoney()
			src.field = p.slot(in.Field)
		}
		for _, wf := range sortedKeys(in.Where) {
			if _, ok := it.Field(wf); !ok {
				return ci, fmt.Errorf("where: item %s has no field %s", it.Code, wf)
			}
			src.where = append(src.where, cond{slot: p.slot(wf), values: in.Where[wf]})
		}
		ci.sources = append(ci.sources, src)
	}
	if ci.max, ci.min, err = pointRange(in); err != nil {
		return ci, err
	}
	return ci, nil
}

// selectItems resolves an indicator's items or severity against the catalog.
func selectItems(in *Indicator, cat *catalog.Catalog) ([]catalog.Item, error) {
	if (len(in.Items) > 0) == (in.Severity != "") {
		return nil, errors.New("name either items or a severity")
	}
	var out []catalog.Item
	for _, code := range in.Items {
		it, err := cat.Item(code)
		if err != nil {
			return nil, fmt.Errorf("item %s is not in the catalog", code)
		}
		out = append(out, it)
	}
	if in.Severity != "" {
		for _, it := range cat.Items {
			if it.Polarity == catalog.Negative && it.Severity == in.Severity && !it.Deprecated {
				out = append(out, it)
			}
		}
		if len(out) == 0 {
			return nil, fmt.Errorf("severity %q selects no negative item of the catalog", in.Severity)
		}
	}
	return out, nil
}

func dateField(in *Indicator, it catalog.Item) string {
	switch {
	case in.DateField != "":
		return in.DateField
	case it.SourceTimeField != "":
		return it.SourceTimeField
	case it.Publicity != nil:
		return it.Publicity.FromField
	}
	return ""
}

func enumHas(f catalog.Field, v string) bool {
	for _, e := range f.Enum {
		if e.Value == v {
			return true
		}
	}
	return false
}

// pointRange checks the point steps and returns the most and fewest points
// the indicator can give.
func pointRange(in *Indicator) (hi, lo float64, err error) {
	if len(in.Points) == 0 && len(in.Values) == 0 {
		return 0, 0, errors.New("points: give points steps or values")
	}
	if len(in.Values) > 0 && in.Kind != KindLatest {
		return 0, 0, errors.New("values: only a latest indicator maps text values to points")
	}
	hi, lo = in.Missing, in.Missing
	prev := math.Inf(-1)
	for i, s := range in.Points {
		if s.Upto == nil && i != len(in.Points)-1 {
			return 0, 0, errors.New("points: only the last step may leave upto out")
		}
		if s.Upto != nil {
			if *s.Upto <= prev {
				return 0, 0, errors.New("points: upto must increase step by step")
			}
			prev = *s.Upto
		}
		hi, lo = max(hi, s.Points), min(lo, s.Points)
	}
	for _, p := range in.Values {
		hi, lo = max(hi, p), min(lo, p)
	}
	return hi, lo, nil
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
