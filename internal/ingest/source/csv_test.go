// SPDX-License-Identifier: Apache-2.0

package source

import (
	"strings"
	"testing"
)

func TestCSV_ValuesTrimmedNotOtherwiseChanged(t *testing.T) {
	data := "CF_WSH , 名称,金额\n" +
		"  京处罚〔2023〕1号 ,\"北京某某有限公司 \",=1+2\n" +
		"+86-10,@SUM(A1),-5\n" +
		"\"a,b\",\"say \"\"hi\"\"\",　全角空格　\n"
	g := readAll(t, []byte(data), Options{Format: FormatCSV})
	if got, want := join(g.header), "CF_WSH|名称|金额"; got != want {
		t.Fatalf("header %q, want %q", got, want)
	}
	want := []string{"京处罚〔2023〕1号|北京某某有限公司|=1+2", "+86-10|@SUM(A1)|-5", `a,b|say "hi"|全角空格`}
	if got := len(g.rows); got != len(want) {
		t.Fatalf("%d rows, want %d", got, len(want))
	}
	for i, r := range g.rows {
		if r.Err != nil {
			t.Fatalf("row %d: %v", r.Num, r.Err)
		}
		if got := join(r.Values); got != want[i] {
			t.Errorf("row %d = %q, want %q", r.Num, got, want[i])
		}
		if got, want := r.Num, int64(i+2); got != want {
			t.Errorf("row %d has Num %d", i, got)
		}
	}
	if got, want := g.r.Info().Encoding, EncodingUTF8; got != want {
		t.Errorf("encoding %q, want %q", got, want)
	}
}

func TestCSV_NumIsThePhysicalLine(t *testing.T) {
	data := "\r\n\r\na,b\r\n1,\"two\r\nlines\"\r\n\r\n,\r\n3,4\r\n\r\n\r\n"
	g := readAll(t, []byte(data), Options{})
	if got, want := g.r.Info().HeaderRow, int64(3); got != want {
		t.Fatalf("header row %d, want %d", got, want)
	}
	if len(g.rows) != 2 {
		t.Fatalf("rows %+v, want 2 (blank ones skipped)", g.rows)
	}
	if got, want := g.rows[0].Num, int64(4); got != want {
		t.Errorf("first row Num %d, want %d", got, want)
	}
	if got, want := g.rows[0].Values[1], "two\nlines"; got != want {
		t.Errorf("multi-line value %q, want %q (CRLF inside quotes becomes LF)", got, want)
	}
	if got, want := g.rows[1].Num, int64(8); got != want {
		t.Errorf("second row Num %d, want %d", got, want)
	}
}

func TestCSV_RaggedRowsReportedAndReadingGoesOn(t *testing.T) {
	data := "a,b,c\n1,2\n1,2,3,4\n1,2,3\n"
	g := readAll(t, []byte(data), Options{})
	if len(g.rows) != 3 {
		t.Fatalf("%d rows, want 3", len(g.rows))
	}
	for i, want := range []struct {
		got, want int
	}{{2, 3}, {4, 3}} {
		e, ok := g.rows[i].Err.(*RowError)
		if !ok || e.Kind != KindColumns || e.Got != want.got || e.Want != want.want {
			t.Fatalf("row %d: %v, want %d of %d columns", g.rows[i].Num, g.rows[i].Err, want.got, want.want)
		}
		if !strings.Contains(e.Error(), "row "+string(rune('2'+i))) {
			t.Errorf("message %q does not name the row", e)
		}
		if len(g.rows[i].Values) != want.got {
			t.Errorf("ragged row values %q: the cells read should be kept for the rejected-row file", g.rows[i].Values)
		}
	}
	if g.rows[2].Err != nil {
		t.Fatalf("good row after ragged ones: %v", g.rows[2].Err)
	}
}

