// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// fuzzLimits are small, so that the fuzzer reaches them.
var fuzzLimits = Limits{MaxCellBytes: 64, MaxRowBytes: 256, MaxColumns: 8, MaxRows: 1000}

// checkFile reads data to the end and checks what every reader promises,
// whatever the bytes: no panic, file errors are Invalid, row numbers rise,
// values are valid UTF-8 within the limits, good rows match the header.
func checkFile(t *testing.T, data []byte, opts Options) {
	lim := opts.Limits.withDefaults()
	r, err := Open(bytes.NewReader(data), int64(len(data)), opts)
	if err != nil {
		if apperr.CodeOf(err) != apperr.Invalid {
			t.Fatalf("Open: %v is not a file error", err)
		}
		return
	}
	defer r.Close()
	h := r.Header()
	if len(h) == 0 || len(h) > lim.MaxColumns {
		t.Fatalf("header %q", h)
	}
	for _, c := range h {
		if c == "" || len(c) > lim.MaxCellBytes || !utf8.ValidString(c) {
			t.Fatalf("header cell %q", c)
		}
	}
	var prev int64
	for n := 0; ; n++ {
		row, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("Next: %v is not a file error", err)
			}
			break
		}
		if row.Num <= prev || n > 100000 {
			t.Fatalf("row %d after %d (%d rows)", row.Num, prev, n)
		}
		prev = row.Num
		if len(row.Values) > max(lim.MaxColumns, len(h)) {
			t.Fatalf("row %d: %d values", row.Num, len(row.Values))
		}
		for _, v := range row.Values {
			if len(v) > lim.MaxCellBytes || !utf8.ValidString(v) {
				t.Fatalf("row %d: value %q", row.Num, v)
			}
		}
		var re *RowError
		switch {
		case row.Err == nil && (len(row.Values) != len(h) || blank(row.Values)):
			t.Fatalf("row %d: %q for header %q", row.Num, row.Values, h)
		case row.Err != nil && (!errors.As(row.Err, &re) || re.Num != row.Num || re.Kind == ""):
			t.Fatalf("row %d: error %v", row.Num, row.Err)
		}
	}
	if done, total := r.Progress(); done < 0 || total < 0 {
		t.Fatalf("progress %d/%d", done, total)
	}
}

func FuzzCSV(f *testing.F) {
	for _, c := range csvCases {
		f.Add([]byte(c), false)
	}
	f.Add([]byte("a,b\n1,2\n\"x\ny\",3\n,\n"), false)
	f.Add(gb(f, "名称,代码\r\n宁夏𠀀,1\r\n"), true)
	f.Add([]byte("\uFEFFa,b\r\n\"1\"\"\",2\r\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, gb bool) {
		if len(data) < 4096 {
			sameAsEncodingCSV(t, data)
		}
		enc := EncodingDetect
		if gb {
			enc = EncodingGB18030
		}
		checkFile(t, data, Options{Format: FormatCSV, Encoding: enc, Limits: fuzzLimits})
	})
}

func FuzzJSONL(f *testing.F) {
	f.Add([]byte(`{"a":1,"b":"x"}` + "\n" + `{"b":null,"a":true}` + "\n" + `{"c":[1]}` + "\n"))
	f.Add([]byte(`{"名称":"\u5b81","n":-1.5e3}` + "\r\n\n" + `{"名称":{"x":1}}`))
	f.Add([]byte(`{"a":"1"} {"a":2}` + "\n" + `{"a":"2","a":"3"}`))
	f.Add(gb(f, `{"名称":"宁夏"}`+"\n"))
	for _, c := range jsonCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, line := range bytes.Split(data, []byte("\n")) {
			sameAsEncodingJSON(t, line)
		}
		checkFile(t, data, Options{Format: FormatJSONL, Limits: fuzzLimits})
	})
}

// FuzzXLSX mutates the bytes of small valid workbooks: mostly it tests the
// zip checks, as a changed byte usually breaks a checksum.
func FuzzXLSX(f *testing.F) {
	f.Add(rawXLSX(f, inlineRow(1, "a", "b")+inlineRow(2, "1", "2")+`<row r="3"><c r="A3" t="s"><v>0</v></c></row>`, "<si><t>甲</t></si>"))
	f.Add(benchXLSX(f, 3))
	f.Fuzz(func(t *testing.T, data []byte) {
		t.Setenv("TMPDIR", t.TempDir())
		checkFile(t, data, Options{Format: FormatXLSX, Limits: fuzzLimits})
	})
}

// FuzzXLSXSheet fuzzes the sheet and shared-string XML inside a valid
// package, where the XLSX library itself is exercised.
func FuzzXLSXSheet(f *testing.F) {
	f.Add(inlineRow(1, "a", "b")+inlineRow(3, "1", "2"), "")
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row><row><c><v>45047</v></c><c s="1"><f>A2</f><v>2</v></c></row>`,
		"<si><t>名称</t></si><si><r><t>代</t></r><r><t>码</t></r></si>")
	f.Add(`<row r="1"><c r="XFD1" t="inlineStr"><is><t>z</t></is></c></row><row r="200"><c r="A200" t="b"><v>1</v></c></row>`, "")
	f.Fuzz(func(t *testing.T, rows, sst string) {
		t.Setenv("TMPDIR", t.TempDir())
		checkFile(t, rawXLSX(t, rows, sst), Options{Format: FormatXLSX, Limits: fuzzLimits})
	})
}
