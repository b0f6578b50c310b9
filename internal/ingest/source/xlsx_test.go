// SPDX-License-Identifier: Apache-2.0

package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestXLSX_DatesAndNumbersAsText(t *testing.T) {
	day := time.Date(2023, 5, 1, 13, 45, 0, 0, time.UTC)
	data := excelizeXLSX(t, func(f *excelize.File, s string) {
		style := func(st *excelize.Style) int {
			id, err := f.NewStyle(st)
			if err != nil {
				t.Fatal(err)
			}
			return id
		}
		code := func(c string) *string { return &c }
		cols := []struct {
			name  string
			value any
			style int
		}{
			{"文本", " 宁夏 ", 0},
			{"整数", 42, 0},
			{"小数", 1234.5, style(&excelize.Style{NumFmt: 4})}, // #,##0.00
			{"百分比", 0.125, style(&excelize.Style{NumFmt: 9})},
			{"日期14", day, style(&excelize.Style{NumFmt: 14})},
			{"日期斜杠", day, style(&excelize.Style{CustomNumFmt: code("yyyy/m/d")})},
			{"日期中文", day, style(&excelize.Style{CustomNumFmt: code(`yyyy"年"m"月"d"日"`)})},
			{"日期31", day, style(&excelize.Style{NumFmt: 31})},
			{"日期时间", day, style(&excelize.Style{NumFmt: 22})},
			{"月份", day, style(&excelize.Style{CustomNumFmt: code("yyyy-mm")})},
			{"时间", day, style(&excelize.Style{NumFmt: 20})},
			{"科学计数", 12345.0, style(&excelize.Style{NumFmt: 11})},
			{"公式文本", "=1+2", 0},
		}
		for i, c := range cols {
			h, _ := excelize.CoordinatesToCellName(i+1, 1)
			v, _ := excelize.CoordinatesToCellName(i+1, 2)
			f.SetCellValue(s, h, c.name)
			f.SetCellValue(s, v, c.value)
			if c.style != 0 {
				f.SetCellStyle(s, v, v, c.style)
			}
		}
	})
	g := readAll(t, data, Options{})
	if g.err != nil || len(g.rows) != 1 {
		t.Fatalf("rows %+v, err %v", g.rows, g.err)
	}
	want := "宁夏|42|1234.5|0.125|2023-05-01|2023-05-01|2023-05-01|2023-05-01|2023-05-01 13:45:00|2023-05|13:45:00|12345|=1+2"
	if got := join(g.rows[0].Values); got != want {
		t.Fatalf("values\n%s\nwant\n%s", got, want)
	}
	if got, want := g.r.Info(), (Info{Format: FormatXLSX, Sheet: "Sheet1", HeaderRow: 1}); got != want {
		t.Fatalf("info %+v, want %+v", got, want)
	}
}

func TestXLSX_FormulasGiveTheirCachedValue(t *testing.T) {
	rows := inlineRow(1, "a", "b", "c", "d") +
		`<row r="2"><c r="A2"><v>42</v></c><c r="B2"><f>A2*2</f><v>84</v></c>` +
		`<c r="C2" t="str"><f>A2&amp;"x"</f><v>42x</v></c><c r="D2"><f>NOW()</f></c></row>`
	g := readAll(t, rawXLSX(t, rows, ""), Options{Format: FormatXLSX})
	if got, want := join(g.rows[0].Values), "42|84|42x|"; got != want {
		t.Fatalf("values %q, want %q", got, want)
	}
}

func TestXLSX_RowsNumberedAsExcelShowsThem(t *testing.T) {
	rows := inlineRow(3, "名称", "代码") + // header on row 3
		`<row r="4"><c r="A4" t="s"><v>0</v></c></row>` + // shared string, short row
		inlineRow(6, "乙", "2", "", "") + // gap, trailing empty cells
		inlineRow(7, "丙", "3", "", "extra") + // a value right of the header
		inlineRow(8, "", "") // blank
	g := readAll(t, rawXLSX(t, rows, `<si><t>甲</t></si>`), Options{})
	if g.err != nil || len(g.rows) != 3 {
		t.Fatalf("rows %+v err %v", g.rows, g.err)
	}
	if got, want := g.r.Info().HeaderRow, int64(3); got != want {
		t.Fatalf("header row %d", got)
	}
	for i, w := range []struct {
		num  int64
		vals string
		kind ErrKind
	}{{4, "甲|", ""}, {6, "乙|2", ""}, {7, "丙|3", KindColumns}} {
		r := g.rows[i]
		if r.Num != w.num || join(r.Values) != w.vals || kind(r) != w.kind {
			t.Errorf("row %d: %d %q %v, want %d %q %q", i, r.Num, join(r.Values), r.Err, w.num, w.vals, w.kind)
		}
	}
	if e := g.rows[2].Err.(*RowError); e.Got != 4 || e.Want != 2 {
		t.Errorf("extra cells error %v: got %d want %d", e, e.Got, e.Want)
	}
	if done, total := g.r.Progress(); done != 8 || total != 8 {
		t.Errorf("progress %d/%d, want 8/8", done, total)
	}
}