func TestCSV_QuoteErrorsAreRowErrors(t *testing.T) {
	data := "a,b\nx\"y,1\n\"ab\"c,2\nok,3\n\"never closed,4\n"
	g := readAll(t, []byte(data), Options{})
	kinds := []ErrKind{}
	for _, r := range g.rows {
		kinds = append(kinds, kind(r))
	}
	if got, want := len(kinds), 4; got != want {
		t.Fatalf("kinds %v", kinds)
	}
	if kinds[0] != KindQuote || kinds[1] != KindQuote || kinds[2] != "" || kinds[3] != KindQuote {
		t.Fatalf("kinds %v, want quote, quote, ok, quote", kinds)
	}
	if got, want := join(g.rows[2].Values), "ok|3"; got != want {
		t.Fatalf("row after quote errors %q, want %q", got, want)
	}
}

func TestCSV_GB18030(t *testing.T) {
	// 𠀀 (U+20000) and 㐀 (U+3400) need four bytes in GB18030: a GBK
	// decoder fails on them.
	text := "企业名称,统一社会信用代码\r\n宁夏𠀀㐀科技有限公司,91640100MA76XXXX0X\r\n"
	data := gb(t, text)
	for _, enc := range []Encoding{"", EncodingGB18030, "GBK"} {
		g := readAll(t, data, Options{Format: FormatCSV, Encoding: enc})
		if got, want := join(g.header), "企业名称|统一社会信用代码"; got != want {
			t.Fatalf("%q: header %q", enc, got)
		}
		if got, want := g.rows[0].Values[0], "宁夏𠀀㐀科技有限公司"; got != want {
			t.Fatalf("%q: value %q, want %q", enc, got, want)
		}
		if got, want := g.r.Info().Encoding, EncodingGB18030; got != want {
			t.Fatalf("%q: encoding %q", enc, got)
		}
	}
}

func TestCSV_BOM(t *testing.T) {
	g := readAll(t, []byte("\uFEFFa,b\n1,2\n"), Options{Encoding: EncodingUTF8})
	if got, want := join(g.header), "a|b"; got != want {
		t.Fatalf("header %q, want %q", got, want)
	}
	if got, want := g.r.Info().Encoding, EncodingUTF8BOM; got != want {
		t.Fatalf("encoding %q, want %q", got, want)
	}
	g = readAll(t, append(gb(t, "\uFEFF名称\n"), gb(t, "甲\n")...), Options{Encoding: EncodingGB18030})
	if got, want := join(g.header), "名称"; got != want {
		t.Fatalf("GB18030 BOM: header %q", got)
	}
}

func TestCSV_WrongEncodingDeclared(t *testing.T) {
	openErr(t, gb(t, "名称,代码\n甲,1\n"), Options{Encoding: EncodingUTF8}, ErrEncoding, "GB18030")
	openErr(t, []byte("名称,代码\n甲,1\n"), Options{Encoding: EncodingGB18030}, ErrEncoding, "UTF-8")
	openErr(t, []byte("\uFEFFa\n"), Options{Encoding: EncodingGB18030}, ErrEncoding, "UTF-8")
	openErr(t, []byte("\xff\xfea\x00,\x00"), Options{}, ErrEncoding, "UTF-16")
	openErr(t, []byte("a\n"), Options{Encoding: "latin1"}, ErrEncoding, "latin1")
}

func TestCSV_InvalidBytesAreRowErrors(t *testing.T) {
	g := readAll(t, []byte("名称,代码\n甲,1\n乙\xff,2\n丙,3\n"), Options{})
	if got, want := kind(g.rows[1]), KindEncoding; got != want {
		t.Fatalf("row 3: %v", g.rows[1].Err)
	}
	if e := g.rows[1].Err.(*RowError); e.Column != 1 {
		t.Fatalf("column %d, want 1", e.Column)
	}
	if got, want := g.rows[1].Values[0], "乙\uFFFD"; got != want {
		t.Fatalf("value %q, want %q (made safe to export)", got, want)
	}
	if g.rows[2].Err != nil {
		t.Fatal(g.rows[2].Err)
	}
	// GB18030 declared, one byte that is not GB18030.
	data := append(gb(t, "名称,代码\n"), []byte("\xff\xff,1\n")...)
	g = readAll(t, data, Options{Encoding: EncodingGB18030})
	if got, want := kind(g.rows[0]), KindEncoding; got != want {
		t.Fatalf("GB18030 bad byte: %v", g.rows[0].Err)
	}
}

