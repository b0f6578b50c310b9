// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
)

func TestReportPages_EnterpriseIssuesAndAnyoneChecks(t *testing.T) {
	e := newTestEnv(t)
	c := e.client(t)
	e.login(t, c, access.OrgEnterprise)
	own := e.subjects[0]
	doc := mustGet(t, c, e.srv.URL+"/subjects/"+own.USCC, http.StatusOK)
	if got := doc.text(t, "#audit-note"); !strings.Contains(got, "审计日志") {
		t.Errorf("audit note = %q", got)
	}
	token := doc.attr(t, "#report-form input[name=csrf_token]", "value")
	res, err := c.PostForm(e.srv.URL+"/subjects/"+own.USCC+"/report", url.Values{"csrf_token": {token}, "format": {"html"}, "lang": {"zh"}})
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	body := string(readAll(t, res))
	if res.StatusCode != http.StatusCreated || !strings.Contains(body, "企业信用信息报告") || !strings.Contains(body, own.Name) {
		t.Fatalf("report: status %d, body %.300s", res.StatusCode, body)
	}
	if csp := res.Header.Get("Content-Security-Policy"); !strings.Contains(csp, "style-src 'sha256-") || strings.Contains(csp, "unsafe-inline") {
		t.Errorf("report CSP = %q", csp)
	}
	number, hash := between(body, `id="report-number">`, "<"), between(body, `id="report-hash">`, "<")
	if number == "" || len(hash) != 64 {
		t.Fatalf("number %q hash %q", number, hash)
	}
	// Anyone holding the report checks it, without signing in.
	anon := e.client(t)
	q := url.Values{"number": {number}, "hash": {hash}}
	doc = mustGet(t, anon, e.srv.URL+"/reports/verify?"+q.Encode(), http.StatusOK)
	if got := doc.text(t, "#verify-result"); !strings.Contains(got, "报告真实有效") || strings.Contains(got, own.Name) {
		t.Errorf("verify genuine = %q", got)
	}
	q.Set("hash", strings.Repeat("0", 64))
	doc = mustGet(t, anon, e.srv.URL+"/reports/verify?"+q.Encode(), http.StatusOK)
	if got := doc.text(t, "#verify-result"); !strings.Contains(got, "未通过核验") {
		t.Errorf("verify altered = %q", got)
	}
}

func TestProfile_GateRefusesOthers(t *testing.T) {
	e := newTestEnv(t)
	own := e.subjects[0]
	// An enterprise reads only itself; a provider reads no enterprise.
	for _, tc := range []struct {
		kind access.OrgKind
		code string
	}{{access.OrgEnterprise, e.subjects[1].USCC}, {access.OrgProvider, own.USCC}} {
		c := e.client(t)
		e.login(t, c, tc.kind)
		mustGet(t, c, e.srv.URL+"/subjects/"+tc.code, http.StatusForbidden)
	}
	// An institution declares a purpose first and sees nothing before.
	c := e.client(t)
	e.login(t, c, access.OrgInstitution)
	doc := mustGet(t, c, e.srv.URL+"/subjects/"+own.USCC, http.StatusOK)
	if len(doc.find("#purpose-form")) != 1 || strings.Contains(doc.text(t, "main"), own.Name) {
		t.Errorf("institution without a purpose: purpose form missing or data shown")
	}
	// With a purpose its agreement covers, the live institution reads the
	// public information; with another purpose it is refused.
	doc = mustGet(t, c, e.srv.URL+"/subjects/"+own.USCC+"?purpose=pre_loan", http.StatusOK)
	if got := doc.text(t, "#subject-name"); got != own.Name {
		t.Errorf("profile name %q", got)
	}
	mustGet(t, c, e.srv.URL+"/subjects/"+own.USCC+"?purpose=insurance", http.StatusForbidden)
}

// between returns the text after start up to end, or "".
func between(s, start, end string) string {
	i := strings.Index(s, start)
	if i < 0 {
		return ""
	}
	s = s[i+len(start):]
	if j := strings.Index(s, end); j >= 0 {
		return s[:j]
	}
	return ""
}
