// SPDX-License-Identifier: Apache-2.0

package pdf

// Tables and bordered blocks. Both are laid out line by line so that they
// break across pages between lines, never through one, and a break redraws
// what the reader needs to read on (a table's header row, a block's
// border and "(续)" marker).

const (
	padX = 5.0
	padY = 3.0
)

// table is a grid with an optional header row repeated on every page.
type table struct {
	widths []float64 // sum to contentW
	header []string  // nil for label/value tables
	shade  []bool    // per column: grey label columns
}

// draw lays out rows at the cursor.
func (t table) draw(d *doc, rows [][]string) {
	if t.header != nil {
		d.ensure(2*(lineH(sizeBody)+2*padY) + 4)
		t.row(d, t.header, true)
	}
	for _, r := range rows {
		t.row(d, r, false)
	}
	d.y += 4
}

// row draws one table row. A row that does not fit moves to the next page
// whole; only a row taller than a page is split between its lines.
func (t table) row(d *doc, cells []string, header bool) {
	d.setSize(sizeBody)
	lh := lineH(sizeBody)
	lines := make([][]string, len(t.widths))
	n := 1
	for i, w := range t.widths {
		if i < len(cells) {
			lines[i] = d.m.wrap(cells[i], w-2*padX)
		}
		n = max(n, len(lines[i]))
	}
	for start := 0; start < n; {
		fit := int((bottomY - d.y - 2*padY) / lh)
		whole := float64(n-start)*lh+2*padY <= bottomY-marginTop
		if fit < 1 || (fit < n-start && whole) {
			d.newPage()
			if t.header != nil && !header {
				t.row(d, t.header, true)
			}
			d.setSize(sizeBody)
			continue
		}
		end := min(n, start+fit)
		h := float64(end-start)*lh + 2*padY
		x := marginL
		for i, w := range t.widths {
			d.cellBox(x, w, h, header || (i < len(t.shade) && t.shade[i]))
			for k := start; k < end && k < len(lines[i]); k++ {
				d.text(x+padX, d.y+padY+float64(k-start)*lh+lh*0.15, lines[i][k])
			}
			x += w
		}
		d.y += h
		start = end
	}
}

// cellBox strokes a cell's border, filled light grey for labels and headers.
func (d *doc) cellBox(x, w, h float64, shaded bool) {
	d.gp.SetLineWidth(0.5)
	d.gp.SetStrokeColor(120, 120, 120)
	style := "D"
	if shaded {
		d.gp.SetFillColor(238, 240, 244)
		style = "FD"
	}
	d.gp.RectFromUpperLeftWithStyle(x, d.y, w, h, style)
}

// vline is one visual line of a block: a label column part and a value
// part, already wrapped, with its size and colour.
type vline struct {
	label, value string
	split        bool // label column in use (false: value spans the block)
	size         float64
	rgb          [3]uint8
}

// labelW is the label column of a block: wide enough for the longest
// Chinese catalog labels (8 characters) at body size.
const labelW = 108.0

// blockLines wraps one label/value pair into visual lines: the label in
// the label column, the value in the rest; the taller of the two wins.
func (d *doc) blockLines(label, value string, size float64, rgb [3]uint8) []vline {
	d.setSize(size)
	inner := contentW - 2*padX
	var ls, vs []string
	if label == "" {
		vs = d.m.wrap(value, inner)
	} else {
		ls = d.m.wrap(label, labelW-padX)
		vs = d.m.wrap(value, inner-labelW)
	}
	out := make([]vline, max(len(ls), len(vs)))
	for i := range out {
		out[i].size, out[i].rgb, out[i].split = size, rgb, label != ""
		if i < len(ls) {
			out[i].label = ls[i]
		}
		if i < len(vs) {
			out[i].value = vs[i]
		}
	}
	return out
}

// block draws lines inside one border. The whole block moves to a new
// page when it fits there but not here; a block longer than a page is
// split between lines, each part with its own border, the continuation
// starting with title+"（续）".
func (d *doc) block(title string, lines []vline) {
	if h := blockHeight(lines); d.y+h > bottomY && h <= bottomY-marginTop {
		d.newPage()
	}
	drawn := false
	for len(lines) > 0 {
		n, h := 0, 2*padY
		for n < len(lines) && d.y+h+lineH(lines[n].size) <= bottomY {
			h += lineH(lines[n].size)
			n++
		}
		if n == 0 {
			d.newPage()
			if drawn {
				lines = append(d.blockLines("", title+d.l.Continued, sizeSmall, grey), lines...)
			}
			continue
		}
		drawn = true
		d.cellBox(marginL, contentW, h, false)
		y := d.y + padY
		for _, l := range lines[:n] {
			d.setSize(l.size)
			d.gp.SetTextColor(l.rgb[0], l.rgb[1], l.rgb[2])
			off := lineH(l.size) * 0.15
			if l.split {
				d.text(marginL+padX, y+off, l.label)
				d.text(marginL+padX+labelW, y+off, l.value)
			} else {
				d.text(marginL+padX, y+off, l.value)
			}
			y += lineH(l.size)
		}
		d.gp.SetTextColor(0, 0, 0)
		d.y += h
		lines = lines[n:]
		if len(lines) > 0 {
			d.newPage()
			lines = append(d.blockLines("", title+d.l.Continued, sizeSmall, grey), lines...)
		}
	}
	d.y += 5
}

// blockHeight is the height block needs for lines on one page.
func blockHeight(lines []vline) float64 {
	h := 2 * padY
	for _, l := range lines {
		h += lineH(l.size)
	}
	return h
}

var (
	black = [3]uint8{0, 0, 0}
	grey  = [3]uint8{100, 100, 100}
	red   = [3]uint8{176, 32, 32}
)