func TestXLSX_NamedSheet(t *testing.T) {
	data := excelizeXLSX(t, func(f *excelize.File, s string) {
		f.SetCellValue(s, "A1", "first")
		f.NewSheet("第二")
		f.SetCellValue("第二", "A1", "名称")
		f.SetCellValue("第二", "A2", "甲")
	})
	g := readAll(t, data, Options{Sheet: "第二"})
	if join(g.header) != "名称" || g.rows[0].Values[0] != "甲" || g.r.Info().Sheet != "第二" {
		t.Fatalf("%+v", g)
	}
	openErr(t, data, Options{Sheet: "无"}, ErrFormat, "Sheet1, 第二")
}

func TestXLSX_HeaderProblems(t *testing.T) {
	openErr(t, rawXLSX(t, inlineRow(1, "a", "", "c"), ""), Options{}, ErrHeader, "column 2 (B)")
	openErr(t, rawXLSX(t, inlineRow(1, "a", "a"), ""), Options{}, ErrHeader, `"a"`)
	openErr(t, rawXLSX(t, "", ""), Options{}, ErrHeader, "empty")
	g := readAll(t, rawXLSX(t, inlineRow(1, "a", "b"), ""), Options{})
	if len(g.rows) != 0 || g.err != nil {
		t.Fatalf("header only: %+v", g)
	}
}

func TestXLSX_CellLimits(t *testing.T) {
	big := strings.Repeat("长", 40<<10) // 120 KiB: over the cell limit, under the scan's
	g := readAll(t, rawXLSX(t, inlineRow(1, "a")+inlineRow(2, big)+inlineRow(3, "ok"), ""), Options{})
	if len(g.rows) != 2 || kind(g.rows[0]) != KindCellTooLarge || g.rows[1].Values[0] != "ok" {
		t.Fatalf("rows %+v", g.rows)
	}
	huge := noise(1 << 20) // incompressible, so the ratio check lets it through
	openErr(t, rawXLSX(t, inlineRow(1, "a")+inlineRow(2, huge), ""), Options{}, ErrLimit, "longer than")
}

func TestXLSX_DamagedFiles(t *testing.T) {
	good := rawXLSX(t, inlineRow(1, "a")+inlineRow(2, "1"), "")
	openErr(t, good[:len(good)/2], Options{}, ErrFormat, "zip")
	openErr(t, nil, Options{Format: FormatXLSX}, ErrFormat, "zip")
	openErr(t, append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, make([]byte, 100)...), Options{}, ErrFormat, ".xls")
	// Broken XML after row 2: the library stops quietly, the row count
	// from the safety check notices.
	broken := rawXLSX(t, inlineRow(1, "a")+inlineRow(2, "1")+`<row r="3"><c r="A3"><v>1</x></c></row>`+inlineRow(4, "4"), "")
	r, err := Open(strings.NewReader(string(broken)), 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g := drain(t, r)
	if g.err == nil || !strings.Contains(g.err.Error(), "damaged after row") {
		t.Fatalf("rows %+v, err %v", g.rows, g.err)
	}
}

// An *os.File is read in place; other sources are copied to a temporary
// file. Either way nothing is left in the temporary directory.
func TestXLSX_TemporaryFilesRemoved(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp)
	path := filepath.Join(t.TempDir(), "批次.xlsx")
	if err := os.WriteFile(path, benchXLSX(t, 30000), 0o600); err != nil { // sheet > 4 MiB: spilled by excelize
		t.Fatal(err)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g := readAll(t, mustRead(t, path), Options{})
	r, err := Open(f, 0, Options{})
	if err != nil {
		t.Fatal(err)
	}
	g2 := drain(t, r)
	if len(g.rows) != 30000 || len(g2.rows) != 30000 || g.err != nil || g2.err != nil {
		t.Fatalf("rows %d and %d, errors %v %v", len(g.rows), len(g2.rows), g.err, g2.err)
	}
	if got, want := g2.rows[0].Values[4], "2023-05-03"; got != want {
		t.Fatalf("date %q, want %q", got, want)
	}
	left, _ := os.ReadDir(tmp)
	if len(left) != 0 {
		t.Fatalf("left in the temporary directory: %v", left)
	}
}

