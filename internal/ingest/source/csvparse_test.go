// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"testing"
)

// parsed is one record as both parsers see it.
type parsed struct {
	line   int64
	fields []string
	bad    bool
}

func (p parsed) String() string { return fmt.Sprintf("%d:%q:%v", p.line, p.fields, p.bad) }

// ours runs csvParser over data with limits that do not bite.
func ours(data []byte) []parsed {
	p := csvParser{br: bufio.NewReaderSize(bytes.NewReader(data), 16), maxCell: 1 << 30, maxRow: 1 << 30, maxCols: 1 << 20}
	var out []parsed
	for p.next() == nil {
		rec := parsed{bad: p.kind != ""}
		if !rec.bad {
			rec.line = p.num
			prev := 0
			for _, e := range p.ends {
				rec.fields = append(rec.fields, string(p.buf[prev:e]))
				prev = e
			}
			if len(rec.fields) == 1 && rec.fields[0] == "" {
				continue // an empty line: encoding/csv skips it, the reader skips blank rows
			}
		}
		out = append(out, rec)
	}
	return out
}

// theirs runs encoding/csv as the brief asks: LazyQuotes off, any number
// of fields.
func theirs(data []byte) []parsed {
	r := csv.NewReader(bytes.NewReader(data))
	r.FieldsPerRecord = -1
	var out []parsed
	for {
		rec, err := r.Read()
		if err == io.EOF {
			return out
		}
		p := parsed{bad: err != nil}
		if !p.bad {
			line, _ := r.FieldPos(0)
			p.line, p.fields = int64(line), rec
			if len(rec) == 1 && rec[0] == "" {
				continue
			}
		}
		out = append(out, p)
	}
}

// sameAsEncodingCSV checks that the parser finds the records, fields, line
// numbers and errors encoding/csv finds.
func sameAsEncodingCSV(t *testing.T, data []byte) {
	t.Helper()
	a, b := ours(data), theirs(data)
	if fmt.Sprint(a) != fmt.Sprint(b) {
		t.Fatalf("input %q\nours   %v\ntheirs %v", data, a, b)
	}
}

var csvCases = []string{
	"", "\n", "\r\n", "a", "a\n", "a\r", "a\r\n", "a,b\nc,d", "a,\n", ",", ",,\n\n",
	`"a"`, `"a""b"`, "\"a\nb\"\nc", "\"a\r\nb\"\r\nc\r\n", `"a"b`, `a"b`, `"a`, "\"a\r", "\"a\"\r", "\"a\"\rb\n",
	"a\rb\n", "a\r\rb\r\n", "\r\r\n", " , \n", "\"\"\n", "\"\",\"\"\n", "x,\"y\nz\"\"\",w\nq\n",
	"\"a\"\r\n\"b\"", "a,\"b\"c,d\ne,f\n", "a\"\nb\n", "\xff,\"\xfe\"\n", "\"a\"\"\n", "\"\"\"\n",
}

func TestCSVParser_SameAsEncodingCSV(t *testing.T) {
	for _, c := range csvCases {
		sameAsEncodingCSV(t, []byte(c))
	}
}
