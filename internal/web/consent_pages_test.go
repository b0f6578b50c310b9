// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
)

// formOf reads the CSRF token of a page's forms.
func csrfOf(t *testing.T, doc *htmlDoc) string {
	t.Helper()
	ns := doc.find(`input[name=csrf_token]`)
	if len(ns) == 0 {
		t.Fatal("no CSRF token on the page")
	}
	return attr(ns[0], "value")
}

// TestConsentPages_RequestApproveAccess walks the whole story over HTTP:
// the bank requests an authorization on its page, the enterprise approves
// it on its own and downloads the receipt, the bank issues a report, the
// enterprise sees it in its access log (and a refused attempt under the
// filter), enterprise B sees none of it, and the provider sees the use
// of its records after the aggregation job.
func TestConsentPages_RequestApproveAccess(t *testing.T) {
	e := newConsentEnv(t)
	until := time.Now().AddDate(0, 0, 20).In(chinaTime).Format(time.DateOnly)

	bank := e.loginAs(t, acctBank)
	doc := mustGet(t, bank, e.srv.URL+instAuthPath, http.StatusOK)
	res := mustPost(t, bank, e.srv.URL+instAuthPath, url.Values{"csrf_token": {csrfOf(t, doc)}, "uscc": {e.USCC},
		"scope": {"TAX", "PEN.XZCF"}, "purpose": {"pre_loan"}, "mode": {"period"}, "valid_until": {until}})
	if got, want := res.StatusCode, http.StatusSeeOther; got != want {
		t.Fatalf("request: status %d, want %d", got, want)
	}
	id := mustLocationID(t, res)
	doc = mustGet(t, bank, e.srv.URL+res.Header.Get("Location"), http.StatusOK)
	if got := doc.attr(t, "#auth-"+id+" [data-status]", "data-status"); got != "requested" {
		t.Fatalf("bank sees status %q", got)
	}
	// A request without a scope is shown again with the reason.
	doc = mustGet(t, bank, e.srv.URL+instAuthPath, http.StatusOK)
	res = mustPost(t, bank, e.srv.URL+instAuthPath, url.Values{"csrf_token": {csrfOf(t, doc)}, "uscc": {e.USCC},
		"purpose": {"pre_loan"}, "mode": {"period"}, "valid_until": {until}})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("request without scope: status %d", res.StatusCode)
	}

	ent := e.loginAs(t, acctEnt)
	doc = mustGet(t, ent, e.srv.URL+myAuthPath, http.StatusOK)
	doc.one(t, `button[data-approve=`+id+`]`)
	res = mustPost(t, ent, e.srv.URL+myAuthPath+"/"+id+"/approve", url.Values{"csrf_token": {csrfOf(t, doc)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("approve: status %d", res.StatusCode)
	}
	doc = mustGet(t, ent, e.srv.URL+res.Header.Get("Location"), http.StatusOK)
	if got := doc.attr(t, "#auth-"+id+" [data-status]", "data-status"); got != "active" {
		t.Fatalf("after approval status %q", got)
	}
	doc.one(t, "#auth-done")
	body := getBody(t, ent, e.srv.URL+myAuthPath+"/"+id+"/receipt", http.StatusOK)
	if !strings.Contains(body, "xinrong consent receipt v1\n") || !strings.Contains(body, "status: active") {
		t.Fatalf("receipt %q", body)
	}
	// Staff see the list but not the buttons; enterprise B cannot read the receipt.
	staff := e.loginAs(t, acctEntStaff)
	if doc := mustGet(t, staff, e.srv.URL+myAuthPath, http.StatusOK); len(doc.find("button[data-approve]")) != 0 || len(doc.find("#grant-heading")) != 0 {
		t.Error("staff are offered decisions")
	}
	entB := e.loginAs(t, acctEntB)
	getBody(t, entB, e.srv.URL+myAuthPath+"/"+id+"/receipt", http.StatusNotFound)

	// The bank's report and the unlisted bank's refused query.
	if _, err := e.Gate.Release(e.As[gatetest.BankQuery], gate.Request{Action: gate.ActionReport, Subject: e.USCC, Purpose: "pre_loan"}, nil); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Gate.Release(e.As[gatetest.Bank2Query], gate.Request{Action: gate.ActionQuery, Subject: e.USCC, Purpose: "pre_loan"}, nil); err == nil {
		t.Fatal("the unlisted bank was let in")
	}
	doc = mustGet(t, ent, e.srv.URL+myAccessPath, http.StatusOK)
	log := strings.Join(doc.texts("table.access-log tbody tr"), "\n")
	for _, want := range []string{"测试银行", "报告", "贷前审查", id, "未接入银行", "已拒绝", "机构查询员"} {
		if !strings.Contains(log, want) {
			t.Errorf("access log lacks %q:\n%s", want, log)
		}
	}
	if strings.Contains(doc.raw, "U-"+gatetest.BankQuery) {
		t.Error("the bank's user ID is shown to the enterprise")
	}
	doc = mustGet(t, ent, e.srv.URL+myAccessPath+"?outcome=denied", http.StatusOK)
	if rows := doc.find("table.access-log tbody tr"); len(rows) != 1 || !strings.Contains(textOf(rows[0]), "未接入银行") {
		t.Errorf("denied filter shows %q", doc.texts("table.access-log tbody tr"))
	}
	doc = mustGet(t, entB, e.srv.URL+myAccessPath, http.StatusOK)
	if strings.Contains(doc.raw, "测试银行") || len(doc.find("table.access-log")) != 0 {
		t.Error("enterprise B sees A's access log")
	}
	doc = mustGet(t, bank, e.srv.URL+myAccessPath, http.StatusOK)
	if got := doc.texts("table.access-log tbody tr"); len(got) != 1 || strings.Contains(doc.raw, "未接入银行") {
		t.Errorf("bank's own accesses: %q", got)
	}

	// Usage feedback after the job.
	if _, err := e.usage.Aggregate(context.Background()); err != nil {
		t.Fatal(err)
	}
	prov := e.loginAs(t, acctProvider)
	doc = mustGet(t, prov, e.srv.URL+providerUsagePath, http.StatusOK)
	table := strings.Join(doc.texts("table.usage tbody tr"), "\n")
	for _, want := range []string{"测试银行", "贷前审查", "报告", gatetest.ProviderCode} {
		if !strings.Contains(table, want) {
			t.Errorf("usage table lacks %q:\n%s", want, table)
		}
	}
	csv := getBody(t, prov, e.srv.URL+doc.attr(t, "#usage-csv", "href"), http.StatusOK)
	if !strings.HasPrefix(csv, "\ufeff月份 Month") || !strings.Contains(csv, "测试银行") {
		t.Errorf("usage CSV %q", csv)
	}
	if xlsx := getBody(t, prov, e.srv.URL+doc.attr(t, "#usage-xlsx", "href"), http.StatusOK); !strings.HasPrefix(xlsx, "PK") {
		t.Error("usage workbook is not a zip")
	}
}

// TestConsentPages_GrantAndRevoke: the enterprise grants from its page
// with the scope picker, sees the receipt link, and revokes.
func TestConsentPages_GrantAndRevoke(t *testing.T) {
	e := newConsentEnv(t)
	ent := e.loginAs(t, acctEnt)
	doc := mustGet(t, ent, e.srv.URL+myAuthPath, http.StatusOK)
	doc.one(t, "input#scope-TAX-NSE")
	doc.one(t, `select#institution option[value=`+e.Orgs["bank"].ID+`]`)
	res := mustPost(t, ent, e.srv.URL+myAuthPath, url.Values{"csrf_token": {csrfOf(t, doc)}, "institution": {e.Orgs["bank"].ID},
		"scope": {"TAX.NSE"}, "purpose": {"post_loan"}, "mode": {"one_time"},
		"valid_until": {time.Now().AddDate(0, 2, 0).In(chinaTime).Format(time.DateOnly)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("grant: status %d", res.StatusCode)
	}
	id := mustLocationID(t, res)
	as, err := e.Consent.List(e.As[gatetest.EntAdmin], consent.Filter{})
	if err != nil || len(as) != 1 || as[0].ID != id || as[0].Mode != consent.ModeOneTime || as[0].Status != consent.StatusActive {
		t.Fatalf("granted %+v %v", as, err)
	}
	doc = mustGet(t, ent, e.srv.URL+myAuthPath, http.StatusOK)
	doc.one(t, `#auth-`+id+` a[download]`)
	res = mustPost(t, ent, e.srv.URL+myAuthPath+"/"+id+"/revoke", url.Values{"csrf_token": {csrfOf(t, doc)}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("revoke: status %d", res.StatusCode)
	}
	// Revoking again is a conflict page, and too long a period is refused with why.
	doc = mustGet(t, ent, e.srv.URL+myAuthPath, http.StatusOK)
	res = mustPost(t, ent, e.srv.URL+myAuthPath+"/"+id+"/revoke", url.Values{"csrf_token": {csrfOf(t, doc)}})
	if res.StatusCode != http.StatusConflict {
		t.Fatalf("revoke again: status %d", res.StatusCode)
	}
	res = mustPost(t, ent, e.srv.URL+myAuthPath, url.Values{"csrf_token": {csrfOf(t, doc)}, "institution": {e.Orgs["bank"].ID},
		"scope": {"TAX"}, "purpose": {"pre_loan"}, "mode": {"period"},
		"valid_until": {time.Now().AddDate(0, 6, 0).Format(time.DateOnly)}})
	if res.StatusCode != http.StatusBadRequest {
		t.Fatalf("too long: status %d", res.StatusCode)
	}
}

// TestConsentPages_WhoMayOpen: each page refuses the other kinds, and
// every page renders in both languages within the CSP.
func TestConsentPages_WhoMayOpen(t *testing.T) {
	e := newConsentEnv(t)
	pages := map[string][]string{
		acctEnt:      {myAccessPath, myAuthPath, myAccessPath + "?outcome=denied"},
		acctBank:     {instAuthPath, myAccessPath},
		acctProvider: {providerUsagePath, providerUsagePath + "?month=2025-01"},
	}
	for user, paths := range pages {
		c := e.loginAs(t, user)
		for _, lang := range []string{LangZh, LangEn} {
			mustGet(t, c, e.srv.URL+"/lang/"+lang, http.StatusSeeOther)
			for _, p := range paths {
				checkPage(t, p, lang, mustGet(t, c, e.srv.URL+p, http.StatusOK))
			}
			checkPage(t, "/", lang, mustGet(t, c, e.srv.URL+"/", http.StatusOK))
		}
	}
	for user, refused := range map[string][]string{
		acctEnt:      {instAuthPath, providerUsagePath},
		acctBank:     {myAuthPath, providerUsagePath},
		acctProvider: {myAuthPath, instAuthPath, myAccessPath},
		acctOp:       {myAccessPath},
	} {
		c := e.loginAs(t, user)
		for _, p := range refused {
			mustGet(t, c, e.srv.URL+p, http.StatusForbidden) // operators read logs in the API, by enterprise
		}
	}
	ent := e.loginAs(t, acctEnt)
	doc := mustGet(t, ent, e.srv.URL+"/", http.StatusOK)
	doc.one(t, `ul.cards a[href="/my/authorizations"]`)
	doc.one(t, `nav.site-nav a[href="/my/access"]`)
	mustGet(t, ent, e.srv.URL+myAccessPath+"?before=x", http.StatusBadRequest)
}

func mustLocationID(t *testing.T, res *http.Response) string {
	t.Helper()
	u, err := url.Parse(res.Header.Get("Location"))
	if err != nil || u.Query().Get("id") == "" {
		t.Fatalf("redirect %q names no authorization", res.Header.Get("Location"))
	}
	return u.Query().Get("id")
}

func getBody(t *testing.T, c *http.Client, u string, status int) string {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	if res.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d: %.300s", u, res.StatusCode, status, b)
	}
	return string(b)
}
