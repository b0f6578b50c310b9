// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestDetect(t *testing.T) {
	zipHead := rawXLSX(t, inlineRow(1, "a"), "")[:64]
	long := []byte(strings.Repeat("x", sniffSize-2) + "名")[:sniffSize] // a character cut by the 64 KiB
	for _, c := range []struct {
		name   string
		head   []byte
		format Format
		enc    Encoding
	}{
		{"a.csv", []byte("a,b\n1,2\n"), FormatCSV, EncodingUTF8},
		{"a.csv", []byte("\uFEFFa,b\n"), FormatCSV, EncodingUTF8BOM},
		{"a.txt", gb(t, "名称,代码\n"), FormatCSV, EncodingGB18030},
		{"a.csv", []byte("名称,代码\n"), FormatCSV, EncodingUTF8},
		{"a.csv", []byte("\xff\xfe"), FormatCSV, encUTF16},
		{"a.csv", []byte("名称\xff\n"), FormatCSV, EncodingUTF8}, // neither: rows will say so
		{"a.csv", long, FormatCSV, EncodingUTF8},
		{"a.csv", zipHead, FormatXLSX, ""}, // renamed workbook
		{"a.xlsx", []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, FormatXLS, ""},
		{"a.dat", []byte(" \n{\"a\":1}\n"), FormatJSONL, EncodingUTF8},
		{"a.ndjson", []byte("[1]\n"), FormatJSONL, EncodingUTF8},
		{"a.xlsx", nil, FormatXLSX, ""},
		{"a.XLS", nil, FormatXLS, ""},
		{"a.jsonl", nil, FormatJSONL, ""},
		{"", nil, FormatCSV, ""},
	} {
		f, e := Detect(c.name, c.head)
		if f != c.format || e != c.enc {
			t.Errorf("Detect(%q, %.20q) = %q %q, want %q %q", c.name, c.head, f, e, c.format, c.enc)
		}
	}
}

// Open with zero Options finds format and encoding itself.
func TestOpen_DetectsEverything(t *testing.T) {
	for _, c := range []struct {
		data []byte
		info Info
	}{
		{gb(t, "名称\r\n甲\r\n"), Info{Format: FormatCSV, Encoding: EncodingGB18030, HeaderRow: 1}},
		{[]byte("\uFEFF名称\n甲\n"), Info{Format: FormatCSV, Encoding: EncodingUTF8BOM, HeaderRow: 1}},
		{[]byte("\n{\"名称\":\"甲\"}\n"), Info{Format: FormatJSONL, Encoding: EncodingUTF8, HeaderRow: 2}},
		{rawXLSX(t, inlineRow(1, "名称")+inlineRow(2, "甲"), ""), Info{Format: FormatXLSX, Sheet: "数据", HeaderRow: 1}},
	} {
		g := readAll(t, c.data, Options{})
		if g.r.Info() != c.info || join(g.header) != "名称" || len(g.rows) != 1 || g.rows[0].Values[0] != "甲" {
			t.Errorf("%+v: header %q rows %+v, want %+v", g.r.Info(), g.header, g.rows, c.info)
		}
	}
	openErr(t, []byte("a"), Options{Format: "pdf"}, ErrFormat, "pdf")
}

func TestProgress(t *testing.T) {
	data := []byte("a,b\n" + strings.Repeat("1,2\n", 100_000))
	r, err := Open(bytes.NewReader(data), int64(len(data)), Options{})
	if err != nil {
		t.Fatal(err)
	}
	var mid int64
	for i := 0; ; i++ {
		if _, err := r.Next(); err == io.EOF {
			break
		}
		if i == 50_000 {
			mid, _ = r.Progress()
		}
	}
	done, total := r.Progress()
	if done != total || total != int64(len(data)) || mid < total/4 || mid > total*3/4 {
		t.Fatalf("progress half way %d, at the end %d of %d", mid, done, total)
	}
}
