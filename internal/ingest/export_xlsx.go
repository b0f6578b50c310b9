// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"archive/zip"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"
)

// maxSheetRows is Excel's limit of rows in a sheet, header included.
const maxSheetRows = 1 << 20

// Sheet names of the exports.
const (
	SheetRejections   = "驳回明细"
	SheetQuality      = "数据质量"
	SheetCompleteness = "字段完整性"
)

// book is a workbook whose sheets are written through excelize's stream
// writer, which keeps rows in a temporary file past a few megabytes, and
// whose zip goes straight to the output: excelize would otherwise build
// the whole zip in a memory buffer (File.WriteToBuffer), so the zip writer
// it asks for is given w instead of that buffer.
type book struct {
	f       *excelize.File
	percent int // style of rate cells
}

func newBook(w io.Writer) (*book, error) {
	f := excelize.NewFile()
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	pct, err := f.NewStyle(&excelize.Style{NumFmt: 10}) // 0.00%
	if err != nil {
		_ = f.Close()
		return nil, fmt.Errorf("ingest: xlsx style: %w", err)
	}
	return &book{f: f, percent: pct}, nil
}

// sheet starts a sheet (the first replaces the default one) with a header.
func (b *book) sheet(name string, header []string, first bool) (*excelize.StreamWriter, error) {
	var err error
	if first {
		err = b.f.SetSheetName("Sheet1", name)
	} else {
		_, err = b.f.NewSheet(name)
	}
	if err != nil {
		return nil, fmt.Errorf("ingest: xlsx sheet %s: %w", name, err)
	}
	sw, err := b.f.NewStreamWriter(name)
	if err != nil {
		return nil, fmt.Errorf("ingest: xlsx sheet %s: %w", name, err)
	}
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = h
	}
	if err := sw.SetColWidth(1, len(header), 18); err != nil {
		return nil, err
	}
	return sw, sw.SetRow("A1", cells, excelize.RowOpts{Height: 30})
}

// row writes cells at row n (1-based), rates (float64) as percentages.
func (b *book) row(sw *excelize.StreamWriter, n int, cells []any) error {
	for i, c := range cells {
		if x, ok := c.(float64); ok {
			cells[i] = excelize.Cell{StyleID: b.percent, Value: x}
		}
	}
	return sw.SetRow("A"+strconv.Itoa(n), cells)
}

// WriteRejectionsXLSX writes the rejected rows as a workbook with one
// sheet and returns how many it wrote. Nothing reaches w before every row
// was read, so an error leaves w untouched. Rows beyond Excel's limit are
// left out, with a last row saying so.
func WriteRejectionsXLSX(w io.Writer, rows Rows) (int64, error) {
	b, err := newBook(w)
	if err != nil {
		return 0, err
	}
	defer b.f.Close()
	sw, err := b.sheet(SheetRejections, RejectionColumns, true)
	if err != nil {
		return 0, err
	}
	var n int64
	for r, err := range rows {
		if err != nil {
			return n, err
		}
		if n+2 == maxSheetRows {
			note := []any{"", "", "", "", "行数超过 Excel 上限，其余请导出 CSV", "more rows than a sheet holds; export CSV for the rest"}
			if err := sw.SetRow("A"+strconv.FormatInt(n+2, 10), note); err != nil {
				return n, err
			}
			break
		}
		cells := rejectionCells(r)
		vals := make([]any, len(cells))
		vals[0] = r.Row // a number, so that the sheet sorts by it
		for i := 1; i < len(cells); i++ {
			vals[i] = cells[i]
		}
		if err := b.row(sw, int(n)+2, vals); err != nil {
			return n, err
		}
		n++
	}
	if err := sw.Flush(); err != nil {
		return n, err
	}
	return n, b.f.Write(w)
}

// WriteQualityXLSX writes the quality figures as a workbook: one sheet
// with a row per provider and item, and one with the completeness of each
// of their fields.
func WriteQualityXLSX(w io.Writer, qs []Quality) error {
	b, err := newBook(w)
	if err != nil {
		return err
	}
	defer b.f.Close()
	sw, err := b.sheet(SheetQuality, QualityColumns, true)
	if err != nil {
		return err
	}
	for i, q := range qs {
		if err := b.row(sw, i+2, qualityCells(q)); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	sw, err = b.sheet(SheetCompleteness, CompletenessColumns, false)
	if err != nil {
		return err
	}
	n := 2
	for _, q := range qs {
		for _, f := range q.Completeness {
			if err := b.row(sw, n, completenessCells(q, f)); err != nil {
				return err
			}
			n++
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	return b.f.Write(w)
}