func mustRead(t *testing.T, path string) []byte {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// noise is n letters that do not compress much.
func noise(n int) string {
	b := make([]byte, n)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = 'a' + byte(x%26)
	}
	return string(b)
}

func TestXLSX_TextInADateCellStaysText(t *testing.T) {
	data := excelizeXLSX(t, func(f *excelize.File, s string) {
		date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		f.SetCellValue(s, "A1", "日期")
		f.SetCellValue(s, "A2", "2023/5/1")
		f.SetCellValue(s, "A3", 45047)
		f.SetCellValue(s, "A4", -3)
		f.SetCellStyle(s, "A2", "A4", date)
	})
	g := readAll(t, data, Options{})
	var got []string
	for _, r := range g.rows {
		got = append(got, r.Values[0])
	}
	if want := "2023/5/1|2023-05-01|-3"; join(got) != want {
		t.Fatalf("values %q, want %q", join(got), want)
	}
}

func TestFromMarked(t *testing.T) {
	mark := func(v string, k dateKind) string { return v + string(rune(0xE000+int(k))) }
	for _, c := range []struct {
		in       string
		date1904 bool
		want     string
	}{
		{mark("45047.000000000", kDate), false, "2023-05-01"},
		{mark("45047.573611111", kDateTime), false, "2023-05-01 13:46:00"},
		{mark("45047.999999999", kDateTime), false, "2023-05-02 00:00:00"},
		{mark("45047.500000000", kMonth), false, "2023-05"},
		{mark("0.250000000", kTime), false, "06:00:00"},
		{mark("1.000000000", kDate), false, "1900-01-01"},
		{mark("61.000000000", kDate), false, "1900-03-01"},
		{mark("0.000000000", kDate), true, "1904-01-01"},
		{mark("-3.000000000", kDate), false, "-3"},
		{mark("3000000.000000000", kDate), false, "3000000"},
		{"45047", false, "45047"},
		{"宁夏", false, "宁夏"},
	} {
		if got := fromMarked(c.in, c.date1904); got != c.want {
			t.Errorf("fromMarked(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestClassifyFormat(t *testing.T) {
	for code, want := range map[string]dateKind{
		"yyyy-mm-dd": kDate, "yyyy/m/d": kDate, `yyyy"年"m"月"d"日"`: kDate, "[$-804]yyyy年m月d日;@": kDate,
		"d-mmm-yy": kDate, "mmm": kDate, "yyyy-mm": kMonth, `yyyy"年"m"月"`: kMonth,
		"yyyy-mm-dd hh:mm:ss": kDateTime, "m/d/yy h:mm AM/PM": kDateTime, "hh:mm": kTime, "h:mm AM/PM": kTime,
		"mm:ss": kTime, "[h]:mm:ss": notDate, "0.00": notDate, "#,##0.00": notDate, "0.00E+00": notDate,
		"General": notDate, "@": notDate, `"Day "0`: notDate, "[Red]0.00": notDate, `0.00_);[Red]\(0.00\)`: notDate,
	} {
		if got := classifyFormat(code); got != want {
			t.Errorf("classifyFormat(%q) = %d, want %d", code, got, want)
		}
	}
}

// A row numbered 1,048,576 makes the iterator walk a million empty rows:
// bounded work, and the row keeps its number.
func TestXLSX_LastPossibleRow(t *testing.T) {
	g := readAll(t, rawXLSX(t, inlineRow(1, "a")+inlineRow(1048576, "z"), ""), Options{})
	if len(g.rows) != 1 || g.rows[0].Num != 1048576 || g.err != nil {
		t.Fatalf("rows %+v err %v", g.rows, g.err)
	}
}

func TestXLSX_HeaderTrailingBlankCellsIgnored(t *testing.T) {
	g := readAll(t, rawXLSX(t, inlineRow(1, "a", "b", " ", "  ")+inlineRow(2, "1", "2"), ""), Options{})
	if join(g.header) != "a|b" || len(g.rows) != 1 || g.rows[0].Err != nil {
		t.Fatalf("%+v", g)
	}
	openErr(t, rawXLSX(t, inlineRow(1, "a", strings.Repeat("x", 100)), ""), Options{Limits: Limits{MaxCellBytes: 10}}, ErrHeader, "header row")
}
