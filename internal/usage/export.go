// SPDX-License-Identifier: Apache-2.0

package usage

import (
	"archive/zip"
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"github.com/xinrong/xinrong/internal/ingest"
)

// SheetUsage is the sheet name of the workbook.
const SheetUsage = "信息使用情况"

// exportHeader is the heading row of both exports, Chinese then English,
// so that the file reads in either language.
var exportHeader = []string{"月份 Month", "数据提供单位代码 Provider code", "数据提供单位 Provider",
	"使用机构 Organization", "机构类型 Kind", "信息项代码 Item code", "信息项 Item", "Item (EN)",
	"用途代码 Purpose code", "用途 Purpose", "使用方式 Use", "次数 Accesses"}

// cells is a row as written: names are defused against formula injection
// (they come from registrations, not from us).
func cells(r Row) []any {
	kind := ""
	if r.OrgKind != "" {
		kind = r.OrgKind.Label("zh") + " " + r.OrgKind.Label("en")
	}
	return []any{r.Month, r.Provider, ingest.SafeCell(r.ProviderName), ingest.SafeCell(r.OrgName), kind, r.Item,
		ingest.SafeCell(r.ItemName), ingest.SafeCell(r.ItemNameEN), r.Purpose,
		PurposeLabel(r.Purpose, "zh") + " " + PurposeLabel(r.Purpose, "en"),
		ActionLabel(r.ActionOf(), "zh") + " " + ActionLabel(r.ActionOf(), "en"), r.Accesses}
}

// WriteCSV writes the feedback as CSV: UTF-8 with a BOM so that Excel
// reads the Chinese, CRLF line ends.
func WriteCSV(w io.Writer, fb Feedback) error {
	bw := bufio.NewWriter(w)
	if _, err := bw.WriteString("\ufeff"); err != nil {
		return err
	}
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true
	if err := cw.Write(exportHeader); err != nil {
		return err
	}
	for _, r := range fb.Rows {
		cs := cells(r)
		rec := make([]string, len(cs))
		for i, c := range cs {
			rec[i] = fmt.Sprint(c)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("usage: csv: %w", err)
	}
	return bw.Flush()
}

// WriteXLSX writes the feedback as a workbook of one sheet, streamed.
func WriteXLSX(w io.Writer, fb Feedback) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetZipWriter(func(io.Writer) excelize.ZipWriter { return zip.NewWriter(w) })
	if err := f.SetSheetName("Sheet1", SheetUsage); err != nil {
		return fmt.Errorf("usage: xlsx: %w", err)
	}
	sw, err := f.NewStreamWriter(SheetUsage)
	if err != nil {
		return fmt.Errorf("usage: xlsx: %w", err)
	}
	if err := sw.SetColWidth(1, len(exportHeader), 18); err != nil {
		return err
	}
	head := make([]any, len(exportHeader))
	for i, h := range exportHeader {
		head[i] = h
	}
	if err := sw.SetRow("A1", head, excelize.RowOpts{Height: 30}); err != nil {
		return err
	}
	for i, r := range fb.Rows {
		if err := sw.SetRow("A"+strconv.Itoa(i+2), cells(r)); err != nil {
			return fmt.Errorf("usage: xlsx: %w", err)
		}
	}
	if err := sw.Flush(); err != nil {
		return fmt.Errorf("usage: xlsx: %w", err)
	}
	if err := f.Write(w); err != nil {
		return fmt.Errorf("usage: xlsx: %w", err)
	}
	return nil
}
