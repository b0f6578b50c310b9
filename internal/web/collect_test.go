// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/ingest"
)

// uploadFile sends a file the way the page's script does (token in a
// header, body streamed) or, with plain set, the way the bare form does
// (token in the body), and returns the receipt's address.
func (e *collectEnv) uploadFile(t *testing.T, c *http.Client, provider, item, name string, file []byte, plain bool, extra ...[2]string) string {
	t.Helper()
	doc := mustGet(t, c, e.srv.URL+uploadPath, http.StatusOK)
	token := doc.attr(t, `form[data-upload] input[name=csrf_token]`, "value")
	fields := append([][2]string{{"provider", provider}, {"item", item}}, extra...)
	hdr := http.Header{}
	if plain {
		ctype, body := uploadBody(t, token, fields, name, file)
		res, b := send(t, c, e.srv.URL+uploadPath, ctype, body, hdr)
		if res.StatusCode != http.StatusSeeOther {
			t.Fatalf("plain upload: status %d, want 303\n%.600s", res.StatusCode, b)
		}
		return res.Header.Get("Location")
	}
	hdr.Set("X-CSRF-Token", token)
	hdr.Set(uploadHeader, "1")
	ctype, body := uploadBody(t, "", fields, name, file)
	res, b := send(t, c, e.srv.URL+uploadPath, ctype, body, hdr)
	if res.StatusCode != http.StatusCreated {
		t.Fatalf("script upload: status %d, want 201\n%.600s", res.StatusCode, b)
	}
	return res.Header.Get("Location")
}

func TestCollect_UploadAndReceipt(t *testing.T) {
	e := newCollectEnv(t)
	op := e.loginAs(t, "demo-operator")
	file := e.abnormalCSV(10, "2024-05-06")
	loc := e.uploadFile(t, op, provSCJG, "ABN.JYYC", "异常名录.csv", file, false, [2]string{"expected_rows", "13"})
	if !strings.HasPrefix(loc, "/collect/batches/") {
		t.Fatalf("Location %q", loc)
	}
	doc := mustGet(t, op, e.srv.URL+loc, http.StatusOK)
	for key, want := range map[string]string{"received": "13", "accepted": "10", "updated": "0", "duplicate": "0",
		"revoked": "0", "rejected": "2", "quarantined": "1"} {
		if got := doc.text(t, "#count-"+key+" dd.n"); got != want {
			t.Errorf("count %s = %q, want %q", key, got, want)
		}
	}
	if got := doc.text(t, "#reconcile-rows"); !strings.Contains(got, "一致") || strings.Contains(got, "不一致") {
		t.Errorf("row reconciliation %q, want a match", got)
	}
	rows := doc.texts("table.rejections tbody tr")
	if got, want := len(rows), 2; got != want {
		t.Fatalf("%d rejection rows, want %d: %q", got, want, rows)
	}
	if !strings.Contains(rows[0], "列入日期") || !strings.Contains(rows[1], "=HYPERLINK") {
		t.Errorf("rejection rows %q", rows)
	}
	if got := doc.texts("table.fill tbody tr"); len(got) < 5 || !strings.Contains(got[0], "100.0%") {
		t.Errorf("fill rows %q", got)
	}
	// The spooled upload is gone once collected.
	if left, _ := filepath.Glob(filepath.Join(e.dataDir, "uploads", "*")); len(left) != 0 {
		t.Errorf("uploads left behind: %v", left)
	}

	// The same content again is the same batch, said to be a resend.
	again := e.uploadFile(t, op, provSCJG, "ABN.JYYC", "again.csv", file, false)
	if got, want := again, loc+"?resent=1"; got != want {
		t.Fatalf("resend Location %q, want %q", got, want)
	}
	doc = mustGet(t, op, e.srv.URL+again, http.StatusOK)
	doc.one(t, "div.alert.info")

	// The provider's own submitter, with the plain form: a second day of
	// the list updates nothing it already holds.
	prov := e.loginAs(t, "demo-provider")
	loc2 := e.uploadFile(t, prov, provSCJG, "ABN.JYYC", "第二批.csv", e.abnormalCSV(12, "2024-05-06"), true)
	doc = mustGet(t, prov, e.srv.URL+loc2, http.StatusOK)
	if got, want := doc.text(t, "#count-duplicate dd.n"), "10"; got != want {
		t.Errorf("duplicates %q, want %q", got, want)
	}
	if got, want := doc.text(t, "#count-accepted dd.n"), "2"; got != want {
		t.Errorf("accepted %q, want %q", got, want)
	}
	// Both batches are listed, newest first, each with a reconciliation mark.
	doc = mustGet(t, prov, e.srv.URL+collectPath, http.StatusOK)
	links := doc.find("table.batches tbody tr td a")
	if got, want := len(links), 2; got != want {
		t.Fatalf("%d batches listed, want %d", got, want)
	}
	if got := attr(links[0], "href"); got != strings.TrimSuffix(loc2, "?resent=1") {
		t.Errorf("first listed %q, want the newest %q", got, loc2)
	}
	if got := doc.texts("table.batches tbody tr td span.badge.ok"); len(got) != 1 {
		t.Errorf("reconciled marks %q, want one (the first upload had a manifest)", got)
	}
}

