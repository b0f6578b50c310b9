// SPDX-License-Identifier: Apache-2.0

package pdf

import (
	"strconv"

	"github.com/xinrong/xinrong/internal/report"
)

// chapterNo numbers chapters the way Chinese reports do (一、二、…); the
// first two are the registration and the summary.
func (d *doc) chapterNo(n int) string {
	if d.lang == "en" {
		return strconv.Itoa(n) + ". "
	}
	digits := []string{"", "一", "二", "三", "四", "五", "六", "七", "八", "九"}
	switch {
	case n < 10:
		return digits[n] + "、"
	case n < 20:
		return "十" + digits[n-10] + "、"
	case n < 100:
		return digits[n/10] + "十" + digits[n%10] + "、"
	}
	return strconv.Itoa(n) + "、"
}

func (d *doc) section(s *report.Section, n int) {
	keep := 0.0
	if len(s.Items) > 0 && s.Note == "" {
		keep = headingH(sizeSub) + d.itemLead(&s.Items[0])
	}
	d.heading(sizeHeading, d.chapterNo(n)+pick(d.lang, s.Title, s.TitleEN), keep)
	if s.Note != "" {
		d.para(sizeBody, s.Note)
	}
	for i := range s.Items {
		d.item(&s.Items[i])
	}
}

// item writes one catalog item: its name, its status, and its records.
// Withheld and verify-only items print why instead of records, so a
// reader can tell "nothing on file" from "not released to you".
func (d *doc) item(it *report.ItemSection) {
	name := pick(d.lang, it.Name, it.NameEN)
	d.heading(sizeSub, name, d.itemLead(it))
	if withheld(it) {
		d.block(name, d.statusLines(it))
		return
	}
	if it.Note != "" {
		d.para(sizeBody, it.Note)
	}
	if len(it.Rows) == 0 {
		d.setSize(sizeBody)
		d.gray(0.4)
		d.para(sizeBody, d.l.NoRecords)
		d.gray(0)
		return
	}
	for i := range it.Rows {
		title := name + " · " + d.l.Record + " " + strconv.Itoa(i+1)
		d.block(title, d.rowLines(title, &it.Rows[i]))
	}
}

func withheld(it *report.ItemSection) bool {
	return it.Status == "withheld" || it.Status == "verify_only"
}

// statusLines say why an item's records are not shown.
func (d *doc) statusLines(it *report.ItemSection) []vline {
	msg := d.l.StatusWithheld
	if it.Status == "verify_only" {
		msg = d.l.StatusVerifyOnly
	}
	if it.Note != "" {
		msg += d.l.Colon + it.Note
	}
	return d.blockLines("", msg, sizeBody, red)
}

// itemLead is the height of what an item shows first: its status block or
// its first record, which its title must not be separated from.
func (d *doc) itemLead(it *report.ItemSection) float64 {
	switch {
	case withheld(it):
		return blockHeight(d.statusLines(it))
	case it.Note != "" || len(it.Rows) == 0:
		return lineH(sizeBody)
	}
	name := pick(d.lang, it.Name, it.NameEN)
	return blockHeight(d.rowLines(name+" · "+d.l.Record+" 1", &it.Rows[0]))
}

// rowLines lays out one record: a title line with its marks, the cells in
// catalog order, and a provenance line. The marks come first because a
// credit officer must see a disputed or expiring record before reading it.
func (d *doc) rowLines(title string, row *report.Row) []vline {
	l := d.l
	lines := d.blockLines("", title, sizeBody, black)
	var marks string
	add := func(s string) {
		if marks != "" {
			marks += "  "
		}
		marks += "【" + s + "】"
	}
	if row.Disputed {
		add(l.Disputed)
	}
	if row.Note != "" {
		add(row.Note)
	}
	if row.PublicityEnd != "" {
		add(l.PublicityEnd + " " + row.PublicityEnd)
	}
	if row.Hidden != "" {
		add(l.Hidden + l.Colon + row.Hidden)
	}
	if marks != "" {
		lines = append(lines, d.blockLines("", marks, sizeBody, red)...)
	}
	for _, c := range row.Cells {
		label := pick(d.lang, c.Label, c.LabelEN)
		if label == "" {
			label = c.Code
		}
		lines = append(lines, d.blockLines(label, c.Value, sizeBody, black)...)
	}
	meta := l.Provider + " " + row.Provider
	if row.SourceTime != "" {
		meta += " · " + l.SourceTime + " " + row.SourceTime
	}
	meta += " · " + row.RecordID + " v" + strconv.Itoa(row.Version)
	return append(lines, d.blockLines("", meta, sizeSmall, grey)...)
}
