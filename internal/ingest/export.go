// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/xinrong/xinrong/internal/catalog"
)

// Exports of rejected rows and quality figures for people who work in
// spreadsheets: a provider's clerk fixing the rows a batch lost, an
// operator sending the month's figures upward. Both CSV and XLSX are
// written from the same rows.

// RejectionColumns head the rejected-rows export: Chinese, then English.
var RejectionColumns = []string{"行号 Row", "字段代码 Field", "字段名称 Label", "原因代码 Reason",
	"说明 Message", "Message (English)", "原始值 Raw value"}

// QualityColumns head the quality export, one row per provider and item.
var QualityColumns = []string{"数据提供单位代码 Provider", "数据提供单位 Provider name", "信息项代码 Item", "信息项 Item name",
	"更新频率 Frequency", "最近报送（北京时间）Last delivery (Asia/Shanghai)", "逾期 Late", "批次数 Batches",
	"接收行数 Received", "驳回行数 Rejected", "待认领行数 Quarantined", "差错率 Error rate", "归集率 Collection rate",
	"已归集企业数 Subjects", "应归集企业数 Expected"}

// CompletenessColumns head the field completeness sheet.
var CompletenessColumns = []string{"数据提供单位代码 Provider", "信息项代码 Item", "字段代码 Field", "字段名称 Label",
	"有值行数 Filled", "完整率 Fill rate"}

// utf8BOM lets Excel, which reads a CSV file in the system's ANSI code page
// otherwise (GBK on a Chinese Windows), recognise UTF-8.
const utf8BOM = "\ufeff"

// SafeCell defuses spreadsheet formula injection (CWE-1236): a value a
// provider sent that starts with = + - @ (or a tab or carriage return,
// which Excel skips before looking) would run as a formula when the export
// is opened, so it gets a leading single quote, which Excel shows as text.
func SafeCell(s string) string {
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// Rows is a sequence of rejected rows, as Service.Rejections yields them.
type Rows = func(func(Rejection, error) bool)

func rejectionCells(r Rejection) []string {
	return []string{strconv.FormatInt(r.Row, 10), SafeCell(r.Field), SafeCell(r.Label), SafeCell(r.Reason),
		SafeCell(r.Msg), SafeCell(r.MsgEN), SafeCell(r.Raw)}
}

// WriteRejectionsCSV writes the rejected rows as CSV with a UTF-8 BOM, a
// few hundred rows at a time, and returns how many it wrote. Nothing
// reaches w before the first rows were read, so a failing query leaves w
// untouched; an error later leaves the output cut short.
func WriteRejectionsCSV(w io.Writer, rows Rows) (int64, error) {
	bw := bufio.NewWriterSize(w, 64<<10)
	cw := newCSV(bw)
	if err := cw.Write(RejectionColumns); err != nil {
		return 0, err
	}
	var n int64
	for r, err := range rows {
		if err != nil {
			return n, err
		}
		if err := cw.Write(rejectionCells(r)); err != nil {
			return n, err
		}
		n++
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return n, err
	}
	return n, bw.Flush()
}

// newCSV returns a CSV writer that has written the UTF-8 BOM to bw.
func newCSV(bw *bufio.Writer) *csv.Writer {
	_, _ = bw.WriteString(utf8BOM) // a bufio.Writer reports write errors on Flush
	cw := csv.NewWriter(bw)
	cw.UseCRLF = true // what Excel writes and expects
	return cw
}

var frequencyZH = map[catalog.Frequency]string{catalog.Realtime: "实时", catalog.Daily: "每日", catalog.Weekly: "每周",
	catalog.Monthly: "每月", catalog.Quarterly: "每季度", catalog.Yearly: "每年"}

// qualityCells returns one row of the quality export. Rates are fractions
// (0.25 is 25 %); the collection rate is empty where the item covers only
// some enterprises.
func qualityCells(q Quality) []any {
	last := ""
	if !q.LastDelivery.IsZero() {
		last = q.LastDelivery.In(shanghai).Format("2006-01-02 15:04:05")
	}
	late := "否 no"
	if q.Late {
		late = "是 yes"
	}
	freq := strings.TrimSpace(frequencyZH[q.Frequency] + " " + string(q.Frequency))
	var rate any = ""
	if q.Expected > 0 {
		rate = q.CollectionRate
	}
	return []any{SafeCell(q.Provider), SafeCell(q.ProviderName), SafeCell(q.Item), SafeCell(q.ItemName), freq, last, late,
		q.Batches, q.Received, q.Rejected, q.Quarantined, q.ErrorRate, rate, q.Subjects, q.Expected}
}

func completenessCells(q Quality, f FieldFill) []any {
	return []any{SafeCell(q.Provider), SafeCell(q.Item), SafeCell(f.Field), SafeCell(f.Label), f.Filled, f.Rate}
}

// WriteQualityCSV writes the quality figures as CSV with a UTF-8 BOM, one
// row per provider and item (field completeness is in the XLSX export).
func WriteQualityCSV(w io.Writer, qs []Quality) error {
	bw := bufio.NewWriter(w)
	cw := newCSV(bw)
	if err := cw.Write(QualityColumns); err != nil {
		return err
	}
	for _, q := range qs {
		cells := qualityCells(q)
		rec := make([]string, len(cells))
		for i, c := range cells {
			rec[i] = csvValue(c)
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}
	return bw.Flush()
}

func csvValue(c any) string {
	switch v := c.(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', 4, 64)
	}
	return fmt.Sprint(c)
}
