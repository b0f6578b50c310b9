// SPDX-License-Identifier: Apache-2.0

package pdf

import (
	_ "embed"
	"fmt"
	"sync"
	"unicode"

	"github.com/signintech/gopdf"
)

// fontTTF is WenQuanYi Micro Hei, face 0 of Debian's wqy-microhei.ttc,
// extracted by tools/ttc2ttf because gopdf cannot read collections. It is
// embedded so the static binary renders Chinese on any host.
//
//go:embed font/wqy-microhei.ttf
var fontTTF []byte

// family is the name the font is registered under in each document.
const family = "wqy"

var (
	fontOnce sync.Once
	fonts    *gopdf.FontContainer
	fontErr  error
)

// sharedFonts parses the 4.6 MB font once per process. Parsing costs far
// more than rendering a report (see BenchmarkWrite), and gopdf's
// FontContainer hands each document its own copy of the glyph map while
// sharing the read-only parsed tables.
func sharedFonts() (*gopdf.FontContainer, error) {
	fontOnce.Do(func() {
		fc := &gopdf.FontContainer{}
		if err := fc.AddTTFFontData(family, fontTTF); err != nil {
			fontErr = fmt.Errorf("pdf: parse embedded font: %w", err)
			return
		}
		fonts = fc
	})
	return fonts, fontErr
}

// measurer gives text widths for wrapping. gopdf's own SplitText measures
// the whole line again for every rune (quadratic on long values), so we
// keep each rune's width at 1 pt and add them up; widths scale linearly
// with the size because kerning is off.
type measurer struct {
	gp    *gopdf.GoPdf
	size  float64 // current font size of gp
	width map[rune]float64
}

func (m *measurer) runeWidth(r rune) float64 {
	if w, ok := m.width[r]; ok {
		return w * m.size
	}
	w, err := m.gp.MeasureTextWidth(string(r))
	if err != nil || m.size == 0 {
		w = 0
	} else {
		w /= m.size
	}
	m.width[r] = w
	return w * m.size
}

func (m *measurer) textWidth(s string) float64 {
	var w float64
	for _, r := range s {
		w += m.runeWidth(r)
	}
	return w
}

// noLineStart are the closing marks that Chinese typesetting never puts at
// the start of a line (避头点); a line breaks one character earlier instead.
const noLineStart = "，。、；：？！）》」』”’】〕%,.;:?!)]}"

// wrap splits s into lines no wider than width at the current size. Text
// with spaces (English, codes with separators) breaks at the last space
// that fits; text without spaces — most Chinese — breaks between any two
// characters. Newlines in s are kept. An empty s gives one empty line so
// that a blank value still takes its row.
func (m *measurer) wrap(s string, width float64) []string {
	var lines []string
	for _, para := range splitLines(s) {
		rs := []rune(para)
		for len(rs) > 0 {
			n, w := 0, 0.0
			for n < len(rs) {
				rw := m.runeWidth(rs[n])
				if w+rw > width && n > 0 {
					break
				}
				w += rw
				n++
			}
			if n < len(rs) {
				n = breakPoint(rs, n)
			}
			lines = append(lines, trimRightSpace(string(rs[:n])))
			rs = rs[n:]
			for len(rs) > 0 && rs[0] == ' ' {
				rs = rs[1:]
			}
		}
		if para == "" {
			lines = append(lines, "")
		}
	}
	return lines
}

// breakPoint moves a break at n back to a space if the line has one past
// its first third (word wrap for Latin text), or back by one character if
// the next line would start with a closing mark.
func breakPoint(rs []rune, n int) int {
	for i := n; i > n/3; i-- {
		if rs[i] == ' ' {
			return i
		}
	}
	if n > 1 && containsRune(noLineStart, rs[n]) && !unicode.IsSpace(rs[n-1]) {
		return n - 1
	}
	return n
}

func containsRune(s string, r rune) bool {
	for _, c := range s {
		if c == r {
			return true
		}
	}
	return false
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func trimRightSpace(s string) string {
	for len(s) > 0 && (s[len(s)-1] == ' ' || s[len(s)-1] == '\r' || s[len(s)-1] == '\t') {
		s = s[:len(s)-1]
	}
	return s
}
