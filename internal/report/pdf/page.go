// SPDX-License-Identifier: Apache-2.0

package pdf

import (
	"fmt"
	"strings"

	"github.com/signintech/gopdf"

	"github.com/xinrong/xinrong/internal/report"
)

// Page geometry in points (A4). The margins leave room for a hole punch
// on the left and for the header and footer lines.
const (
	pageW, pageH = 595.28, 841.89
	marginL      = 56.0
	marginR      = 48.0
	marginTop    = 64.0
	marginBottom = 64.0
	contentW     = pageW - marginL - marginR
	bottomY      = pageH - marginBottom

	sizeTitle   = 18.0
	sizeHeading = 13.0
	sizeSub     = 11.0
	sizeBody    = 9.5
	sizeSmall   = 8.0
	leading     = 1.45 // line height as a multiple of the font size
)

// doc is one rendering in progress: the gopdf document, the cursor and the
// report's language. Drawing errors are rare (they come from gopdf's font
// lookups), so the first one is kept and later calls become no-ops; Write
// returns it.
type doc struct {
	gp   *gopdf.GoPdf
	m    measurer
	r    *report.Report
	l    *labels
	lang string
	y    float64 // top of the next line on the current page
	err  error
}

func newDoc(r *report.Report, lang string) (*doc, error) {
	fc, err := sharedFonts()
	if err != nil {
		return nil, err
	}
	gp := &gopdf.GoPdf{}
	gp.Start(gopdf.Config{PageSize: *gopdf.PageSizeA4, Unit: gopdf.UnitPT})
	// Page streams are left uncompressed: gopdf makes a new zlib writer
	// (about 1 MB of state) for every page, which for a 200-record report
	// (45 pages) cost about 27 ms of CPU — as much as all the rest. The
	// file grows from about 150 KiB to 540 KiB; the font subset, most of
	// a short report's bytes, is still compressed (gopdf always does).
	gp.SetNoCompression()
	// CreationDate is the issue time, not "now", so one report always
	// renders to the same bytes.
	gp.SetInfo(gopdf.PdfInfo{
		Title: r.Number + " " + pick(lang, r.Title, r.TitleEN), Author: r.Node,
		Creator: "Xinrong", CreationDate: r.IssuedAt,
	})
	if err := gp.AddTTFFontFromFontContainer(family, fc); err != nil {
		return nil, fmt.Errorf("pdf: add font: %w", err)
	}
	d := &doc{gp: gp, r: r, l: labelsFor(lang), lang: lang}
	d.m = measurer{gp: gp, width: make(map[rune]float64, 512)}
	d.setSize(sizeBody)
	d.newPage()
	return d, nil
}

func (d *doc) fail(err error) {
	if d.err == nil && err != nil {
		d.err = err
	}
}

func (d *doc) setSize(size float64) {
	if d.m.size == size {
		return
	}
	d.fail(d.gp.SetFont(family, "", size))
	d.m.size = size
}

func lineH(size float64) float64 { return size * leading }

// newPage starts a page and draws its header line. The footer needs the
// page count, so footers are drawn at the end (finish).
func (d *doc) newPage() {
	d.gp.AddPage()
	size := d.m.size
	d.setSize(sizeSmall)
	d.gray(0.35)
	d.text(marginL, 36, d.r.Node)
	title := pick(d.lang, d.r.Title, d.r.TitleEN)
	d.text(pageW-marginR-d.m.textWidth(title), 36, title)
	d.gp.SetLineWidth(0.5)
	d.gp.SetStrokeColor(140, 140, 140)
	d.gp.Line(marginL, 48, pageW-marginR, 48)
	d.gray(0)
	d.setSize(size)
	d.y = marginTop
}

// ensure starts a new page unless h more points fit above the bottom
// margin. It reports whether it broke the page.
func (d *doc) ensure(h float64) bool {
	if d.y+h <= bottomY {
		return false
	}
	d.newPage()
	return true
}

// finish draws every page's footer now that the page count is known.
func (d *doc) finish() {
	n := d.gp.GetNumberOfPages()
	d.setSize(sizeSmall)
	d.gray(0.35)
	for i := 1; i <= n; i++ {
		d.fail(d.gp.SetPage(i))
		d.gp.SetLineWidth(0.5)
		d.gp.SetStrokeColor(140, 140, 140)
		d.gp.Line(marginL, pageH-48, pageW-marginR, pageH-48)
		d.text(marginL, pageH-42, d.l.ReportNumber+" "+d.r.Number)
		p := fmt.Sprintf(d.l.PageOf, i, n)
		d.spaced(pageW-marginR-d.spacedWidth(p), pageH-42, p)
	}
	d.gray(0)
}

func (d *doc) gray(g float64) {
	c := uint8(g * 255)
	d.gp.SetTextColor(c, c, c)
}

// text draws s with its top-left corner at (x, y).
func (d *doc) text(x, y float64, s string) {
	if s == "" {
		return
	}
	d.gp.SetXY(x, y)
	d.fail(d.gp.Cell(nil, s))
}

// wordGap is the space between words drawn by spaced, as a fraction of
// the font size. The font's own space (0.26 em) is so narrow that poppler
// and other text extractors join "第 1 页" into "第1页" when the line is
// mostly Chinese; a wider gap keeps the words apart for search and copy.
const wordGap = 0.5

// spaced draws s word by word with wide gaps (see wordGap).
func (d *doc) spaced(x, y float64, s string) {
	for _, w := range strings.Fields(s) {
		d.text(x, y, w)
		x += d.m.textWidth(w) + wordGap*d.m.size
	}
}

func (d *doc) spacedWidth(s string) float64 {
	ws := strings.Fields(s)
	w := float64(max(len(ws)-1, 0)) * wordGap * d.m.size
	for _, x := range ws {
		w += d.m.textWidth(x)
	}
	return w
}

// para writes wrapped text across the content width at the cursor,
// breaking pages between lines.
func (d *doc) para(size float64, s string) {
	d.paraAt(size, marginL, contentW, s)
}

func (d *doc) paraAt(size, x, w float64, s string) {
	d.setSize(size)
	for _, line := range d.m.wrap(s, w) {
		d.ensure(lineH(size))
		d.text(x, d.y, line)
		d.y += lineH(size)
	}
}

// heading writes a chapter or item title. keep is the height of what must
// follow it on the same page (the first record block, say), so a title
// never sits alone at the bottom of a page; it is capped to what a page
// can hold.
func (d *doc) heading(size float64, s string, keep float64) {
	d.setSize(size)
	if d.y > marginTop {
		d.y += size * 0.6
	}
	h := lineH(size) + 2
	d.ensure(h + min(max(keep, lineH(sizeBody)), bottomY-marginTop-h))
	d.text(marginL, d.y, s)
	d.y += h
}

// headingH is the height heading takes, for callers computing keep.
func headingH(size float64) float64 { return size*0.6 + lineH(size) + 2 }
