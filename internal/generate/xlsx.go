// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/xinrong/xinrong/internal/catalog"
)

// maxXLSXRows is Excel's sheet limit (1,048,576 rows including the header).
const maxXLSXRows = 1 << 20

// xlsxSink writes a workbook with one sheet through excelize's stream
// writer. Excelize is deterministic once the document properties are fixed:
// it writes zip entries in sorted order without modification times, and
// its only map-ordered loop runs over the one stream. The whole zip is
// built in memory on close, which is why only items with few rows are
// delivered as spreadsheets.
type xlsxSink struct {
	d       *digestFile
	f       *excelize.File
	sw      *excelize.StreamWriter
	types   []catalog.Type
	rowNo   int
	created time.Time
	buf     []any
}

func newXLSXSink(path, sheet string, header []string, types []catalog.Type, created time.Time) (*xlsxSink, error) {
	d, err := createDigest(path)
	if err != nil {
		return nil, err
	}
	f := excelize.NewFile()
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("generate: xlsx sheet %q: %w", sheet, err)
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("generate: xlsx stream: %w", err)
	}
	s := &xlsxSink{d: d, f: f, sw: sw, types: types, created: created}
	hdr := make([]any, len(header))
	for i, h := range header {
		hdr[i] = h
	}
	return s, s.add(hdr)
}

func (s *xlsxSink) add(cells []any) error {
	s.rowNo++
	if s.rowNo > maxXLSXRows {
		return fmt.Errorf("generate: %s: more than %d rows do not fit in a sheet", s.d.path, maxXLSXRows)
	}
	cell, _ := excelize.CoordinatesToCellName(1, s.rowNo)
	return s.sw.SetRow(cell, cells)
}

// write stores numbers as numeric cells, as spreadsheets do; text that
// only looks numeric in a text column (codes, account numbers) stays text.
func (s *xlsxSink) write(vals []string) error {
	s.buf = s.buf[:0]
	for i, v := range vals {
		var cell any = v
		if i < len(s.types) && numeric(s.types[i]) && plainNumber(v) {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				cell = n
			} else if x, err := strconv.ParseFloat(v, 64); err == nil {
				cell = x
			}
		}
		s.buf = append(s.buf, cell)
	}
	return s.add(s.buf)
}

func (s *xlsxSink) close() (string, int64, error) {
	defer s.f.Close()
	if err := s.sw.Flush(); err != nil {
		return "", 0, fmt.Errorf("generate: xlsx flush %s: %w", s.d.path, err)
	}
	err := s.f.SetDocProps(&excelize.DocProperties{
		Creator: "xinrong generate", LastModifiedBy: "xinrong generate", Title: s.f.GetSheetName(0),
		Created: s.created.Format(time.RFC3339), Modified: s.created.Format(time.RFC3339), Language: "zh-CN",
	})
	if err == nil {
		err = s.f.Write(s.d)
	}
	if err != nil {
		s.d.f.Close()
		return "", 0, fmt.Errorf("generate: write %s: %w", s.d.path, err)
	}
	return s.d.finish()
}
