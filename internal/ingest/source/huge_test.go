// SPDX-License-Identifier: Apache-2.0

package source

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"hash/crc32"
	"io"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// maxHeap is what reading a hostile file may hold: the brief's ~64 MB.
const maxHeap = 64 << 20

// peakHeap runs fn while sampling the live heap and returns the highest
// value seen.
func peakHeap(fn func()) uint64 {
	runtime.GC()
	var peak atomic.Uint64
	stop, done := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(done)
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			if m.HeapAlloc > peak.Load() {
				peak.Store(m.HeapAlloc)
			}
			select {
			case <-stop:
				return
			case <-time.After(5 * time.Millisecond):
			}
		}
	}()
	fn()
	close(stop)
	<-done
	return peak.Load()
}

// stream returns a reader of head, n bytes of fill (repeated) and tail,
// produced through a pipe so that the test never holds them.
func stream(head string, fill []byte, n int, tail string) io.Reader {
	pr, pw := io.Pipe()
	go func() {
		pw.Write([]byte(head))
		block := bytes.Repeat(fill, (64<<10)/len(fill))
		for n > 0 {
			k := min(n, len(block))
			if _, err := pw.Write(block[:k]); err != nil {
				return
			}
			n -= k
		}
		pw.Write([]byte(tail))
		pw.Close()
	}()
	return pr
}

// A 100 MB cell is skipped as one row error without being held, and the
// next row is read with its right line number.
func TestHugeCell(t *testing.T) {
	if testing.Short() {
		t.Skip("streams 100 MB per case")
	}
	const size = 100 << 20
	cases := []struct {
		name     string
		src      func() io.Reader
		opts     Options
		nextLine int64
	}{
		{"csv unquoted", func() io.Reader { return stream("a,b\n1,", []byte("x"), size, "\n2,ok\n") }, Options{Format: FormatCSV}, 3},
		{"csv quoted with newlines", func() io.Reader {
			return stream("a,b\r\n1,\"", []byte(strings.Repeat("y", 99)+"\n"), size, "\"\r\n2,ok\r\n")
		}, Options{Format: FormatCSV}, 3 + size/100},
		{"csv gb18030", func() io.Reader { return stream("a,b\n1,", []byte{0xD6, 0xD0}, size, "\n2,ok\n") },
			Options{Format: FormatCSV, Encoding: EncodingGB18030}, 3},
		{"jsonl", func() io.Reader {
			return stream(`{"a":"1","b":"x"}`+"\n"+`{"a":"`, []byte("z"), size, `"}`+"\n"+`{"a":"2","b":"ok"}`+"\n")
		},
			Options{Format: FormatJSONL}, 3},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var g got
			peak := peakHeap(func() {
				r, err := Open(c.src(), 0, c.opts)
				if err != nil {
					t.Fatal(err)
				}
				g = drain(t, r)
			})
			if g.err != nil {
				t.Fatal(g.err)
			}
			last := g.rows[len(g.rows)-1]
			if k := kind(g.rows[len(g.rows)-2]); k != KindCellTooLarge && k != KindRowTooLarge {
				t.Fatalf("huge row: %v", g.rows[len(g.rows)-2].Err)
			}
			if join(last.Values) != "2|ok" || last.Num != c.nextLine {
				t.Fatalf("row after the huge one: %d %q, want %d 2|ok", last.Num, last.Values, c.nextLine)
			}
			if peak > maxHeap {
				t.Fatalf("peak heap %d MB, want under %d MB", peak>>20, maxHeap>>20)
			}
			t.Logf("peak heap %.1f MB", float64(peak)/(1<<20))
		})
	}
}

// zipOf writes a package whose sheet is head, n bytes of fill and tail,
// streaming through the compressor.
func zipOf(t *testing.T, head string, fill byte, n int, tail string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	zw.RegisterCompressor(zip.Deflate, func(w io.Writer) (io.WriteCloser, error) { return flate.NewWriter(w, flate.BestSpeed) })
	for _, p := range [][2]string{{"[Content_Types].xml", ctXML}, {"_rels/.rels", rootRels}, {"xl/workbook.xml", workbookXML},
		{"xl/_rels/workbook.xml.rels", workbookRels}} {
		w, _ := zw.Create(p[0])
		w.Write([]byte(p[1]))
	}
	w, _ := zw.Create("xl/worksheets/sheet1.xml")
	w.Write([]byte(head))
	block := bytes.Repeat([]byte{fill}, 1<<20)
	for ; n > 0; n -= len(block) {
		w.Write(block[:min(n, len(block))])
	}
	w.Write([]byte(tail))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestXLSX_ZipBombs(t *testing.T) {
	if testing.Short() {
		t.Skip("compresses 300 MB")
	}
	head := sheetHead + inlineRow(1, "a") + `<row r="2"><c r="A2" t="inlineStr"><is><t>`
	bomb := zipOf(t, head, '0', 300<<20, `</t></is></c></row>`+sheetTail)
	t.Logf("bomb: %d bytes packed", len(bomb))
	for _, c := range []struct {
		name string
		lim  Limits
		want string
	}{
		{"ratio", Limits{}, "compresses more than 100:1"},
		{"total", Limits{MaxXLSXRatio: 1 << 30, MaxXLSXUncompressed: 100 << 20}, "unpacks to more than"},
		{"one huge cell", Limits{MaxXLSXRatio: 1 << 30}, "longer than"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tmp := t.TempDir()
			t.Setenv("TMPDIR", tmp)
			peak := peakHeap(func() { openErr(t, bomb, Options{Limits: c.lim}, ErrLimit, c.want) })
			if peak > maxHeap {
				t.Fatalf("peak heap %d MB", peak>>20)
			}
			if left, _ := readDir(tmp); len(left) != 0 {
				t.Fatalf("left behind: %v", left)
			}
		})
	}
}

// A zip whose directory understates a part's size is caught by archive/zip
// while the check unpacks it.
func TestXLSX_LyingDirectory(t *testing.T) {
	sheet := []byte(sheetHead + strings.Repeat(inlineRow(1, "a"), 1000) + sheetTail)
	var packed bytes.Buffer
	fw, _ := flate.NewWriter(&packed, flate.BestSpeed)
	fw.Write(sheet)
	fw.Close()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range [][2]string{{"[Content_Types].xml", ctXML}, {"_rels/.rels", rootRels}, {"xl/workbook.xml", workbookXML},
		{"xl/_rels/workbook.xml.rels", workbookRels}} {
		w, _ := zw.Create(p[0])
		w.Write([]byte(p[1]))
	}
	w, err := zw.CreateRaw(&zip.FileHeader{Name: "xl/worksheets/sheet1.xml", Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(sheet),
		CompressedSize64: uint64(packed.Len()), UncompressedSize64: 100})
	if err != nil {
		t.Fatal(err)
	}
	w.Write(packed.Bytes())
	zw.Close()
	openErr(t, buf.Bytes(), Options{}, ErrFormat, "sheet1.xml")
}

func TestXLSX_EntryAndSharedStringLimits(t *testing.T) {
	data := rawXLSX(t, inlineRow(1, "a"), strings.Repeat("<si><t>x</t></si>", 100))
	openErr(t, data, Options{Limits: Limits{MaxXLSXEntries: 5}}, ErrLimit, "6 parts")
	openErr(t, data, Options{Limits: Limits{MaxXLSXSharedStrings: 50}}, ErrLimit, "100 shared strings")
	if g := readAll(t, data, Options{Limits: Limits{MaxXLSXSharedStrings: 100}}); g.err != nil {
		t.Fatal(g.err)
	}
}
