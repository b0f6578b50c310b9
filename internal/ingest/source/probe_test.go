package source

import (
	"archive/zip"
	"bytes"
	"fmt"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

func TestProbe(t *testing.T) {
	f := excelize.NewFile()
	sw, _ := f.NewStreamWriter("Sheet1")
	date, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	for r := 1; r <= 50000; r++ {
		row := make([]any, 30)
		for c := range row {
			switch c % 3 {
			case 0:
				row[c] = fmt.Sprintf("文本%d-%d", r, c)
			case 1:
				row[c] = r * c
			case 2:
				row[c] = excelize.Cell{StyleID: date, Value: time.Date(2023, 5, 1, 0, 0, 0, 0, time.UTC)}
			}
		}
		cell, _ := excelize.CoordinatesToCellName(1, r)
		sw.SetRow(cell, row)
	}
	sw.Flush()
	var buf bytes.Buffer
	f.Write(&buf)
	zr, _ := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	for _, e := range zr.File {
		t.Logf("%s %d %d ratio %.1f", e.Name, e.CompressedSize64, e.UncompressedSize64, float64(e.UncompressedSize64)/float64(e.CompressedSize64+1))
	}
	g, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	rows, _ := g.Rows("Sheet1")
	rows.Next()
	c, _ := rows.Columns()
	t.Log(c[:6])
}
