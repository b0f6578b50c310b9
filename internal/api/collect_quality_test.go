// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

type qualityJSON struct {
	Items []struct {
		Provider     string `json:"provider"`
		Item         string `json:"item"`
		Received     int64  `json:"received"`
		Completeness []struct {
			Field string `json:"field"`
		} `json:"completeness"`
	} `json:"items"`
}

// checkQualityExports reads the quality exports back and compares them
// with the JSON figures: one row per provider and item, the completeness
// sheet one row per field, and a provider's staff get their own rows only.
func checkQualityExports(t *testing.T, e *env) {
	t.Helper()
	q := decode[qualityJSON](t, e, request{method: "GET", url: "/api/v1/quality", as: "op-token"}, 200)
	fields := 0
	for _, it := range q.Items {
		fields += len(it.Completeness)
	}
	if len(q.Items) < 3 || fields == 0 {
		t.Fatalf("quality has %d rows and %d fields", len(q.Items), fields)
	}
	w := e.do(t, request{method: "GET", url: "/api/v1/quality.csv", as: "regulator-token"})
	if !bytes.HasPrefix(w.Body.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatalf("quality CSV lacks the BOM")
	}
	recs, err := csv.NewReader(bytes.NewReader(w.Body.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(recs), len(q.Items)+1; got != want {
		t.Fatalf("quality CSV has %d records, want %d", got, want)
	}
	for i, it := range q.Items {
		r := recs[i+1]
		if r[0] != it.Provider || r[2] != it.Item {
			t.Errorf("CSV row %d is %s/%s, want %s/%s", i+1, r[0], r[2], it.Provider, it.Item)
		}
		if it.Provider == scjg && it.Item == "ABN.JYYC" && (r[8] != "6" || r[9] != "2" || r[10] != "2" || r[11] != "0.3333") {
			t.Errorf("ABN.JYYC row %q: want received 6, rejected 2, quarantined 2, error rate 0.3333", r)
		}
		if it.Provider == sw && (r[13] != "1" || r[14] == "0" || r[12] == "") {
			t.Errorf("TAX.LEVEL row %q: want subjects 1 and a collection rate over the master", r)
		}
	}
	w = e.do(t, request{method: "GET", url: "/api/v1/quality.xlsx", as: "op-token"})
	f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatalf("quality XLSX does not open: %v", err)
	}
	defer f.Close()
	if got, want := f.GetSheetList(), []string{"数据质量", "字段完整性"}; strings.Join(got, ",") != strings.Join(want, ",") {
		t.Fatalf("sheets %q, want %q", got, want)
	}
	main, _ := f.GetRows("数据质量")
	comp, _ := f.GetRows("字段完整性")
	if len(main) != len(q.Items)+1 || len(comp) != fields+1 {
		t.Fatalf("XLSX has %d quality rows and %d field rows, want %d and %d", len(main), len(comp), len(q.Items)+1, fields+1)
	}
	if main[1][0] != recs[1][0] || main[1][3] != recs[1][3] {
		t.Errorf("XLSX first row %q, CSV %q", main[1], recs[1])
	}
	w = e.do(t, request{method: "GET", url: "/api/v1/quality.csv", as: "provider2-token"})
	own, err := csv.NewReader(bytes.NewReader(w.Body.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(own) != 2 || own[1][0] != sw {
		t.Fatalf("provider staff's quality CSV: %q, want the tax bureau's one row", own)
	}
}
