// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"fmt"
	"slices"
	"strings"

	"github.com/xinrong/xinrong/internal/catalog"
)

// ParamKind is the type of a template parameter.
type ParamKind string

// The parameter kinds.
const (
	// ParamAmount is an amount of money in fen (分), an integer.
	ParamAmount ParamKind = "amount_fen"
	// ParamCount is a whole number (people, months).
	ParamCount ParamKind = "count"
	// ParamEnumSet is a non-empty set of values of one catalog enum field.
	ParamEnumSet ParamKind = "enum_set"
)

// Param is one parameter of a template. Amounts and counts are bounded
// by Min and Max; an enum set takes its values from a catalog field, so
// the grades a bank may name are the grades the catalog knows.
type Param struct {
	Name    string    `json:"name"`
	Kind    ParamKind `json:"kind"`
	Label   string    `json:"label"`
	LabelEN string    `json:"label_en"`
	Min     int64     `json:"min,omitempty"`
	Max     int64     `json:"max,omitempty"`
	Values  []string  `json:"values,omitempty"` // enum_set: the allowed values
	// EnumOf names the catalog field ("ITEM/FIELD") an enum set draws on.
	EnumOf string `json:"-"`
}

// Template is one published verification question (核验模板).
type Template struct {
	Code          string   `json:"code"`
	Name          string   `json:"name"`
	NameEN        string   `json:"name_en"`
	Description   string   `json:"description"`
	DescriptionEN string   `json:"description_en"`
	Items         []string `json:"items"` // catalog items the rule reads
	Params        []Param  `json:"params"`
	// Rule is a CEL expression of type bool over records (item code →
	// list of records, each a map of typed field values), params, as_of
	// (the as-of instant), today and this_month (the as-of date and the
	// first day of its month in China, as midnight UTC timestamps, the
	// way date and month fields are given).
	Rule string `json:"-"`
}

