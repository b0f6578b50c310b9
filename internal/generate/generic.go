// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/catalog"
)

// genericGen covers an item the generator has no specific knowledge of:
// a few percent of enterprises get one record, more for positive items.
func genericGen(it catalog.Item) itemGen {
	p := 0.01
	if it.Polarity == catalog.Negative {
		p = 0.005
	}
	return itemGen{
		count: func(c *ctx) int { return c.risky(p) },
		fill:  func(c *ctx) { c.subject() },
	}
}

// genericFill gives every field the specific generator left alone a value
// of its type: required fields always, conditional ones when their
// condition holds, optional ones half the time but only in items without a
// specific generator (a specific one leaves an optional field empty on
// purpose: most firms have no 税务登记号). The revocation field is never
// filled, or the record would arrive already withdrawn.
func genericFill(c *ctx) {
	it := &c.p.item
	for i, f := range it.Fields {
		if c.row.set[i] || f.Deprecated {
			continue
		}
		if it.Revocation != nil && f.Code == it.Revocation.Field {
			continue
		}
		switch f.Required {
		case catalog.Optional:
			if c.p.specific || !c.r.chance(0.5) {
				continue
			}
		case catalog.Conditional:
			if !c.conditionHolds(f) {
				continue
			}
		}
		c.row.vals[i] = truncate(c.genericValue(f), f.MaxLen)
		c.row.set[i] = true
	}
}

// conditionHolds evaluates a conditional field's rule on the raw row.
func (c *ctx) conditionHolds(f catalog.Field) bool {
	w := f.When
	if w == nil {
		return false
	}
	for _, u := range w.Unless {
		if i := c.field(u); i >= 0 && c.row.vals[i] != "" {
			return false
		}
	}
	i := c.field(w.Field)
	if i < 0 || c.row.vals[i] == "" {
		return false
	}
	if len(w.In) == 0 {
		return true
	}
	raw := c.row.vals[i]
	for _, in := range w.In {
		if strings.Contains(raw, in) || strings.Contains(raw, c.p.enumText(it(c).Fields[i], in)) {
			return true
		}
	}
	return false
}

func it(c *ctx) *catalog.Item { return &c.p.item }

// genericValue returns a plausible raw value for a field from its type.
func (c *ctx) genericValue(f catalog.Field) string {
	r := c.r
	switch f.Type {
	case catalog.TypeUSCC:
		if f.Code == c.p.item.SubjectField {
			return c.f.USCC
		}
		return c.g.localAgency(amr, c.f).code
	case catalog.TypeDate, catalog.TypeDateTime, catalog.TypeMonth:
		return c.p.formatTime(f.Type, c.lastYears(3))
	case catalog.TypeInt:
		if strings.Contains(f.Name, "年") {
			return strconv.Itoa(asOf.Year() - 1 - r.IntN(2))
		}
		return strconv.Itoa(r.between(1, 100))
	case catalog.TypeDecimal:
		return strconv.FormatFloat(float64(r.IntN(100000))/100, 'f', -1, 64)
	case catalog.TypeMoneyFen, catalog.TypeMoneyYuan, catalog.TypeMoneyWan:
		return formatMoney(niceAmount(r.logNormal(50_000, 1.2)), f.Type)
	case catalog.TypeBool:
		if c.p.style.boolWord {
			return "否"
		}
		return "false"
	case catalog.TypeEnum:
		return c.p.enumText(f, pick(r, f.Enum).Value)
	case catalog.TypeRegion:
		return c.f.county
	case catalog.TypeIndustry:
		return c.f.IndustryCode
	case catalog.TypeIDNumber:
		return maskID(c.f.repID)
	case catalog.TypePhone:
		return c.f.phone
	}
	return c.genericText(f)
}

// genericText guesses from the label what kind of text a column holds.
func (c *ctx) genericText(f catalog.Field) string {
	switch {
	case f.Code == c.p.item.NameField:
		return c.f.Name
	case f.Personal == catalog.PersonalName:
		return c.f.LegalRep
	case f.Personal == catalog.PersonalAddress:
		return c.f.Address
	case f.Personal == catalog.PersonalIDNumber:
		return maskID(c.f.repID)
	case strings.ContainsAny(f.Name, "机关部门单位机构") && !strings.Contains(f.Name, "号"):
		return c.g.localAgency(amr, c.f).name
	case strings.Contains(f.Name, "号"):
		a := c.g.localAgency(amr, c.f)
		y := c.lastYears(3).Year()
		return fmt.Sprintf("%s〔%d〕%d号", a.doc, y, c.state.next(a.doc+strconv.Itoa(y)))
	case f.Type == catalog.TypeText:
		return strings.TrimSuffix(f.Name, "（元）") + "：详见原始文书。"
	}
	return fmt.Sprintf("%s%03d", strings.Split(f.Name, "（")[0], c.r.IntN(1000))
}

// truncate cuts s to n characters (0: no limit).
func truncate(s string, n int) string {
	if n <= 0 || utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n])
}

// datePairs returns the catalog's cross-field date rules (Item.Orders) as
// (earlier, later) field positions: the pairs a valid record keeps in
// order and the end_before_start bad rows break. Only the catalog's rules
// are used, so that ingest rejects exactly the rows the manifest counts.
func datePairs(it catalog.Item, index map[string]int) [][2]int {
	var out [][2]int
	for _, o := range it.Orders {
		a, okA := index[o.Earlier]
		b, okB := index[o.Later]
		if okA && okB && isTime(it.Fields[a].Type) && isTime(it.Fields[b].Type) {
			out = append(out, [2]int{a, b})
		}
	}
	return out
}

func isTime(t catalog.Type) bool {
	return t == catalog.TypeDate || t == catalog.TypeMonth || t == catalog.TypeDateTime
}

// parseTime reads back a value this plan formatted (for bad rows).
func (p *filePlan) parseTime(t catalog.Type, s string) (time.Time, bool) {
	layout := p.style.date
	switch t {
	case catalog.TypeMonth:
		layout = p.style.month
	case catalog.TypeDateTime:
		layout = "2006-01-02 15:04:05"
	}
	v, err := time.Parse(layout, s)
	return v, err == nil
}
