// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// decode unmarshals a JSON answer, failing t on a status other than want.
func decode[T any](t *testing.T, e *env, rq request, want int) T {
	t.Helper()
	w := e.do(t, rq)
	if w.Code != want {
		t.Fatalf("%s %s: status=%d, want %d: %s", rq.method, rq.url, w.Code, want, clip(w.Body.String()))
	}
	var v T
	if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
		t.Fatalf("%s %s: %v", rq.method, rq.url, err)
	}
	return v
}

type batchItems struct {
	Items []struct {
		Batch    string `json:"batch"`
		Provider string `json:"provider"`
		File     string `json:"file"`
	} `json:"items"`
}

// TestCollect_ProviderStaffConfinedToOwnProviders proves that a
// provider's staff can neither see nor deliver for another provider: every
// attempt is 403, names nothing of the other's data, and leaves no batch.
func TestCollect_ProviderStaffConfinedToOwnProviders(t *testing.T) {
	e := newEnv(t)
	tax := `{"rows":[{"USCC":"` + e.codes["trade"] + `","NAME":"石嘴山测试贸易有限公司","EVAL_YEAR":"2022","LEVEL":"C"}]}`
	for _, rq := range []request{
		{method: "GET", url: "/api/v1/providers/" + sw},
		{method: "GET", url: "/api/v1/batches/" + e.codes["batch2"]},
		{method: "GET", url: "/api/v1/batches/" + e.codes["batch2"] + "/rejections.csv"},
		{method: "GET", url: "/api/v1/batches?provider=" + sw},
		{method: "GET", url: "/api/v1/quarantine?provider=" + sw},
		{method: "POST", url: "/api/v1/providers/" + sw + "/items/TAX.LEVEL/records", body: tax, headers: map[string]string{"Idempotency-Key": "steal-1"}},
		{method: "PUT", url: "/api/v1/providers/" + sw + "/items/TAX.LEVEL/mapping", body: `{"columns":{"代码":"USCC"}}`},
		{method: "GET", url: "/api/v1/uploads/" + e.codes["upload-other"]},
	} {
		for _, as := range []string{"provider-token", "provider-session", "provideradmin-session"} {
			rq.as = as
			w := e.do(t, rq)
			if w.Code != http.StatusForbidden || strings.Contains(w.Body.String(), "税务局") || strings.Contains(w.Body.String(), `"received"`) {
				t.Errorf("%s %s as %s: %d %s, want a bare 403", rq.method, rq.url, as, w.Code, clip(w.Body.String()))
			}
		}
	}
	all := decode[batchItems](t, e, request{method: "GET", url: "/api/v1/batches?provider=" + sw, as: "op-token"}, 200)
	if got, want := len(all.Items), 1; got != want {
		t.Fatalf("provider %s has %d batches after the refused push, want %d: %+v", sw, got, want, all.Items)
	}
	own := decode[batchItems](t, e, request{method: "GET", url: "/api/v1/batches", as: "provider-token"}, 200)
	for _, b := range own.Items {
		if b.Provider != scjg {
			t.Errorf("provider staff sees batch %s of %s", b.Batch, b.Provider)
		}
	}
	if len(own.Items) == 0 {
		t.Fatalf("provider staff sees none of its own batches")
	}
}

// TestCollect_PushIdempotency: the same key and rows give the same
// receipt byte for byte; the same key with other rows is 409.
func TestCollect_PushIdempotency(t *testing.T) {
	e := newEnv(t)
	url := "/api/v1/providers/" + scjg + "/items/ABN.JYYC/records"
	rows, _ := json.Marshal(map[string]any{"rows": []map[string]string{e.abnormal("shop", "2023-07-01"), e.abnormal("tech", "2023-07-01")}})
	rq := request{method: "POST", url: url, as: "provider-token", body: string(rows), headers: map[string]string{"Idempotency-Key": "k-7"}}
	first, again := e.do(t, rq), e.do(t, rq)
	if first.Code != 200 || again.Code != 200 || first.Body.String() != again.Body.String() {
		t.Fatalf("first %d %s, again %d %s", first.Code, first.Body.String(), again.Code, again.Body.String())
	}
	if !strings.Contains(first.Body.String(), `"accepted":2`) {
		t.Fatalf("receipt %s", first.Body.String())
	}
	rq.body = strings.Replace(rq.body, "2023-07-01", "2023-07-02", 1)
	if w := e.do(t, rq); w.Code != http.StatusConflict {
		t.Fatalf("same key, other rows: %d %s, want 409", w.Code, w.Body.String())
	}
}

