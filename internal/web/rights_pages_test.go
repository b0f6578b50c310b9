// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/rights"
)

var pdfEvidence = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// TestRightsPages_ObjectCorrectReport: the enterprise's self-query shows
// the record; it objects with a PDF (a text file is refused); the record
// is 异议中; the operator accepts in its inbox; the provider downloads the
// evidence and decides "corrected" in its inbox and re-sends the record;
// the enterprise sees the new version, the outcome, a notification, and a
// report without the old text.
func TestRightsPages_ObjectCorrectReport(t *testing.T) {
	e := newRightsEnv(t)
	rec := e.pushPenalty(t, "宁市监罚〔2026〕61号", "罚款0.20万元", time.Now().AddDate(0, -1, 0), "web-61")
	ent := e.loginAs(t, acctEnt)
	doc := mustGet(t, ent, e.srv.URL+selfQueryPath, http.StatusOK)
	if !strings.Contains(doc.raw, `id="rec-`+rec+`"`) || !strings.Contains(doc.raw, "罚款0.20万元") || strings.Contains(doc.raw, `data-mark="disputed"`) {
		t.Fatalf("self-query before the objection lacks the record or marks it")
	}
	if !strings.Contains(doc.raw, `class="small repair-from" data-repair-now="false"`) {
		t.Errorf("repair eligibility (earliest date) not shown before the minimum period")
	}
	csrf := csrfOf(t, doc)

	res := postMultipart(t, ent, e.srv.URL+"/my/objections", map[string]string{"csrf_token": csrf, "record_id": rec,
		"reasons": "罚款金额应为0.10万元"}, []byte("just text, not a PDF"))
	if body := bodyOf(t, res); res.StatusCode != http.StatusBadRequest || !strings.Contains(body, "PDF、PNG 或 JPEG") {
		t.Fatalf("text attachment: %d", res.StatusCode)
	}
	res = postMultipart(t, ent, e.srv.URL+"/my/objections", map[string]string{"csrf_token": csrf, "record_id": rec,
		"reasons": "罚款金额应为0.10万元", "evidence": "缴款书"}, pdfEvidence)
	bodyOf(t, res)
	if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(res.Header.Get("Location"), selfQueryPath+"?done=objection") {
		t.Fatalf("file objection: %d %s", res.StatusCode, res.Header.Get("Location"))
	}
	caseID := strings.TrimPrefix(res.Header.Get("Location"), selfQueryPath+"?done=objection#case-")
	doc = mustGet(t, ent, e.srv.URL+selfQueryPath, http.StatusOK)
	if !strings.Contains(doc.raw, `data-mark="disputed"`) || !strings.Contains(doc.raw, `id="case-`+caseID+`"`) {
		t.Fatalf("the record is not marked disputed or the case is not listed")
	}
	// Without the token the form is refused (CSRF).
	if res := postMultipart(t, ent, e.srv.URL+"/my/objections", map[string]string{"record_id": rec, "reasons": "x"}, nil); res.StatusCode != http.StatusForbidden {
		t.Errorf("objection without a CSRF token: %d", res.StatusCode)
	}

	op := e.loginAs(t, acctOp)
	doc = mustGet(t, op, e.srv.URL+inboxPath, http.StatusOK)
	if !strings.Contains(doc.raw, `id="case-`+caseID+`" data-status="filed"`) {
		t.Fatalf("operator's inbox lacks the filed case")
	}
	if res := mustPost(t, op, e.srv.URL+"/rights/objections/"+caseID+"/accept", url.Values{"csrf_token": {csrfOf(t, doc)},
		"note": {"平台归集与关联无误"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("accept: %d", res.StatusCode)
	}

	prov := e.loginAs(t, acctProvider)
	doc = mustGet(t, prov, e.srv.URL+inboxPath, http.StatusOK)
	if !strings.Contains(doc.raw, `id="case-`+caseID+`" data-status="provider_check"`) || !strings.Contains(doc.raw, "decide-form") {
		t.Fatalf("provider's inbox lacks the case or its decision form")
	}
	link := regexp.MustCompile(`/rights/evidence/` + caseID + `/[0-9a-f]{64}`).FindString(doc.raw)
	if link == "" {
		t.Fatalf("no evidence link in the provider's inbox")
	}
	if r, err := prov.Get(e.srv.URL + link); err != nil || r.StatusCode != http.StatusOK || r.Header.Get("Content-Type") != "application/pdf" ||
		bodyOf(t, r) != string(pdfEvidence) {
		t.Fatalf("evidence download: %v %v", r, err)
	}
	if r, _ := e.loginAs(t, acctEntB).Get(e.srv.URL + link); r.StatusCode != http.StatusNotFound {
		t.Errorf("another enterprise downloads the evidence: %d", r.StatusCode)
	}
	if res := mustPost(t, prov, e.srv.URL+"/rights/objections/"+caseID+"/decide", url.Values{"csrf_token": {csrfOf(t, doc)},
		"outcome": {"corrected"}, "note": {"金额录入错误，已更正"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("decide: %d", res.StatusCode)
	}
	e.pushPenalty(t, "宁市监罚〔2026〕61号", "罚款0.10万元", time.Now().AddDate(0, -1, 0), "web-61-corrected")

	doc = mustGet(t, ent, e.srv.URL+selfQueryPath, http.StatusOK)
	if strings.Contains(doc.raw, `data-mark="disputed"`) || !strings.Contains(doc.raw, `data-version="2"`) ||
		!strings.Contains(doc.raw, `id="case-`+caseID+`" data-status="decided"`) || !strings.Contains(doc.raw, "更正") {
		t.Fatalf("self-query after the correction: no new version, still disputed or the outcome missing")
	}
	doc = mustGet(t, ent, e.srv.URL+noticesPath, http.StatusOK)
	if !strings.Contains(doc.raw, `data-kind="objection.decided/v1"`) || !strings.Contains(doc.raw, "email:sent sms:sent") {
		t.Fatalf("notifications lack the decision or its delivery")
	}
	if res := mustPost(t, ent, e.srv.URL+"/notifications/read", url.Values{"csrf_token": {csrfOf(t, doc)}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("mark read: %d", res.StatusCode)
	}
	if doc = mustGet(t, ent, e.srv.URL+noticesPath, http.StatusOK); strings.Contains(doc.raw, `class="unread"`) {
		t.Errorf("notifications still unread")
	}
	res, err := ent.PostForm(e.srv.URL+"/subjects/"+e.USCC+"/report", url.Values{"csrf_token": {csrfOf(t, doc)},
		"purpose": {"self_query"}, "format": {"html"}})
	if err != nil {
		t.Fatal(err)
	}
	if body := bodyOf(t, res); res.StatusCode != http.StatusCreated || !strings.Contains(body, "罚款0.10万元") || strings.Contains(body, "罚款0.20万元") {
		t.Fatalf("report after the correction: %d, new text %v", res.StatusCode, strings.Contains(body, "罚款0.10万元"))
	}
	res, err = ent.Get(e.srv.URL + "/my/selfquery/report.json")
	if err != nil {
		t.Fatal(err)
	}
	if body := bodyOf(t, res); res.StatusCode != http.StatusOK || !strings.Contains(body, "罚款0.10万元") {
		t.Fatalf("JSON report: %d", res.StatusCode)
	}
	// The bank has no self-query.
	if r, _ := e.loginAs(t, acctBank).Get(e.srv.URL + selfQueryPath); r.StatusCode != http.StatusForbidden {
		t.Errorf("bank's self-query: %d", r.StatusCode)
	}
}

// TestRightsPages_RepairRefusedThenGranted: before the minimum period the
// application is refused with the earliest date; three months on (the
// rights clock) it is filed, the provider grants it in its inbox and the
// enterprise sees the record marked as no longer published.
func TestRightsPages_RepairRefusedThenGranted(t *testing.T) {
	e := newRightsEnv(t)
	rec := e.pushPenalty(t, "宁市监罚〔2026〕71号", "罚款0.20万元", time.Now().AddDate(0, -1, 0), "web-71")
	ent := e.loginAs(t, acctEnt)
	doc := mustGet(t, ent, e.srv.URL+selfQueryPath, http.StatusOK)
	form := map[string]string{"csrf_token": csrfOf(t, doc), "record_id": rec,
		"evidence": "罚款已缴清", "commitment": "本企业承诺依法诚信经营。", "commit": "yes"}
	res := postMultipart(t, ent, e.srv.URL+"/my/repairs", form, nil)
	if body := bodyOf(t, res); res.StatusCode != http.StatusConflict || !strings.Contains(body, "最短公示期") {
		t.Fatalf("repair before the minimum: %d", res.StatusCode)
	}
	e.now = time.Now().AddDate(0, 3, 1)
	doc = mustGet(t, ent, e.srv.URL+selfQueryPath, http.StatusOK)
	if !strings.Contains(doc.raw, `data-repair-now="true"`) {
		t.Errorf("eligibility not shown as reached")
	}
	delete(form, "commit")
	if res := postMultipart(t, ent, e.srv.URL+"/my/repairs", form, nil); res.StatusCode != http.StatusBadRequest {
		t.Errorf("repair without signing the commitment: %d", res.StatusCode)
	}
	form["commit"] = "yes"
	res = postMultipart(t, ent, e.srv.URL+"/my/repairs", form, pdfEvidence)
	bodyOf(t, res)
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("repair after the minimum: %d", res.StatusCode)
	}
	caseID := strings.TrimPrefix(res.Header.Get("Location"), selfQueryPath+"?done=repair#case-")

	prov := e.loginAs(t, acctProvider)
	doc = mustGet(t, prov, e.srv.URL+inboxPath, http.StatusOK)
	if !strings.Contains(doc.raw, `id="case-`+caseID+`" data-status="pending"`) {
		t.Fatalf("provider's inbox lacks the application")
	}
	if res := mustPost(t, prov, e.srv.URL+"/rights/repairs/"+caseID+"/decide", url.Values{"csrf_token": {csrfOf(t, doc)},
		"decision": {"grant"}, "note": {"已履行"}}); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("grant: %d", res.StatusCode)
	}
	doc = mustGet(t, ent, e.srv.URL+selfQueryPath, http.StatusOK)
	if !strings.Contains(doc.raw, `id="case-`+caseID+`" data-status="granted"`) || !strings.Contains(doc.raw, `data-mark="hidden"`) {
		t.Fatalf("self-query after the grant lacks the outcome or the repaired mark")
	}
	// A 破产重整 annotation shows on the self-query page and the profile.
	if _, err := e.svc.AddRestructuring(e.As[gatetest.Operator], rights.NewRestructuring{USCC: e.USCC, Court: "银川市中级人民法院",
		CaseNo: "（2026）宁01破5号", ApprovedOn: "2026-08-01"}); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{selfQueryPath, "/subjects/" + e.USCC} {
		if doc := mustGet(t, ent, e.srv.URL+path, http.StatusOK); !strings.Contains(doc.raw, "（2026）宁01破5号") {
			t.Errorf("%s lacks the restructuring annotation", path)
		}
	}
	recs, _ := e.Store.CurrentRecords(t.Context(), e.USCC, []string{"PEN.XZCF"})
	for _, r := range recs {
		if r.ID == rec && r.Status != ingest.RecordActive {
			t.Errorf("repair changed the stored record: %s", r.Status)
		}
	}
}
