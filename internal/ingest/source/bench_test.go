// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bytes"
	"fmt"
	"io"
	"runtime"
	"strings"
	"sync"
	"testing"
)

const benchCols = 30

// benchCSV is a provider-like file: names, codes, dates, amounts and text
// in Chinese, with a header of field codes.
var benchCSV = sync.OnceValue(func() string {
	var b strings.Builder
	for c := 0; c < benchCols; c++ {
		if c > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, "CF_%02d", c)
	}
	b.WriteString("\r\n")
	for r := 0; r < 200_000; r++ {
		for c := 0; c < benchCols; c++ {
			if c > 0 {
				b.WriteByte(',')
			}
			switch c % 6 {
			case 0:
				fmt.Fprintf(&b, "宁夏%d号科技有限公司", r)
			case 1:
				fmt.Fprintf(&b, "91640100MA%08d", r)
			case 2:
				fmt.Fprintf(&b, "2023-%02d-%02d", r%12+1, r%28+1)
			case 3:
				fmt.Fprintf(&b, "%d.%02d", r*7, r%100)
			case 4:
				b.WriteString("\"违反《中华人民共和国税收征收管理法》第六十条, 责令改正\"")
			case 5:
				b.WriteByte('1')
			}
		}
		b.WriteString("\r\n")
	}
	return b.String()
})

// benchRead reads data once per iteration and reports rows per second and
// allocations per row.
func benchRead(b *testing.B, data []byte, opts Options, wantRows int) {
	b.SetBytes(int64(len(data)))
	b.ReportAllocs()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mallocs := ms.Mallocs
	rows := 0
	for b.Loop() {
		r, err := Open(bytes.NewReader(data), int64(len(data)), opts)
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for {
			row, err := r.Next()
			if err == io.EOF {
				break
			}
			if err != nil || row.Err != nil {
				b.Fatal(err, row.Err)
			}
			n++
		}
		r.Close()
		if n != wantRows {
			b.Fatalf("%d rows, want %d", n, wantRows)
		}
		rows += n
	}
	runtime.ReadMemStats(&ms)
	b.ReportMetric(float64(rows)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(float64(ms.Mallocs-mallocs)/float64(rows), "allocs/row")
}

func BenchmarkCSV_UTF8(b *testing.B) {
	benchRead(b, []byte(benchCSV()), Options{Format: FormatCSV}, 200_000)
}

func BenchmarkCSV_GB18030(b *testing.B) {
	benchRead(b, gb(b, benchCSV()), Options{Format: FormatCSV, Encoding: EncodingGB18030}, 200_000)
}

func BenchmarkJSONL(b *testing.B) {
	var buf bytes.Buffer
	lines := strings.Split(benchCSV(), "\r\n")
	keys := strings.Split(lines[0], ",")
	for _, l := range lines[1:50_001] {
		vals := strings.SplitN(l, ",", benchCols)
		buf.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				buf.WriteByte(',')
			}
			fmt.Fprintf(&buf, "%q:%q", k, strings.Trim(vals[i], `"`))
		}
		buf.WriteString("}\n")
	}
	benchRead(b, buf.Bytes(), Options{Format: FormatJSONL}, 50_000)
}

var benchXLSXFile = sync.OnceValue(func() []byte { return benchXLSX(&testing.B{}, 50_000) })

func BenchmarkXLSX(b *testing.B) {
	benchRead(b, benchXLSXFile(), Options{Format: FormatXLSX}, 50_000)
}