// TestCollect_ResumableUploadEqualsOneShot sends a file in three pieces
// with a wrong offset in between, completes it, then uploads the same file
// in one request: both answers are the same receipt of the same batch.
func TestCollect_ResumableUploadEqualsOneShot(t *testing.T) {
	e := newEnv(t)
	content := e.abnormalCSV()
	url := "/api/v1/uploads/" + e.codes["upload"]
	cuts := []int{0, 70, 140, len(content)}
	patch := func(off int, body string) *bytes.Buffer {
		w := e.do(t, request{method: "PATCH", url: url, as: "provider-token", body: body,
			headers: map[string]string{"Content-Type": "application/offset+octet-stream", "Upload-Offset": strconv.Itoa(off)}})
		if w.Code == http.StatusConflict {
			if got, want := w.Header().Get("Upload-Offset"), strconv.Itoa(cuts[2]); got != want {
				t.Fatalf("409 says Upload-Offset %s, want %s", got, want)
			}
		}
		if w.Code != http.StatusOK && w.Code != http.StatusConflict {
			t.Fatalf("PATCH at %d: %d %s", off, w.Code, w.Body.String())
		}
		return w.Body
	}
	patch(cuts[0], content[cuts[0]:cuts[1]])
	patch(cuts[1], content[cuts[1]:cuts[2]])
	if b := patch(cuts[1], content[cuts[2]:]); !strings.Contains(b.String(), `"code":"conflict"`) {
		t.Fatalf("a piece at a stale offset was accepted: %s", b)
	}
	if b := patch(cuts[2], content[cuts[2]:]); !strings.Contains(b.String(), `"complete":true`) {
		t.Fatalf("last piece: %s", b)
	}
	resumed := e.do(t, request{method: "POST", url: url + "/complete", as: "provider-token"})
	body, h := multipartBody("abnormal.csv", content)
	oneShot := e.do(t, request{method: "POST", url: "/api/v1/providers/" + scjg + "/items/ABN.JYYC/batches", as: "provider-token", body: body, headers: h})
	if resumed.Code != 200 || oneShot.Code != 200 {
		t.Fatalf("resumed %d %s; one shot %d %s", resumed.Code, resumed.Body.String(), oneShot.Code, oneShot.Body.String())
	}
	if got, want := oneShot.Body.String(), resumed.Body.String(); got != want {
		t.Fatalf("one-shot receipt\n%s\ndiffers from the resumed one\n%s", got, want)
	}
	if !strings.Contains(resumed.Body.String(), `"received":3,"accepted":2`) {
		t.Fatalf("receipt %s", resumed.Body.String())
	}
}

// TestCollect_ExportsParseBack reads the CSV and XLSX exports back with
// encoding/csv and excelize: the same rows, Chinese intact, formula
// injection defused.
func TestCollect_ExportsParseBack(t *testing.T) {
	e := newEnv(t)
	url := "/api/v1/batches/" + e.codes["batch"] + "/rejections"
	w := e.do(t, request{method: "GET", url: url + ".csv", as: "provider-token"})
	if !bytes.HasPrefix(w.Body.Bytes(), []byte("\xef\xbb\xbf")) {
		t.Fatalf("CSV does not start with the UTF-8 BOM: %q", clip(w.Body.String()))
	}
	recs, err := csv.NewReader(bytes.NewReader(w.Body.Bytes()[3:])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"行号 Row", "字段代码 Field", "字段名称 Label", "原因代码 Reason", "说明 Message", "Message (English)", "原始值 Raw value"},
		{"3", "IN_DATE", "列入日期", "", "", "", "'=1+2"},
		{"4", "IN_DATE", "列入日期", "", "", "", "'+cmd|' /C calc'!A0"},
	}
	if len(recs) != len(want) {
		t.Fatalf("CSV has %d records, want %d: %q", len(recs), len(want), recs)
	}
	for i := range want {
		for j, v := range want[i] {
			if v != "" && recs[i][j] != v {
				t.Errorf("CSV record %d column %d = %q, want %q", i, j, recs[i][j], v)
			}
		}
		if i > 0 && (recs[i][4] == "" || recs[i][5] == "" || recs[i][3] == "") {
			t.Errorf("CSV record %d lacks the reason or a message: %q", i, recs[i])
		}
	}
	w = e.do(t, request{method: "GET", url: url + ".xlsx", as: "op-token"})
	f, err := excelize.OpenReader(bytes.NewReader(w.Body.Bytes()))
	if err != nil {
		t.Fatalf("XLSX does not open: %v", err)
	}
	defer f.Close()
	rows, err := f.GetRows("驳回明细")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(recs) {
		t.Fatalf("XLSX has %d rows, CSV %d", len(rows), len(recs))
	}
	for i := range recs {
		if got, want := strings.Join(rows[i], "|"), strings.Join(recs[i], "|"); got != want {
			t.Errorf("XLSX row %d = %q, CSV has %q", i, got, want)
		}
	}
	checkQualityExports(t, e)
}
