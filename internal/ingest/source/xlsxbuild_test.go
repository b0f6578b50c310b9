// SPDX-License-Identifier: Apache-2.0

package source

import (
	"archive/zip"
	"bytes"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// Minimal package parts for hand-written workbooks.
const (
	ctXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`
	rootRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	workbookXML = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="数据" sheetId="1" r:id="rId1"/></sheets></workbook>`
	workbookRels = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`
	sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	sheetTail = `</sheetData></worksheet>`
)

// rawXLSX builds a workbook with one sheet "数据" from hand-written sheet
// data (the <row> elements) and shared strings (the <si> elements).
func rawXLSX(t testing.TB, rows, sst string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	parts := [][2]string{
		{"[Content_Types].xml", ctXML}, {"_rels/.rels", rootRels}, {"xl/workbook.xml", workbookXML},
		{"xl/_rels/workbook.xml.rels", workbookRels}, {"xl/worksheets/sheet1.xml", sheetHead + rows + sheetTail},
		{"xl/sharedStrings.xml", `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + sst + `</sst>`},
	}
	for _, p := range parts {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// inlineRow is a <row> of inline strings.
func inlineRow(num int, cells ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, num)
	for i, c := range cells {
		fmt.Fprintf(&b, `<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>`, ColumnName(i+1), num, c)
	}
	b.WriteString("</row>")
	return b.String()
}

// excelizeXLSX builds a workbook with excelize, as providers' tools do.
func excelizeXLSX(t testing.TB, fill func(f *excelize.File, sheet string)) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	fill(f, "Sheet1")
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// benchXLSX is a workbook of n rows of 30 columns written with excelize's
// stream writer: text, integers, decimals and dates.
func benchXLSX(t testing.TB, n int) []byte {
	return excelizeXLSX(t, func(f *excelize.File, sheet string) {
		sw, err := f.NewStreamWriter(sheet)
		if err != nil {
			t.Fatal(err)
		}
		date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
		row := make([]any, 30)
		for c := range row {
			row[c] = fmt.Sprintf("COL_%02d", c)
		}
		sw.SetRow("A1", row)
		day := time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)
		for r := 2; r <= n+1; r++ {
			for c := range row {
				switch c % 5 {
				case 0:
					row[c] = fmt.Sprintf("宁夏某某%d有限公司", r)
				case 1:
					row[c] = fmt.Sprintf("91640100MA%08d", r)
				case 2:
					row[c] = r * c
				case 3:
					row[c] = float64(r) + 0.25
				case 4:
					row[c] = excelize.Cell{StyleID: date, Value: day.AddDate(0, 0, r%1000)}
				}
			}
			cell, _ := excelize.CoordinatesToCellName(1, r)
			if err := sw.SetRow(cell, row); err != nil {
				t.Fatal(err)
			}
		}
		if err := sw.Flush(); err != nil {
			t.Fatal(err)
		}
	})
}
