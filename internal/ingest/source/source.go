// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Format is a batch file's container format.
type Format string

// The formats. FormatXLS is recognised only to be refused with a message
// that tells the provider what to send instead.
const (
	FormatCSV   Format = "csv"
	FormatXLSX  Format = "xlsx"
	FormatJSONL Format = "jsonl"
	FormatXLS   Format = "xls"
)

// Encoding is the character encoding of a CSV or JSON Lines file.
type Encoding string

// The encodings. EncodingDetect asks Open to look at the first 64 KiB.
// GB18030 is a superset of GBK and GB2312, so those names map to it.
const (
	EncodingDetect  Encoding = ""
	EncodingUTF8    Encoding = "utf-8"
	EncodingUTF8BOM Encoding = "utf-8-bom"
	EncodingGB18030 Encoding = "gb18030"
)

// Options say how to read one file. The zero value detects everything.
type Options struct {
	Format   Format   // "" detects from the content
	Encoding Encoding // "" detects; ignored for XLSX
	Sheet    string   // XLSX sheet name; "" is the first sheet in workbook order
	Limits   Limits
}

// Row is one data row.
//
// Values is reused by the next call to Next: copy the slice (slices.Clone)
// to keep it. The strings in it are never overwritten and may be kept.
type Row struct {
	// Num is the physical line (CSV, JSON Lines) or sheet row (XLSX) the
	// row starts on, counted from 1 as an editor or Excel shows it: the
	// header is usually row 1 and the first data row 2.
	Num int64
	// Values are the cells in header order, trimmed of surrounding white
	// space and otherwise as the provider wrote them. When Err is set,
	// Values holds what could be read: nil after a size limit.
	Values []string
	// Err is a problem with this row only (*RowError); reading goes on.
	Err error
}

// Info says what Open found.
type Info struct {
	Format    Format
	Encoding  Encoding // as found in the file; "" for XLSX
	Sheet     string   // XLSX only
	HeaderRow int64    // line or row number of the header
}

// Reader streams the rows of one file. It is not safe for concurrent use.
type Reader interface {
	// Header returns the column names, trimmed and without BOM. For JSON
	// Lines they are the keys of the first object, in order.
	Header() []string
	// Next returns the next non-blank row, or io.EOF after the last. Any
	// other error means the file cannot be read further.
	Next() (Row, error)
	// Info says what was opened.
	Info() Info
	// Progress returns how far reading has got. CSV and JSON Lines count
	// bytes read from the source (up to 64 KiB ahead of the rows returned)
	// against the size given to Open (0 if unknown). XLSX counts sheet
	// rows passed against the rows the sheet holds.
	Progress() (done, total int64)
	// Close releases temporary files. It does not close the source.
	Close() error
}

// sniffSize is how much of a file detection looks at.
const sniffSize = 64 << 10

// Open starts reading a batch file from src, positioned at its start.
// size is the file's length, used for progress and required by nothing
// else (pass 0 if unknown). XLSX needs random access: an *os.File is read
// in place, any other source is first copied to a temporary file.
//
// Problems with the file as a whole (unreadable header, declared encoding
// contradicted by the content, zip bomb) are apperr.Invalid errors whose
// cause is ErrHeader, ErrEncoding, ErrLimit or ErrFormat.
func Open(src io.Reader, size int64, opts Options) (Reader, error) {
	lim := opts.Limits.withDefaults()
	cr := &countingReader{r: src}
	br := bufio.NewReaderSize(cr, sniffSize)
	head, err := br.Peek(sniffSize)
	if err != nil && err != io.EOF && err != bufio.ErrBufferFull {
		return nil, fmt.Errorf("source: read: %w", err)
	}
	format := opts.Format
	if format == "" {
		format, _ = Detect("", head)
	}
	switch Format(strings.ToLower(string(format))) {
	case FormatCSV:
		t, err := openText(br, cr, head, opts.Encoding, size)
		if err != nil {
			return nil, err
		}
		return newCSV(t, lim)
	case FormatJSONL:
		t, err := openText(br, cr, head, opts.Encoding, size)
		if err != nil {
			return nil, err
		}
		return newJSONL(t, lim)
	case FormatXLSX:
		return openXLSX(src, br, size, opts.Sheet, lim)
	case FormatXLS:
		return nil, xlsErr()
	}
	return nil, apperr.E(apperr.Invalid, fmt.Sprintf("不支持的文件格式 %q / unsupported format %q", format, format), ErrFormat)
}

// xlsErr refuses the binary .xls format, which is also what an encrypted
// .xlsx looks like.
func xlsErr() error {
	return fileErr(ErrFormat, "旧版 .xls 或加密的工作簿无法读取，请另存为 .xlsx 或 CSV",
		"old .xls or encrypted workbooks cannot be read; save as .xlsx or CSV")
}

// countingReader counts the bytes read through it, for Progress.
type countingReader struct {
	r io.Reader
	n int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n += int64(n)
	return n, err
}

// checkHeader cleans a header row and refuses one the pipeline could not
// map: an empty name or the same name twice would make columns ambiguous.
// Names are compared as written after trimming; mapping them to catalog
// fields (catalog.Item.Resolve) is the pipeline's job.
func checkHeader(cells []string, maxCols int) ([]string, error) {
	if len(cells) > maxCols {
		return nil, fileErr(ErrHeader, fmt.Sprintf("表头有 %d 列，超过上限 %d", len(cells), maxCols),
			fmt.Sprintf("the header has %d columns, more than the limit of %d", len(cells), maxCols))
	}
	h := make([]string, len(cells))
	seen := make(map[string]int, len(cells))
	var dups []string
	for i, c := range cells {
		c = strings.TrimSpace(strings.TrimPrefix(c, "\uFEFF"))
		if c == "" {
			return nil, fileErr(ErrHeader, fmt.Sprintf("表头第 %d 列（%s）为空", i+1, ColumnName(i+1)),
				fmt.Sprintf("header column %d (%s) is empty", i+1, ColumnName(i+1)))
		}
		if first, ok := seen[c]; ok {
			dups = append(dups, fmt.Sprintf("%q (%s, %s)", c, ColumnName(first+1), ColumnName(i+1)))
		} else {
			seen[c] = i
		}
		h[i] = c
	}
	if len(dups) > 0 {
		list := strings.Join(dups, ", ")
		return nil, fileErr(ErrHeader, "表头列名重复："+list, "duplicate header names: "+list)
	}
	return h, nil
}

// noHeader is the error for a file without any non-blank row.
func noHeader() error {
	return fileErr(ErrHeader, "文件为空，没有表头行", "the file is empty: no header row")
}

// blank reports whether every value is empty (after trimming).
func blank(vals []string) bool {
	for _, v := range vals {
		if v != "" {
			return false
		}
	}
	return true
}

// tooManyRows is the error once MaxRows data rows have been read.
func tooManyRows(max int64) error {
	return fileErr(ErrLimit, fmt.Sprintf("数据行超过上限 %d 行", max), fmt.Sprintf("more than %d data rows", max))
}
