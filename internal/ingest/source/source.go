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

// Reader streams the rows of one file.
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
		return nil, fileErr(ErrFormat, "旧版 .xls 或加密的工作簿无法读取，请另存为 .xlsx 或 CSV",
			"old .xls or encrypted workbooks cannot be read; save as .xlsx or CSV")
	}
	return nil, apperr.E(apperr.Invalid, fmt.Sprintf("不支持的文件格式 %q / unsupported format %q", format, format), ErrFormat)
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
