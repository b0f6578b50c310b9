// SPDX-License-Identifier: Apache-2.0

package source

import (
	"archive/zip"
	"bytes"
	"fmt"
	"io"
	"strings"
)

// What the XLSX library keeps in memory, by our reading of excelize
// v2.11.0: worksheets and the shared-string table larger than xlsxSpill
// go to temporary files, every other part is read whole.
const (
	xlsxSpill       = 4 << 20   // excelize UnzipXMLSizeLimit
	xlsxMaxPart     = 64 << 20  // one part kept in memory
	xlsxMaxInMemory = 256 << 20 // all parts kept in memory
	zipRatioFloor   = 1 << 20   // parts smaller than this may compress any amount
)

// xlsxCheck is what the safety check learnt about a workbook.
type xlsxCheck struct {
	zr      *zip.Reader
	lastRow map[string]int64  // per worksheet part: the last row number
	parts   map[string]string // lower-case sheet name → worksheet part
}

// checkXLSX reads the zip central directory and refuses what would cost
// more than the limits before the XLSX library unpacks anything, then
// unpacks each worksheet and the shared strings once, as a stream, to
// bound their cells and count their rows. archive/zip refuses a part that
// unpacks to more than its directory entry says, so the declared sizes
// can be trusted.
func checkXLSX(ra io.ReaderAt, size int64, lim Limits) (*xlsxCheck, error) {
	zr, err := zip.NewReader(ra, size)
	if err != nil {
		return nil, fileErr(ErrFormat, "不是有效的 XLSX 文件（压缩包损坏或不完整）",
			"not a valid XLSX file (damaged or truncated zip): "+err.Error())
	}
	if len(zr.File) > lim.MaxXLSXEntries {
		return nil, limitErr(fmt.Sprintf("工作簿包含 %d 个部件，超过上限 %d", len(zr.File), lim.MaxXLSXEntries),
			fmt.Sprintf("the workbook has %d parts, more than %d", len(zr.File), lim.MaxXLSXEntries))
	}
	var total, inMemory uint64
	for _, f := range zr.File {
		u, c := f.UncompressedSize64, f.CompressedSize64
		total += min(u, 1<<62)
		if total > uint64(lim.MaxXLSXUncompressed) {
			return nil, limitErr(fmt.Sprintf("工作簿解压后超过 %d 字节，可能是压缩炸弹", lim.MaxXLSXUncompressed),
				fmt.Sprintf("the workbook unpacks to more than %d bytes (zip bomb?)", lim.MaxXLSXUncompressed))
		}
		if u > zipRatioFloor && u/uint64(lim.MaxXLSXRatio) > c {
			return nil, limitErr(fmt.Sprintf("部件 %q 压缩比超过 %d:1，可能是压缩炸弹", f.Name, lim.MaxXLSXRatio),
				fmt.Sprintf("part %q compresses more than %d:1 (zip bomb?)", f.Name, lim.MaxXLSXRatio))
		}
		if spilled(f.Name) && u > xlsxSpill {
			continue
		}
		inMemory += u
		if u > xlsxMaxPart || inMemory > xlsxMaxInMemory {
			return nil, limitErr(fmt.Sprintf("部件 %q 过大", f.Name), fmt.Sprintf("part %q is too large", f.Name))
		}
	}
	chk := &xlsxCheck{zr: zr, lastRow: map[string]int64{}, parts: sheetParts(zr)}
	maxGap := max(8*lim.MaxCellBytes, 64<<10)
	for _, f := range zr.File {
		name := partName(f.Name)
		if !spilled(name) {
			continue
		}
		st, err := scanPart(f, maxGap)
		if err != nil {
			return nil, err
		}
		if name == "xl/sharedstrings.xml" {
			if st.si > int64(lim.MaxXLSXSharedStrings) {
				return nil, limitErr(fmt.Sprintf("共享字符串有 %d 个，超过上限 %d", st.si, lim.MaxXLSXSharedStrings),
					fmt.Sprintf("%d shared strings, more than %d", st.si, lim.MaxXLSXSharedStrings))
			}
			continue
		}
		chk.lastRow[name] = st.lastRow
	}
	return chk, nil
}

