// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"testing"
)

// receiptCounts is what every receipt must settle: each row in one count.
type receiptCounts struct {
	Received, Accepted, Updated, Duplicate, Revoked, Rejected, Quarantined int64
}

func (c receiptCounts) settled() bool {
	return c.Received == c.Accepted+c.Updated+c.Duplicate+c.Revoked+c.Rejected+c.Quarantined
}

// FuzzPushRecords sends arbitrary bodies and keys to the push operation:
// never a 5xx, always JSON, and every receipt accounts for every row.
func FuzzPushRecords(f *testing.F) {
	e := newEnv(f)
	url := "/api/v1/providers/" + scjg + "/items/ABN.JYYC/records"
	f.Add(`{"rows":[{"企业名称":"宁夏银川测试科技有限公司","统一社会信用代码/注册号":"`+e.codes["tech"]+`","列入日期":"2023-01-01"}]}`, "k1")
	f.Add(`{"rows":[{"NAME":1.5e300,"IN_DATE":true,"X":null}]}`, "k2")
	f.Add(`{"rows":[{}, {"":""}]}`, "")
	f.Add(`{"rows":[[1]]}`, "k3")
	f.Fuzz(func(t *testing.T, body, key string) {
		w := e.do(t, request{method: "POST", url: url, as: "provider-token", body: body, headers: map[string]string{"Idempotency-Key": key}})
		if w.Code >= 500 {
			t.Fatalf("status %d for %q: %s", w.Code, body, w.Body.String())
		}
		var c receiptCounts
		if err := json.Unmarshal(w.Body.Bytes(), &c); err != nil {
			t.Fatalf("not JSON: %q", w.Body.String())
		}
		if w.Code == http.StatusOK && (!c.settled() || c.Received == 0) {
			t.Fatalf("receipt does not settle: %s", w.Body.String())
		}
	})
}

// FuzzUploadBatch sends arbitrary files and form fields as multipart
// uploads: never a 5xx, always JSON.
func FuzzUploadBatch(f *testing.F) {
	e := newEnv(f)
	url := "/api/v1/providers/" + scjg + "/items/ABN.JYYC/batches"
	f.Add(e.abnormalCSV(), "csv", "3")
	f.Add("PK\x03\x04garbage", "xlsx", "")
	f.Add("{\"NAME\":\"x\"}\n{", "jsonl", "-1")
	f.Add("\xff\xfe\x00a", "", "x")
	f.Fuzz(func(t *testing.T, content, format, rows string) {
		body, h := multipartBody("f.bin", content, "format", format, "expected_rows", rows)
		w := e.do(t, request{method: "POST", url: url, as: "op-token", body: body, headers: h})
		if w.Code >= 500 || !json.Valid(w.Body.Bytes()) {
			t.Fatalf("status %d for %q: %s", w.Code, content, w.Body.String())
		}
	})
}

// FuzzPatchUpload appends arbitrary pieces at arbitrary offsets: never a
// 5xx, and the offset the node holds never passes the declared size.
func FuzzPatchUpload(f *testing.F) {
	e := newEnv(f)
	url := "/api/v1/uploads/" + e.codes["upload"]
	size := len(e.abnormalCSV())
	f.Add("0", "企业名称")
	f.Add("-1", "x")
	f.Add("99999999999999999999", "")
	f.Add(strconv.Itoa(size), "x")
	f.Fuzz(func(t *testing.T, offset, piece string) {
		w := e.do(t, request{method: "PATCH", url: url, as: "provider-token", body: piece,
			headers: map[string]string{"Content-Type": "application/offset+octet-stream", "Upload-Offset": offset}})
		if w.Code >= 500 {
			t.Fatalf("status %d: %s", w.Code, w.Body.String())
		}
		var up struct {
			Offset int64 `json:"offset"`
		}
		_ = json.Unmarshal(w.Body.Bytes(), &up)
		if up.Offset > int64(size) {
			t.Fatalf("offset %d beyond size %d", up.Offset, size)
		}
	})
}