func TestCollect_UploadRefused(t *testing.T) {
	e := newCollectEnv(t)
	prov := e.loginAs(t, "demo-provider")
	doc := mustGet(t, prov, e.srv.URL+uploadPath, http.StatusOK)
	token := doc.attr(t, `form[data-upload] input[name=csrf_token]`, "value")
	// Only the user's own provider is offered, with only its items.
	if got := doc.texts("#upload-provider option"); len(got) != 2 || !strings.Contains(got[1], "市场监督管理厅") {
		t.Fatalf("provider options %q", got)
	}
	if got := doc.find("#upload-item optgroup"); len(got) != 1 || attr(got[0], "data-provider") != provSCJG {
		t.Fatalf("item groups %d", len(got))
	}
	csv := e.abnormalCSV(3, "2024-05-06")
	for _, tc := range []struct {
		name    string
		fields  [][2]string
		file    string
		body    []byte
		status  int
		message string
	}{
		{"OtherProvider", [][2]string{{"provider", provSW}, {"item", "TAX.LEVEL"}}, "a.csv", csv, http.StatusForbidden, "不能为数据提供单位"},
		{"ItemNotRegistered", [][2]string{{"provider", provSCJG}, {"item", "TAX.LEVEL"}}, "a.csv", csv, http.StatusBadRequest, "未登记报送信息项"},
		{"NoProvider", [][2]string{{"item", "ABN.JYYC"}}, "a.csv", csv, http.StatusBadRequest, "请先选择数据提供单位"},
		{"WrongType", [][2]string{{"provider", provSCJG}, {"item", "ABN.JYYC"}}, "a.docx", csv, http.StatusBadRequest, "CSV、XLSX 或 JSONL"},
		{"Empty", [][2]string{{"provider", provSCJG}, {"item", "ABN.JYYC"}}, "a.csv", nil, http.StatusBadRequest, "是空的"},
		{"BadRows", [][2]string{{"provider", provSCJG}, {"item", "ABN.JYYC"}, {"expected_rows", "-3"}}, "a.csv", csv, http.StatusBadRequest, "应报行数"},
		{"BadHash", [][2]string{{"provider", provSCJG}, {"item", "ABN.JYYC"}, {"expected_sha256", "abc"}}, "a.csv", csv, http.StatusBadRequest, "SHA-256"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, plain := range []bool{false, true} {
				hdr := http.Header{uploadHeader: {"1"}, "X-Csrf-Token": {token}}
				tok := ""
				if plain {
					hdr, tok = http.Header{}, token
				}
				ctype, body := uploadBody(t, tok, tc.fields, tc.file, tc.body)
				res, b := send(t, prov, e.srv.URL+uploadPath, ctype, body, hdr)
				if res.StatusCode != tc.status {
					t.Fatalf("plain=%v: status %d, want %d\n%.500s", plain, res.StatusCode, tc.status, b)
				}
				page := parseDoc(t, res, b)
				if got := page.text(t, "#upload-problem [data-upload-message]"); !strings.Contains(got, tc.message) {
					t.Fatalf("plain=%v: problem %q, want %q", plain, got, tc.message)
				}
				if _, hidden := attrOK(page.one(t, "#upload-problem"), "hidden"); hidden {
					t.Fatal("the problem is hidden")
				}
			}
		})
	}
	// A file that cannot be read as a whole is a failed batch with a receipt.
	loc := e.uploadFile(t, prov, provSCJG, "ABN.JYYC", "wrong.csv", []byte("甲,乙\r\n1,2\r\n"), false)
	doc = mustGet(t, prov, e.srv.URL+loc, http.StatusOK)
	if got := doc.text(t, "div.alert.error"); !strings.Contains(got, "主体代码或名称列") {
		t.Fatalf("failed batch says %q", got)
	}
	if left, _ := os.ReadDir(filepath.Join(e.dataDir, "uploads")); len(left) != 0 {
		t.Errorf("%d spooled files left behind", len(left))
	}
}

func TestCollect_CSRFRequired(t *testing.T) {
	e := newCollectEnv(t)
	op := e.loginAs(t, "demo-operator")
	ctype, body := uploadBody(t, "", [][2]string{{"provider", provSCJG}, {"item", "ABN.JYYC"}}, "a.csv", e.abnormalCSV(2, "2024-05-06"))
	if res, _ := send(t, op, e.srv.URL+uploadPath, ctype, body, nil); res.StatusCode != http.StatusForbidden {
		t.Fatalf("upload without a token: status %d, want 403", res.StatusCode)
	}
	ctype, body = uploadBody(t, "", [][2]string{{"provider", provSCJG}, {"item", "ABN.JYYC"}}, "a.csv", e.abnormalCSV(2, "2024-05-06"))
	if res, _ := send(t, op, e.srv.URL+uploadPath, ctype, body, http.Header{"X-Csrf-Token": {"forged"}}); res.StatusCode != http.StatusForbidden {
		t.Fatalf("upload with a wrong token: status %d, want 403", res.StatusCode)
	}
	res := mustPost(t, op, e.srv.URL+quarantinePath+"/01ANYTHING", url.Values{"action": {"discard"}})
	if res.StatusCode != http.StatusForbidden {
		t.Fatalf("resolve without a token: status %d, want 403", res.StatusCode)
	}
	if got, _ := e.ing.Batches(t.Context(), ingest.BatchFilter{}); len(got) != 0 {
		t.Fatalf("%d batches were created by refused posts", len(got))
	}
}
