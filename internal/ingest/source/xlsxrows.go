// SPDX-License-Identifier: Apache-2.0

package source

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

func (r *xlsxReader) Header() []string { return r.header }
func (r *xlsxReader) Info() Info       { return r.info }

// Progress counts sheet rows: the last row read against the last row the
// sheet holds (counted by the safety check).
func (r *xlsxReader) Progress() (int64, int64) { return min(r.num, r.lastRow), r.lastRow }

func (r *xlsxReader) Close() error {
	var err error
	if r.rows != nil {
		r.rows.Close()
		r.rows = nil
	}
	if r.f != nil {
		err = r.f.Close() // removes the library's temporary files
		r.f = nil
	}
	if r.cleanup != nil {
		r.cleanup()
		r.cleanup = nil
	}
	return err
}

func (r *xlsxReader) Next() (Row, error) {
	for {
		row, err := r.row()
		if err != nil {
			return Row{}, err
		}
		if row.Err == nil && blank(row.Values) {
			continue
		}
		if r.seen++; r.lim.MaxRows > 0 && r.seen > r.lim.MaxRows {
			return Row{}, tooManyRows(r.lim.MaxRows)
		}
		return row, nil
	}
}

// row returns the next sheet row, blank or not. Spreadsheets have no row
// length: a short row is padded, cells right of the header are an error
// only when they hold something. Before the header is known, the row is
// as long as its last non-blank cell.
func (r *xlsxReader) row() (Row, error) {
	if r.eof {
		return Row{}, io.EOF
	}
	var cells []string
	var more bool
	err := guard(func() error {
		if more = r.rows.Next(); !more {
			return r.rows.Error()
		}
		var err error
		cells, err = r.rows.Columns()
		return err
	})
	if err != nil {
		return Row{}, err
	}
	if !more {
		// excelize stops quietly at XML it cannot parse: if it stopped
		// before the last row the check counted, the sheet is damaged.
		r.eof = true
		if r.num < r.lastRow {
			return Row{}, fileErr(ErrFormat, fmt.Sprintf("工作表在第 %d 行之后损坏", r.num),
				fmt.Sprintf("the sheet is damaged after row %d", r.num))
		}
		return Row{}, io.EOF
	}
	r.num++
	row := Row{Num: r.num}
	if len(cells) > r.lim.MaxColumns {
		row.Err = rowErr(r.num, KindTooWide, 0)
		return row, nil
	}
	want := len(r.header)
	if r.header == nil {
		want = len(cells)
	}
	vals := append(r.values[:0], make([]string, want)...)
	last := 0
	for i, c := range cells {
		if len(c) > r.lim.MaxCellBytes {
			row.Err = rowErr(r.num, KindCellTooLarge, i+1)
			return row, nil
		}
		if c = strings.TrimSpace(fromMarked(c, r.date1904)); c == "" {
			continue
		}
		last = i + 1
		if i < want {
			vals[i] = c
		}
	}
	if r.header == nil {
		vals = vals[:last] // a header cell holding only spaces, right of the rest, is invisible
	}
	r.values, row.Values = vals, vals
	if last > want {
		row.Err = columnsErr(r.num, last, want)
	}
	return row, nil
}

// isFileErr reports whether err is already one of our file errors.
func isFileErr(err error) bool {
	var e *apperr.Error
	return errors.As(err, &e) && (errors.Is(err, ErrFormat) || errors.Is(err, ErrLimit) ||
		errors.Is(err, ErrHeader) || errors.Is(err, ErrEncoding))
}
