// SPDX-License-Identifier: Apache-2.0

package pdf

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/xinrong/xinrong/internal/subject"
)

// render writes r and returns the PDF bytes.
func render(t testing.TB, n int, lang string) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, sampleReport(n), lang); err != nil {
		t.Fatalf("Write: %v", err)
	}
	return buf.Bytes()
}

// pdftotext runs poppler's pdftotext (installed in CI by .ci/poppler.sh)
// with args on pdf and returns its output. Reading the text back is the
// only check that proves the characters are really in the file: a PDF
// with a wrong font shows boxes or nothing, yet still "renders".
func pdftotext(t *testing.T, pdf []byte, args ...string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		if os.Getenv("XINRONG_PDF") == "required" {
			t.Fatal("pdftotext not found and XINRONG_PDF=required (run .ci/poppler.sh)")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils); set XINRONG_PDF=required to fail instead")
	}
	in := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, append(append([]string{"-enc", "UTF-8"}, args...), in, "-")...).Output()
	if err != nil {
		t.Fatalf("pdftotext %v: %v", args, err)
	}
	return string(out)
}

func TestFixtureUSCC(t *testing.T) {
	c, err := subject.ComputeCheck18(testUSCC[:17])
	if err != nil {
		t.Fatal(err)
	}
	if got, want := string(c), testUSCC[17:]; got != want {
		t.Fatalf("check character of %s = %s, want %s", testUSCC, got, want)
	}
}

func TestWriteChinese(t *testing.T) {
	pdf := render(t, 3, "zh")
	if !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("output starts with %q, want %%PDF-", pdf[:min(len(pdf), 8)])
	}
	// A subset holds only the glyphs used; the whole font is 4.6 MB.
	if got, limit := len(pdf), 1<<20; got >= limit {
		t.Fatalf("PDF is %d bytes, want < %d (font not subset?)", got, limit)
	}
	if !bytes.Contains(pdf, []byte("/FontFile2")) {
		t.Fatal("no embedded TrueType font (/FontFile2) in the PDF")
	}
	text := pdftotext(t, pdf)
	for _, want := range []string{
		testName, testUSCC, testNumber, testPenalty, testAmount, testHash, testWithold,
		"第 1 页", "异议处理中", "公示截止 2029-09-30", "贷前审查", "AUTH-2026-000381",
		"2026-11-22 10:15:00", // issued 02:15 UTC, printed in China time
		"一、登记基本信息", "报告验证", testNode + "/reports/verify",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("extracted text lacks %q", want)
		}
	}
	// The 300-character value wraps over several lines; joined again it
	// must be complete and in order.
	joined := strings.Join(strings.Fields(text), "")
	if !strings.Contains(joined, longValue()) {
		t.Error("the 300-character value is not complete in the extracted text")
	}
	if n := strings.Count(text, "经营范围包括软件开发"); n < 2 {
		t.Errorf("long value seems not wrapped: %d line starts", n)
	}
}

func TestWriteEnglish(t *testing.T) {
	text := pdftotext(t, render(t, 2, "en"))
	for _, want := range []string{
		"Enterprise Credit Information Report", "1. Registration", "2. Summary",
		"3. Administrative penalties", "Unified Social Credit Code", "Pre-loan review",
		"Under objection", "Withheld", "Credit evaluation", "Disclaimer",
		"Page 1 of", "Verification", "Decision No.", "6. Data sources",
		testName, testPenalty, testUSCC, // values stay as issued
	} {
		if !strings.Contains(text, want) {
			t.Errorf("English PDF lacks %q", want)
		}
	}
	for _, zh := range []string{"一、登记基本信息", "二、信息概要", "第 1 页", "决定书文号"} {
		if strings.Contains(text, zh) {
			t.Errorf("English PDF has the Chinese heading %q", zh)
		}
	}
}

// TestWriteManyRows checks pagination: 300 records take many pages, every
// page has its footer with the right numbers, and no text runs into the
// margins or the footer band.
func TestWriteManyRows(t *testing.T) {
	pdf := render(t, 300, "zh")
	pages := strings.Split(strings.TrimRight(pdftotext(t, pdf), "\f"), "\f")
	if len(pages) < 10 {
		t.Fatalf("300 rows gave %d pages, want many", len(pages))
	}
	for i, p := range pages {
		footer := fmt.Sprintf("第 %d 页 / 共 %d 页", i+1, len(pages))
		if !strings.Contains(p, footer) || !strings.Contains(p, testNumber) || !strings.Contains(p, testNode) {
			t.Errorf("page %d lacks footer %q, the report number or the node header", i+1, footer)
		}
	}
	checkBoxes(t, pdftotext(t, pdf, "-bbox"))
}

var wordRE = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// checkBoxes asserts every word lies inside the margins, and outside the
// band between the body's bottom and the footer line.
func checkBoxes(t *testing.T, bbox string) {
	t.Helper()
	words := wordRE.FindAllStringSubmatch(bbox, -1)
	if len(words) == 0 {
		t.Fatal("no words in pdftotext -bbox output")
	}
	f := func(s string) float64 { v, _ := strconv.ParseFloat(s, 64); return v }
	for _, w := range words {
		x0, y0, x1, y1 := f(w[1]), f(w[2]), f(w[3]), f(w[4])
		if x0 < marginL-0.5 || x1 > pageW-marginR+0.5 {
			t.Fatalf("word %q spans x %.1f–%.1f, outside the margins %.1f–%.1f", w[5], x0, x1, marginL, pageW-marginR)
		}
		if y1 > bottomY+0.5 && y0 < pageH-48 {
			t.Fatalf("word %q at y %.1f–%.1f runs into the footer band", w[5], y0, y1)
		}
	}
}

func TestWriteDeterministicAndConcurrent(t *testing.T) {
	want := render(t, 20, "zh")
	var wg sync.WaitGroup
	got := make([][]byte, 4)
	for i := range got {
		wg.Go(func() { got[i] = render(t, 20, "zh") })
	}
	wg.Wait()
	for i, g := range got {
		if !bytes.Equal(g, want) {
			t.Fatalf("render %d differs from the first (%d vs %d bytes)", i, len(g), len(want))
		}
	}
}

// TestFontHasLatin guards against a font swap: Droid Sans Fallback, the
// usual CJK fallback, has no Latin digits and codes would vanish.
func TestFontHasLatin(t *testing.T) {
	d, err := newDoc(sampleReport(0), "zh")
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range "0123456789ABCDEFGHJKLMNPQRTUWXYabcdefghijklmnopqrstuvwxyz-.:/（）万元宁夏银川" {
		ok, err := d.gp.IsCurrFontContainGlyph(r)
		if err != nil || !ok {
			t.Errorf("embedded font lacks %q (err %v)", r, err)
		}
	}
}

func TestWriteNil(t *testing.T) {
	if err := Write(&bytes.Buffer{}, nil, "zh"); err == nil {
		t.Fatal("Write(nil report) succeeded")
	}
}

func BenchmarkWrite(b *testing.B) {
	r := sampleReport(200)
	var buf bytes.Buffer
	for b.Loop() {
		buf.Reset()
		if err := Write(&buf, r, "zh"); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(buf.Len())/1024, "KiB/op")
}
