// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/ingest"
)

// taxCSV is a 纳税信用等级 file for the first n enterprises.
func (e *collectEnv) taxCSV(n int) []byte {
	var b bytes.Buffer
	b.WriteString("统一社会信用代码,企业名称,评价年度,纳税信用级别\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "%s,%s,2024,%s\n", e.codes[i], e.names[i], []string{"A", "B", "M"}[i%3])
	}
	return b.Bytes()
}

func TestCollect_RejectionDownloads(t *testing.T) {
	e := newCollectEnv(t)
	op := e.loginAs(t, "demo-operator")
	loc := e.uploadFile(t, op, provSCJG, "ABN.JYYC", "a.csv", e.abnormalCSV(3, "2024-05-06"), false)

	res, b := download(t, op, e.srv.URL+loc+"/rejections.csv", http.StatusOK)
	if got := res.Header.Get("Content-Disposition"); !strings.HasPrefix(got, "attachment;") || !strings.Contains(got, ".csv") {
		t.Fatalf("Content-Disposition %q", got)
	}
	if !bytes.HasPrefix(b, []byte("\ufeff")) {
		t.Fatal("the CSV has no UTF-8 BOM, so Excel would read it as GBK")
	}
	recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\ufeff")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(recs), 3; got != want {
		t.Fatalf("%d CSV records, want a header and 2 rejections: %q", got, recs)
	}
	if !slices.Equal(recs[0], ingest.RejectionColumns) {
		t.Fatalf("header %q", recs[0])
	}
	raw := len(recs[0]) - 1
	if got, want := recs[2][raw], `'=HYPERLINK("http://evil.example")`; got != want {
		t.Fatalf("formula cell %q, want %q (defused)", got, want)
	}
	if got, want := recs[1][0], "6"; got != want {
		t.Errorf("first rejected row %q, want %q (header 1, three good rows, the stranger)", got, want)
	}

	res, b = download(t, op, e.srv.URL+loc+"/rejections.xlsx", http.StatusOK)
	if got := res.Header.Get("Content-Type"); got != ctypeXLSX {
		t.Fatalf("Content-Type %q", got)
	}
	if res.ContentLength != int64(len(b)) {
		t.Fatalf("Content-Length %d, body %d", res.ContentLength, len(b))
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(ingest.SheetRejections)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rows), 3; got != want {
		t.Fatalf("%d sheet rows, want 3: %q", got, rows)
	}
	if got, want := rows[2][raw], `'=HYPERLINK("http://evil.example")`; got != want {
		t.Fatalf("formula cell %q, want %q", got, want)
	}
	if formula, _ := f.GetCellFormula(ingest.SheetRejections, fmt.Sprintf("%c3", 'A'+raw)); formula != "" {
		t.Fatalf("the raw value became a formula: %q", formula)
	}
	// A batch without rejections links no downloads.
	clean := e.uploadFile(t, op, provSW, "TAX.LEVEL", "tax.csv", e.taxCSV(5), false)
	doc := mustGet(t, op, e.srv.URL+clean, http.StatusOK)
	if len(doc.find("#download-csv")) != 0 {
		t.Fatal("a clean batch offers a rejection download")
	}
}

func TestCollect_Quality(t *testing.T) {
	e := newCollectEnv(t)
	op := e.loginAs(t, "demo-operator")
	e.uploadFile(t, op, provSCJG, "ABN.JYYC", "a.csv", e.abnormalCSV(3, "2024-05-06"), false)
	sw := e.loginAs(t, otherProvider)
	e.uploadFile(t, sw, provSW, "TAX.LEVEL", "tax.csv", e.taxCSV(5), false)

	doc := mustGet(t, op, e.srv.URL+qualityPath, http.StatusOK)
	rows := doc.find("table.quality tbody tr")
	if got, want := len(rows), 3; got != want { // ABN.JYYC, PEN.XZCF, TAX.LEVEL
		t.Fatalf("%d quality rows, want %d", got, want)
	}
	var tax string
	for _, r := range rows {
		if s := textOf(r); strings.Contains(s, "TAX.LEVEL") {
			tax = s
		}
	}
	// 5 of the 20 enterprises in the master have a tax credit level.
	if !strings.Contains(tax, "25.0%") || !strings.Contains(tax, "5 / 20") {
		t.Fatalf("tax row %q, want collection rate 25.0%% (5 / 20)", tax)
	}
	// The trend is drawn server-side: one slot per month, a bar for this one.
	if got := len(doc.find("svg.trend rect.slot")); got != 3*trendMonths {
		t.Fatalf("%d month slots, want %d", got, 3*trendMonths)
	}
	if got := len(doc.find("svg.trend rect.bar")); got != 2 {
		t.Fatalf("%d bars, want 2 (the items delivered this month)", got)
	}
	if got := len(doc.find("svg.trend rect.bar-rejected")); got != 1 {
		t.Fatalf("%d rejected bars, want 1", got)
	}
	// Click through to the fields.
	link := ""
	for _, a := range doc.find("table.quality tbody tr td a") {
		if strings.Contains(attr(a, "href"), "/ABN.JYYC") && strings.HasPrefix(attr(a, "href"), qualityPath) {
			link = attr(a, "href")
		}
	}
	doc = mustGet(t, op, e.srv.URL+link, http.StatusOK)
	if got := doc.texts("#field-fill tbody tr"); len(got) < 5 || !strings.Contains(got[0], "企业名称") || !strings.Contains(got[0], "100.0%") {
		t.Fatalf("field rows %q", got)
	}
	mustGet(t, op, e.srv.URL+qualityPath+"/"+provSCJG+"/TAX.LEVEL", http.StatusNotFound)

	// The downloads are the API's, over the page's window.
	doc = mustGet(t, op, e.srv.URL+qualityPath, http.StatusOK)
	if got, want := doc.attr(t, "#quality-csv", "href"), "/api/v1/quality.csv?window_days=365"; got != want {
		t.Errorf("CSV link %q, want %q", got, want)
	}
	if got, want := doc.attr(t, "#quality-xlsx", "href"), "/api/v1/quality.xlsx?window_days=365"; got != want {
		t.Errorf("XLSX link %q, want %q", got, want)
	}
	// The tax bureau's staff see only their own item.
	doc = mustGet(t, sw, e.srv.URL+qualityPath, http.StatusOK)
	if got := doc.texts("table.quality tbody tr"); len(got) != 1 || !strings.Contains(got[0], "TAX.LEVEL") {
		t.Fatalf("tax bureau's quality rows %q", got)
	}
	// Regulators read it without the upload links.
	reg := e.loginAs(t, e.users[access.OrgRegulator])
	doc = mustGet(t, reg, e.srv.URL+qualityPath, http.StatusOK)
	if got := doc.texts("nav.tabs a"); len(got) != 1 {
		t.Fatalf("a regulator sees tabs %q, want only the quality tab", got)
	}
	for _, a := range doc.find("a") {
		if strings.HasPrefix(attr(a, "href"), uploadPath) {
			t.Fatalf("a regulator sees an upload link %q", attr(a, "href"))
		}
	}
}