// Param returns the parameter named name.
func (t Template) Param(name string) (Param, bool) {
	for _, p := range t.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

// maxAmount bounds amounts at ¥1 trillion (10^14 fen), far above any
// enterprise figure and far below int64 overflow in sums.
const maxAmount = 100_000_000_000_000

// Builtin is the built-in set of templates. Rules read only fields of the
// items they list; the tests run each one over real records.
var Builtin = []Template{
	{
		Code: "tax_paid_12m_at_least", Name: "近12个月纳税总额不低于指定金额", NameEN: "Taxes paid over the last 12 months at least an amount",
		Description:   "所属期止在核验日前12个月内的实缴税额合计（有“合计”行时只计合计行）不低于 amount（分）；无纳税记录答“否”。",
		DescriptionEN: "Tax paid in filing periods ending within the 12 months before the as-of date (only the total rows where the provider sends them) is at least amount (fen); no tax records answers no.",
		Items:         []string{"TAX.NSE"},
		Params:        []Param{{Name: "amount", Kind: ParamAmount, Label: "金额（分）", LabelEN: "amount (fen)", Min: 0, Max: maxAmount}},
		Rule: `cel.bind(from, months_before(today, 12),
			cel.bind(w, records["TAX.NSE"].filter(r, r.PERIOD_TO > from && r.PERIOD_TO <= today),
				w.size() > 0 && sum((w.exists(r, r.TAX_TYPE == "合计") ? w.filter(r, r.TAX_TYPE == "合计") : w).map(r, r.TAX_PAID)) >= params.amount))`,
	},
	{
		Code: "tax_grade_in", Name: "纳税信用等级属于指定等级", NameEN: "Tax credit grade is one of the given grades",
		Description:   "最近一个评价年度（不早于核验年度前2年）的纳税信用级别属于 grades；无评价记录答“否”。",
		DescriptionEN: "The grade of the latest evaluation year (no older than two years before the as-of year) is one of grades; no grade on file answers no.",
		Items:         []string{"TAX.LEVEL"},
		Params:        []Param{{Name: "grades", Kind: ParamEnumSet, Label: "纳税信用级别", LabelEN: "grades", EnumOf: "TAX.LEVEL/LEVEL"}},
		Rule: `records["TAX.LEVEL"].size() > 0 &&
			cel.bind(y, records["TAX.LEVEL"].sortBy(r, r.EVAL_YEAR).reverse()[0].EVAL_YEAR,
				y >= today.getFullYear() - 2 && records["TAX.LEVEL"].exists(r, r.EVAL_YEAR == y && r.LEVEL in params.grades))`,
	},
	{
		Code: "insured_at_least", Name: "参保人数不低于指定人数", NameEN: "People insured at least a number",
		Description:   "近3个月内最近一个费款所属期，任一险种的参保人数不低于 count；无参保记录答“否”。",
		DescriptionEN: "In the latest contribution month within the last three months, some insurance has at least count people insured; no contributions on file answers no.",
		Items:         []string{"SOC.CBJF"},
		Params:        []Param{{Name: "count", Kind: ParamCount, Label: "人数", LabelEN: "people", Min: 0, Max: 10_000_000}},
		Rule: `cel.bind(from, months_before(this_month, 3),
			cel.bind(w, records["SOC.CBJF"].filter(r, r.PERIOD >= from && r.PERIOD <= today),
				w.size() > 0 && cel.bind(last, w.sortBy(r, r.PERIOD).reverse()[0].PERIOD,
					w.exists(r, r.PERIOD == last && r.INSURED >= params.count))))`,
	},
	{
		Code: "utilities_no_arrears_6m", Name: "近6个月无水电气欠费", NameEN: "No water, electricity or gas arrears in the last 6 months",
		Description:   "近6个月（含当月）的用水、用电、用气账单均无欠费金额；三者均无账单记录答“否”。",
		DescriptionEN: "No water, electricity or gas bill of the last six months (this month included) shows arrears; no bills on file at all answers no.",
		Items:         []string{"UTL.WATER", "UTL.ELEC", "UTL.GAS"},
		Rule: `cel.bind(from, months_before(this_month, 5),
			cel.bind(w, (records["UTL.WATER"] + records["UTL.ELEC"] + records["UTL.GAS"]).filter(r, r.PERIOD >= from && r.PERIOD <= today),
				w.size() > 0 && !w.exists(r, r.?ARREARS.orValue(0) > 0)))`,
	},
	{
		Code: "estate_no_seizure", Name: "不动产无查封", NameEN: "No real estate under seizure",
		Description:   "核验日没有在效的不动产查封、轮候查封或预查封登记（已解封的不计）。",
		DescriptionEN: "No seizure, queued seizure or pre-seizure of the enterprise's real estate is in force on the as-of date (released ones do not count).",
		Items:         []string{"EST.CFDJ"},
		Rule:          `!records["EST.CFDJ"].exists(r, r.SEIZURE_FROM <= today && (!has(r.SEIZURE_TO) || r.SEIZURE_TO >= today))`,
	},
	{
		Code: "social_insurance_no_arrears", Name: "无社会保险欠费", NameEN: "No social insurance arrears",
		Description:   "没有未补缴的社会保险欠费记录。",
		DescriptionEN: "No social insurance arrears on file that have not been paid up.",
		Items:         []string{"SOC.QF"},
		Rule:          `!records["SOC.QF"].exists(r, !has(r.CLEAR_DATE) && r.ARREARS > 0)`,
	},
	{
		Code: "estate_title_held", Name: "名下有在册不动产", NameEN: "Holds registered real estate",
		Description:   "核验日名下至少有一项已登记、未注销的不动产权。",
		DescriptionEN: "On the as-of date the enterprise holds at least one registered real estate title that has not been cancelled.",
		Items:         []string{"EST.DJ"},
		Rule:          `records["EST.DJ"].exists(r, r.REG_DATE <= today && !has(r.CANCEL_DATE))`,
	},
}

// bind checks templates against the catalog in force and fills each enum
// set's values from its field, so that a template naming a field the
// catalog does not have stops the node at start rather than answering
// "no" for ever.
func bind(ts []Template, cat *catalog.Catalog) ([]Template, error) {
	out := make([]Template, 0, len(ts))
	seen := map[string]bool{}
	for _, t := range ts {
		if t.Code == "" || seen[t.Code] {
			return nil, fmt.Errorf("verify: template code %q empty or repeated", t.Code)
		}
		seen[t.Code] = true
		if len(t.Items) == 0 {
			return nil, fmt.Errorf("verify: template %s reads no item", t.Code)
		}
		for _, code := range t.Items {
			if _, err := cat.Item(code); err != nil {
				return nil, fmt.Errorf("verify: template %s: catalog has no item %s", t.Code, code)
			}
		}
		t.Items = slices.Clone(t.Items)
		t.Params = slices.Clone(t.Params)
		for i, p := range t.Params {
			if p.Kind != ParamEnumSet {
				if p.Min < 0 || p.Max <= p.Min {
					return nil, fmt.Errorf("verify: template %s param %s: bad bounds", t.Code, p.Name)
				}
				continue
			}
			vals, err := enumValues(cat, p.EnumOf)
			if err != nil {
				return nil, fmt.Errorf("verify: template %s param %s: %w", t.Code, p.Name, err)
			}
			t.Params[i].Values = vals
		}
		out = append(out, t)
	}
	return out, nil
}

// enumValues returns the values of the enum field named "ITEM/FIELD".
func enumValues(cat *catalog.Catalog, ref string) ([]string, error) {
	item, field, ok := strings.Cut(ref, "/")
	if !ok || item == "" || field == "" {
		return nil, fmt.Errorf("enum source %q is not ITEM/FIELD", ref)
	}
	it, err := cat.Item(item)
	if err != nil {
		return nil, fmt.Errorf("catalog has no item %s", item)
	}
	f, ok := it.Field(field)
	if !ok || f.Type != catalog.TypeEnum || len(f.Enum) == 0 {
		return nil, fmt.Errorf("%s is not an enum field", ref)
	}
	vals := make([]string, len(f.Enum))
	for i, e := range f.Enum {
		vals[i] = e.Value
	}
	return vals, nil
}
