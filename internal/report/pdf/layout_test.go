// SPDX-License-Identifier: Apache-2.0

package pdf

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/signintech/gopdf"

	"github.com/xinrong/xinrong/internal/report"
)

func testDoc(t testing.TB) *doc {
	t.Helper()
	d, err := newDoc(sampleReport(0), "zh")
	if err != nil {
		t.Fatal(err)
	}
	d.setSize(sizeBody)
	return d
}

// checkWrap asserts the properties every wrap must keep: no line wider
// than the width unless it is one character, and no character lost or
// added except the spaces at breaks.
func checkWrap(t *testing.T, d *doc, s string, width float64) []string {
	t.Helper()
	lines := d.m.wrap(s, width)
	for _, l := range lines {
		if w := d.m.textWidth(l); w > width+0.01 && utf8.RuneCountInString(l) > 1 {
			t.Fatalf("line %q is %.2f wide, limit %.2f", l, w, width)
		}
	}
	squash := func(x string) string { return strings.Join(strings.Fields(x), "") }
	if got, want := squash(strings.Join(lines, "")), squash(s); got != want {
		t.Fatalf("wrap changed the text:\n got %q\nwant %q", got, want)
	}
	return lines
}

func TestWrap(t *testing.T) {
	d := testDoc(t)
	lines := checkWrap(t, d, longValue(), 300)
	if got, want := len(lines), int(d.m.textWidth(longValue())/300)+1; got != want {
		t.Errorf("300 characters in 300 pt gave %d lines, want %d", got, want)
	}
	// English breaks between words, not inside them.
	const sentence = "The enterprise was fined for discharging air pollutants without a permit"
	en := checkWrap(t, d, sentence, 120)
	if len(en) < 3 {
		t.Fatalf("sentence not wrapped: %q", en)
	}
	for _, l := range en {
		// Each line is whole words: it appears in the sentence between
		// spaces (or at its ends).
		if !strings.Contains(" "+sentence+" ", " "+l+" ") {
			t.Errorf("bad word-wrapped line %q", l)
		}
	}
	// A closing mark never starts a line.
	for _, l := range checkWrap(t, d, strings.Repeat("罚款金额一二三四五，", 20), 100) {
		if r, _ := utf8.DecodeRuneInString(l); strings.ContainsRune(noLineStart, r) {
			t.Errorf("line starts with %q: %q", r, l)
		}
	}
	if got := d.m.wrap("", 100); len(got) != 1 || got[0] != "" {
		t.Errorf("wrap(\"\") = %q, want one empty line", got)
	}
	if got := d.m.wrap("第一行\n第二行", 300); len(got) != 2 {
		t.Errorf("newline not kept: %q", got)
	}
}

func FuzzWrap(f *testing.F) {
	f.Add(longValue(), 200.0)
	f.Add("a b  c\n\n统一社会信用代码 91640100MA76B3K27X", 30.0)
	f.Add("，，，，", 1.0)
	d := testDoc(f)
	f.Fuzz(func(t *testing.T, s string, width float64) {
		if !utf8.ValidString(s) || width < 1 || width > 1000 || len(s) > 2000 {
			t.Skip()
		}
		checkWrap(t, d, strings.ReplaceAll(s, "\r", ""), width)
	})
}

// TestBlockLongerThanPage renders a record taller than a page: it must
// split between lines, mark the continuation, and stay out of the footer.
func TestBlockLongerThanPage(t *testing.T) {
	r := sampleReport(1)
	huge := strings.Repeat(longValue(), 12) // 3,600 characters, about 1.5 pages
	r.Sections[2].Items[0].Rows[0].Cells[0].Value = huge
	var buf bytes.Buffer
	if err := Write(&buf, r, "zh"); err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, buf.Bytes())
	if !strings.Contains(text, "经营范围 · 记录 1（续）") {
		t.Error("continued block has no （续） title")
	}
	// Joined again without the page furniture between the parts (footer,
	// next header, continuation title), the value must be whole.
	joined := strings.Join(strings.Fields(text), "")
	joined = regexp.MustCompile(`报告编号`+testNumber+`第\d+页/共\d+页`+regexp.QuoteMeta(testNode)+
		`企业信用信息报告经营范围·记录1（续）`).ReplaceAllString(joined, "")
	if !strings.Contains(joined, huge) {
		t.Error("the 3,600-character value is not complete across the page break")
	}
	checkBoxes(t, pdftotext(t, buf.Bytes(), "-bbox"))
}

// TestEmptyReport renders a report with nothing in it but its number:
// missing parts must not break the layout.
func TestEmptyReport(t *testing.T) {
	r := &report.Report{Number: testNumber, Sections: []report.Section{{Title: "行政处罚信息", Note: "暂无",
		Items: []report.ItemSection{{Name: "行政处罚", Status: "shown"}}}}}
	var buf bytes.Buffer
	if err := Write(&buf, r, ""); err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, buf.Bytes())
	for _, want := range []string{testNumber, "暂无记录", "无（仅含公开信息）", "第 1 页 / 共 1 页"} {
		if !strings.Contains(text, want) {
			t.Errorf("empty report lacks %q", want)
		}
	}
}

// BenchmarkFontParse is what every Write would pay without the shared,
// parse-once font.
func BenchmarkFontParse(b *testing.B) {
	for b.Loop() {
		var fc gopdf.FontContainer
		if err := fc.AddTTFFontData(family, fontTTF); err != nil {
			b.Fatal(err)
		}
	}
}

// TestHiddenMark: the self and operator editions show records no longer
// shown to institutions, with the reason, next to the other marks.
func TestHiddenMark(t *testing.T) {
	r := sampleReport(2)
	r.Edition = "self"
	r.Sections[0].Items[0].Rows[1].Hidden = "公示期满，已停止向机构展示"
	var buf bytes.Buffer
	if err := Write(&buf, r, "zh"); err != nil {
		t.Fatal(err)
	}
	text := pdftotext(t, buf.Bytes())
	for _, want := range []string{"【已不向机构展示：公示期满，已停止向机构展示】", "自查版"} {
		if !strings.Contains(text, want) {
			t.Errorf("self edition lacks %q", want)
		}
	}
}
