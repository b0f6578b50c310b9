// SPDX-License-Identifier: Apache-2.0

package pdf

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/report"
)

// chinaTime is UTC+8 without DST, which is what Asia/Shanghai has been
// since 1991; a fixed zone keeps the binary independent of tzdata.
var chinaTime = time.FixedZone("CST", 8*3600)

// Write renders r as a PDF to w. lang "en" prints headings and labels in
// English; anything else, including "", prints them in Chinese. Values
// are printed as they are in r.
func Write(w io.Writer, r *report.Report, lang string) error {
	if r == nil {
		return apperr.Invalidf("pdf: nil report")
	}
	if lang != "en" {
		lang = "zh"
	}
	d, err := newDoc(r, lang)
	if err != nil {
		return err
	}
	d.cover()
	d.basic()
	d.summary()
	for i := range r.Sections {
		d.section(&r.Sections[i], i+3)
	}
	d.closing(len(r.Sections) + 3)
	d.finish()
	if d.err != nil {
		return fmt.Errorf("pdf: render %s: %w", r.Number, d.err)
	}
	bw := bufio.NewWriterSize(w, 64<<10)
	if _, err := d.gp.WriteTo(bw); err != nil {
		return fmt.Errorf("pdf: write %s: %w", r.Number, err)
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("pdf: write %s: %w", r.Number, err)
	}
	return nil
}

// stamp formats a UTC instant in China time, the time printed on paper.
func stamp(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(chinaTime).Format("2006-01-02 15:04:05") + " (UTC+8)"
}

func (d *doc) cover() {
	r, l := d.r, d.l
	d.setSize(sizeTitle)
	title := pick(d.lang, r.Title, r.TitleEN)
	d.text(marginL+(contentW-d.m.textWidth(title))/2, d.y, title)
	d.y += lineH(sizeTitle) + 6
	edition := r.Edition
	if e, ok := l.Editions[r.Edition]; ok {
		edition = e
	}
	auths := strings.Join(r.Authorizations, "；")
	if auths == "" {
		auths = l.NoAuthorizations
	}
	org := r.Requester.OrgName
	if r.Requester.OrgKind != "" {
		org += "（" + r.Requester.OrgKind + "）"
	}
	table{widths: []float64{130, contentW - 130}, shade: []bool{true}}.draw(d, [][]string{
		{l.ReportNumber, r.Number},
		{l.Enterprise, r.Subject.Name},
		{l.USCC, r.Subject.USCC},
		{l.IssuedAt, stamp(r.IssuedAt)},
		{l.AsOf, stamp(r.AsOf)},
		{l.Requester, org},
		{l.RequesterUser, r.Requester.User},
		{l.Purpose, pick(d.lang, r.Purpose.ZH, r.Purpose.EN)},
		{l.Authorizations, auths},
		{l.Edition, edition},
		{l.CatalogVersion, strconv.Itoa(r.CatalogVersion)},
		{l.AuditIndex, strconv.FormatInt(r.AuditIndex, 10)},
	})
}

func (d *doc) basic() {
	b, l := &d.r.Subject, d.l
	lbl := func(x report.Label) string { return pick(d.lang, x.ZH, x.EN) }
	d.heading(sizeHeading, l.Basic, 3*lineH(sizeBody))
	lw := 110.0
	vw := contentW/2 - lw
	rows := [][]string{
		{l.Name, b.Name, l.USCC, b.USCC},
		{l.Type, lbl(b.Type), l.LegalRep, b.LegalRep},
		{l.Status, lbl(b.Status), l.RegisteredAt, b.RegisteredAt},
		{l.Region, lbl(b.Region), l.Industry, lbl(b.Industry)},
		{l.Capital, b.Capital, l.Aliases, strings.Join(b.Aliases, "；")},
	}
	t := table{widths: []float64{lw, vw, lw, vw}, shade: []bool{true, false, true, false}}
	t.draw(d, rows)
	// The address is often long: it gets the full width.
	d.y -= 4
	table{widths: []float64{lw, contentW - lw}, shade: []bool{true}}.draw(d, [][]string{{l.Address, b.Address}})
}

func (d *doc) summary() {
	l := d.l
	d.heading(sizeHeading, l.Summary, 3*lineH(sizeBody))
	rows := make([][]string, 0, len(d.r.Summary))
	for _, c := range d.r.Summary {
		rows = append(rows, []string{
			pick(d.lang, c.Category.ZH, c.Category.EN), strconv.Itoa(c.Records), strconv.Itoa(c.Withheld),
		})
	}
	table{widths: []float64{contentW - 180, 90, 90}, header: []string{l.Category, l.Records, l.Withheld}}.draw(d, rows)
}

// closing writes everything after the chapters: sources, evaluation,
// notes, disclaimer and the verification block.
func (d *doc) closing(n int) {
	r, l := d.r, d.l
	// Chapters go on numbering after the report's sections.
	chapter := func(title string) {
		d.heading(sizeHeading, d.chapterNo(n)+title, 4*lineH(sizeBody))
		n++
	}
	if len(r.Sources) > 0 {
		chapter(l.Sources)
		rows := make([][]string, 0, len(r.Sources))
		for _, s := range r.Sources {
			rows = append(rows, []string{s.Provider, s.Item, strconv.Itoa(s.Records), s.AsOf})
		}
		t := table{widths: []float64{contentW - 290, 130, 60, 100}, header: []string{l.Provider, l.Item, l.Records, l.SourceAsOf}}
		t.draw(d, rows)
	}
	if e := r.Evaluation; e != nil {
		chapter(l.Evaluation)
		table{widths: []float64{110, contentW - 110}, shade: []bool{true}}.draw(d, [][]string{
			{l.Score, strconv.Itoa(e.Score)}, {l.Grade, e.Grade}, {l.Model, e.ModelVersion},
			{l.EvalAsOf, e.AsOf}, {l.Explanation, e.Explanation},
		})
	}
	if len(r.Notes) > 0 {
		chapter(l.Notes)
		for i, n := range r.Notes {
			d.para(sizeBody, strconv.Itoa(i+1)+". "+n)
		}
	}
	if r.Disclaimer != "" {
		chapter(l.Disclaimer)
		d.para(sizeBody, r.Disclaimer)
	}
	d.heading(sizeHeading, l.Verification, 4*lineH(sizeBody))
	var lines []vline
	lines = append(lines, d.blockLines(l.ReportNumber, r.Number, sizeBody, black)...)
	lines = append(lines, d.blockLines(l.Hash, r.Hash, sizeBody, black)...)
	lines = append(lines, d.blockLines("", fmt.Sprintf(l.VerifyAt, strings.TrimRight(r.Node, "/")), sizeBody, grey)...)
	d.block(l.Verification, lines)
}