// A GB18030 file whose first 64 KiB are ASCII is taken for UTF-8 until
// the first Chinese row, which switches the rest of the file.
func TestCSV_GuessFromASCIISwitchesToGB18030(t *testing.T) {
	var b strings.Builder
	b.WriteString("code,name\n")
	for b.Len() < 70<<10 {
		b.WriteString("91640100MA76XXXX0X,ACME\n")
	}
	data := append([]byte(b.String()), gb(t, "1,宁夏\n2,银川\n")...)
	g := readAll(t, data, Options{})
	n := len(g.rows)
	if got, want := join(g.rows[n-2].Values)+" "+join(g.rows[n-1].Values), "1|宁夏 2|银川"; got != want {
		t.Fatalf("last rows %q, want %q", got, want)
	}
	if got, want := g.r.Info().Encoding, EncodingGB18030; got != want {
		t.Fatalf("encoding %q, want %q", got, want)
	}
}

func TestCSV_HeaderProblems(t *testing.T) {
	openErr(t, []byte("a,b,a,c,b\n1,2,3,4,5\n"), Options{}, ErrHeader, `"a" (A, C), "b" (B, E)`)
	openErr(t, []byte("a,,c\n"), Options{}, ErrHeader, "column 2 (B)")
	openErr(t, []byte(""), Options{Format: FormatCSV}, ErrHeader, "empty")
	openErr(t, []byte("\n\n ,  \n"), Options{}, ErrHeader, "empty")
	openErr(t, []byte("a,\"b\n"), Options{}, ErrHeader, "header")
	g := readAll(t, []byte("a,b\r\n"), Options{})
	if len(g.rows) != 0 || join(g.header) != "a|b" {
		t.Fatalf("header only: %+v", g)
	}
}

func TestCSV_Limits(t *testing.T) {
	lim := Limits{MaxCellBytes: 8, MaxRowBytes: 22, MaxColumns: 3}
	data := "a,b,c\n" +
		"1234567,1234567,1234567\n" + // 24 bytes
		"123456789,x,y\n" + // cell of 9 bytes
		"1,2,3,4\n" + // 4 columns
		"\"" + strings.Repeat("1234567\n", 5) + "\",y,z\n" + // 40 bytes over 6 lines
		"ok,ok,ok\n"
	g := readAll(t, []byte(data), Options{Limits: lim})
	var kinds []ErrKind
	for _, r := range g.rows {
		kinds = append(kinds, kind(r))
	}
	want := []ErrKind{KindRowTooLarge, KindCellTooLarge, KindTooWide, KindCellTooLarge, ""}
	if join(strs(kinds)) != join(strs(want)) {
		t.Fatalf("kinds %v, want %v", kinds, want)
	}
	if got, want := g.rows[4].Num, int64(11); got != want {
		t.Fatalf("row after a 6-line skipped row: Num %d, want %d", got, want)
	}
	if g.rows[0].Values != nil {
		t.Fatalf("values of a row over a limit: %q, want nil", g.rows[0].Values)
	}
	g = readAll(t, []byte("a\n1\n2\n3\n"), Options{Limits: Limits{MaxRows: 2}})
	if len(g.rows) != 2 || g.err == nil {
		t.Fatalf("MaxRows 2: %d rows, err %v", len(g.rows), g.err)
	}
}

func strs(k []ErrKind) []string {
	s := make([]string, len(k))
	for i, v := range k {
		s[i] = string(v)
	}
	return s
}
