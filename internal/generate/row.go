// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
)

// row is one record being built, in the item's field order. set marks
// the fields a specific generator decided, even when it left them empty on
// purpose (an empty 移出日期 means "still listed"), so that the generic
// filler does not touch them.
type row struct {
	vals []string
	set  []bool
}

func (w *row) reset(n int) {
	if cap(w.vals) < n {
		w.vals, w.set = make([]string, n), make([]bool, n)
	}
	w.vals, w.set = w.vals[:n], w.set[:n]
	clear(w.vals)
	clear(w.set)
}

// style is how one provider writes values. Real providers differ: database
// exports write 2023-05-06, spreadsheets 2023/5/6, some systems 20230506;
// most send enum labels, a few their stored codes.
type style struct {
	date      string // time layout for dates
	month     string // time layout for months
	enumValue bool   // write EnumValue.Value instead of the Chinese label
	boolWord  bool   // 是/否 instead of true/false
}

// ctx is what an item generator sees for one enterprise: the firm, its
// random stream for this item, the record number and the row to fill.
type ctx struct {
	g    *Generator
	f    *firm
	r    *rng
	k    int    // record number within the enterprise, 0-based
	n    int    // records of this enterprise in this file
	seen string // names used in earlier records of the enterprise ("|a||b|")

	// Scratch that count leaves for fill (which records the firm has).
	picked  []int
	periods []taxPeriod
	entries []listing
	schemes int
	tariff  utility
	p       *filePlan
	row     *row
	state   *fileState
}

// field returns the index of a field code in the item, or -1.
func (c *ctx) field(code string) int {
	if i, ok := c.p.index[code]; ok {
		return i
	}
	return -1
}

// set writes a raw value as the provider would. Codes the item does not
// have are ignored, so a catalog edit that drops a field never breaks the
// generator.
func (c *ctx) set(code, v string) {
	if i := c.field(code); i >= 0 {
		c.row.vals[i], c.row.set[i] = v, true
	}
}

// setDate writes t in the provider's date or month style, or as an RFC
// 3339 time, whichever the field's type asks for. The zero time leaves the
// field empty (and decided).
func (c *ctx) setDate(code string, t time.Time) {
	i := c.field(code)
	if i < 0 {
		return
	}
	c.row.set[i] = true
	if t.IsZero() {
		c.row.vals[i] = ""
		return
	}
	c.row.vals[i] = c.p.formatTime(c.p.item.Fields[i].Type, t)
}

// setMoney writes an amount given in fen in the unit the field's type
// says: 分, 元 with two decimals, or 万元 with up to six.
func (c *ctx) setMoney(code string, fen int64) {
	if i := c.field(code); i >= 0 {
		c.row.vals[i], c.row.set[i] = formatMoney(fen, c.p.item.Fields[i].Type), true
	}
}

// setInt writes an integer.
func (c *ctx) setInt(code string, n int) { c.set(code, strconv.Itoa(n)) }

// setEnum writes one enum value (given as its stored Value) in the
// provider's style; an unknown value is written as is.
func (c *ctx) setEnum(code, value string) {
	i := c.field(code)
	if i < 0 {
		return
	}
	c.row.vals[i], c.row.set[i] = c.p.enumText(c.p.item.Fields[i], value), true
}

// setBool writes a yes/no value in the provider's style.
func (c *ctx) setBool(code string, v bool) {
	switch {
	case c.p.style.boolWord && v:
		c.set(code, "是")
	case c.p.style.boolWord:
		c.set(code, "否")
	default:
		c.set(code, strconv.FormatBool(v))
	}
}

// subject fills the item's subject and name fields from the firm.
func (c *ctx) subject() {
	c.set(c.p.item.SubjectField, c.f.USCC)
	c.set(c.p.item.NameField, c.f.Name)
}

func (p *filePlan) formatTime(t catalog.Type, v time.Time) string {
	switch t {
	case catalog.TypeMonth:
		return v.Format(p.style.month)
	case catalog.TypeDateTime:
		return v.Format("2006-01-02 15:04:05")
	}
	return v.Format(p.style.date)
}

func (p *filePlan) enumText(f catalog.Field, value string) string {
	for _, ev := range f.Enum {
		if ev.Value == value {
			if p.style.enumValue {
				return ev.Value
			}
			return ev.DisplayLabel()
		}
	}
	return value
}

// formatMoney renders fen exactly, without floating point.
func formatMoney(fen int64, t catalog.Type) string {
	exp := 2
	switch t {
	case catalog.TypeMoneyFen, catalog.TypeInt:
		return strconv.FormatInt(fen, 10)
	case catalog.TypeMoneyWan:
		exp = 6
	}
	neg := fen < 0
	if neg {
		fen = -fen
	}
	s := strconv.FormatInt(fen, 10)
	for len(s) <= exp {
		s = "0" + s
	}
	ip, fp := s[:len(s)-exp], strings.TrimRight(s[len(s)-exp:], "0")
	if t == catalog.TypeMoneyYuan && fp != "" {
		fp = s[len(s)-exp:] // 元 keeps both decimals: 1234.50
	}
	if fp != "" {
		ip += "." + fp
	}
	if neg {
		ip = "-" + ip
	}
	return ip
}
