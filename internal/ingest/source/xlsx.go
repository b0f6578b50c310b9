// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xuri/excelize/v2"
)

// xlsxReader streams one sheet through excelize's row iterator. Cells
// come out as excelize formats them after normaliseFormats; formulas give
// their cached value and are never evaluated.
type xlsxReader struct {
	f        *excelize.File
	rows     *excelize.Rows
	cleanup  func()
	lim      Limits
	header   []string
	info     Info
	num      int64 // sheet row of the last row returned by the iterator
	lastRow  int64 // last row the sheet holds, from the safety check
	seen     int64 // data rows, for MaxRows
	date1904 bool  // serial numbers count from 1904 (old Mac workbooks)
	eof      bool
	values   []string
}

func openXLSX(src io.Reader, br *bufio.Reader, size int64, sheet string, lim Limits) (rd Reader, err error) {
	if head, _ := br.Peek(8); bytes.HasPrefix(head, magicOLE) {
		return nil, xlsErr()
	}
	path, cleanup, size, err := xlsxFile(src, br, size, lim)
	if err != nil {
		return nil, err
	}
	r := &xlsxReader{cleanup: cleanup, lim: lim}
	defer func() {
		if err != nil {
			r.Close()
		}
	}()
	fh, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("source: open xlsx: %w", err)
	}
	chk, err := checkXLSX(fh, size, lim)
	fh.Close()
	if err != nil {
		return nil, err
	}
	if err := guard(func() error {
		r.f, err = excelize.OpenFile(path, excelize.Options{
			UnzipSizeLimit: lim.MaxXLSXUncompressed, UnzipXMLSizeLimit: min(xlsxSpill, lim.MaxXLSXUncompressed)})
		if err != nil {
			return err
		}
		if err := normaliseFormats(r.f); err != nil {
			return err
		}
		if wb := r.f.WorkBook; wb != nil && wb.WorkbookPr != nil {
			r.date1904 = wb.WorkbookPr.Date1904
		}
		names := r.f.GetSheetList()
		switch {
		case sheet == "" && len(names) == 0:
			return fileErr(ErrFormat, "工作簿中没有工作表", "the workbook has no sheet")
		case sheet == "":
			sheet = names[0]
		}
		r.rows, err = r.f.Rows(sheet)
		if _, ok := err.(excelize.ErrSheetNotExist); ok {
			return fileErr(ErrFormat, fmt.Sprintf("工作簿中没有名为 %q 的工作表（有：%s）", sheet, strings.Join(names, "、")),
				fmt.Sprintf("no sheet named %q (the workbook has: %s)", sheet, strings.Join(names, ", ")))
		}
		return err
	}); err != nil {
		return nil, err
	}
	r.lastRow = chk.lastRowOf(sheet)
	r.info = Info{Format: FormatXLSX, Sheet: sheet}
	for {
		row, err := r.row()
		if err == io.EOF {
			return nil, noHeader()
		}
		if err != nil {
			return nil, err
		}
		if row.Err != nil {
			return nil, headerRowErr(row.Err)
		}
		if blank(row.Values) {
			continue
		}
		if r.header, err = checkHeader(row.Values, lim.MaxColumns); err != nil {
			return nil, err
		}
		r.info.HeaderRow = row.Num
		return r, nil
	}
}

// xlsxFile returns a path to the workbook: the caller's own file when src
// is one, else a temporary copy (the library needs random access).
func xlsxFile(src io.Reader, br *bufio.Reader, size int64, lim Limits) (string, func(), int64, error) {
	if f, ok := src.(*os.File); ok {
		fi, err1 := f.Stat()
		fi2, err2 := os.Stat(f.Name())
		if err1 == nil && err2 == nil && fi.Mode().IsRegular() && os.SameFile(fi, fi2) {
			return f.Name(), func() {}, fi.Size(), nil
		}
	}
	tmp, err := os.CreateTemp("", "xinrong-xlsx-*.xlsx")
	if err != nil {
		return "", nil, 0, fmt.Errorf("source: spool xlsx: %w", err)
	}
	remove := func() { os.Remove(tmp.Name()) }
	n, err := io.Copy(tmp, io.LimitReader(br, lim.MaxXLSXUncompressed+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		remove()
		return "", nil, 0, fmt.Errorf("source: spool xlsx: %w", err)
	case n > lim.MaxXLSXUncompressed:
		remove()
		return "", nil, 0, limitErr(fmt.Sprintf("工作簿超过 %d 字节", lim.MaxXLSXUncompressed),
			fmt.Sprintf("the workbook is larger than %d bytes", lim.MaxXLSXUncompressed))
	}
	return tmp.Name(), remove, n, nil
}

// guard runs a call into the XLSX library and turns a panic on a
// malformed workbook into a file error: one bad upload must not stop the
// service.
func guard(fn func() error) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fileErr(ErrFormat, "工作簿内容损坏，无法读取", fmt.Sprintf("the workbook is damaged (%v)", p))
		}
	}()
	err = fn()
	if err != nil && !isFileErr(err) {
		err = fileErr(ErrFormat, "工作簿无法读取："+err.Error(), "the workbook cannot be read: "+err.Error())
	}
	return err
}