func limitErr(zh, en string) error { return fileErr(ErrLimit, zh, en) }

// partName is a zip entry name as excelize compares it.
func partName(name string) string { return strings.ToLower(strings.ReplaceAll(name, "\\", "/")) }

// spilled reports the parts excelize streams from temporary files when
// they are large: worksheets and the shared-string table.
func spilled(name string) bool {
	n := partName(name)
	return strings.HasPrefix(n, "xl/worksheets/sheet") || n == "xl/sharedstrings.xml"
}

// partStats is what scanPart counts.
type partStats struct {
	lastRow int64 // the last row number, as excelize numbers rows
	si      int64 // shared-string items
}

// scanPart unpacks one part and checks that no text or tag is longer than
// maxGap bytes (the XML parser would hold it whole), counting <row> and
// <si> elements on the way. It looks at bytes only; XML the library
// cannot parse is its problem.
func scanPart(f *zip.File, maxGap int) (partStats, error) {
	var st partStats
	rc, err := f.Open()
	if err != nil {
		return st, fileErr(ErrFormat, "工作簿部件无法解压："+f.Name, "cannot unpack part "+f.Name+": "+err.Error())
	}
	defer rc.Close()
	const size, look = 256 << 10, 256 // look: bytes of a tag examined
	buf := make([]byte, size+look)
	keep, gap := 0, 0
	for {
		n, rerr := keep, error(nil)
		for n < len(buf) && rerr == nil { // full buffers: a tag is cut only at the end
			var m int
			m, rerr = rc.Read(buf[n:])
			n += m
		}
		data := buf[:n]
		eof := rerr == io.EOF
		if rerr != nil && !eof {
			return st, fileErr(ErrFormat, "工作簿部件损坏："+f.Name, "damaged part "+f.Name+": "+rerr.Error())
		}
		keep = 0
		for i := 0; i < len(data); {
			j := bytes.IndexByte(data[i:], '<')
			if j < 0 {
				gap += len(data) - i
				break
			}
			if gap += j; gap > maxGap {
				return st, limitErr(fmt.Sprintf("部件 %q 中有超过 %d 字节的单元格或标记", f.Name, maxGap),
					fmt.Sprintf("part %q holds a cell or tag longer than %d bytes", f.Name, maxGap))
			}
			k := i + j
			if !eof && len(data)-k < look {
				keep = copy(buf, data[k:]) // examine this tag with the next read
				break
			}
			st.tag(data[k+1 : min(len(data), k+look)])
			gap, i = 0, k+1
		}
		if gap > maxGap {
			return st, limitErr(fmt.Sprintf("部件 %q 中有超过 %d 字节的单元格或标记", f.Name, maxGap),
				fmt.Sprintf("part %q holds a cell or tag longer than %d bytes", f.Name, maxGap))
		}
		if eof {
			return st, nil
		}
	}
}

// tag counts the element whose start tag begins at b (just after '<').
func (st *partStats) tag(b []byte) {
	end := bytes.IndexAny(b, " \t\r\n/>")
	if end <= 0 {
		return
	}
	name := b[:end]
	if i := bytes.LastIndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	switch string(name) {
	case "si":
		st.si++
	case "row":
		st.lastRow++
		attrs := b[end:]
		if e := bytes.IndexByte(attrs, '>'); e >= 0 {
			attrs = attrs[:e]
		}
		if i := bytes.Index(attrs, []byte(` r="`)); i >= 0 {
			var r int64
			for _, c := range attrs[i+4:] {
				if c < '0' || c > '9' || r > 1<<40 {
					break
				}
				r = r*10 + int64(c-'0')
			}
			if r > 0 {
				st.lastRow = r
			}
		}
	}
}
