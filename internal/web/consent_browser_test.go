// SPDX-License-Identifier: Apache-2.0

package web

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
)

// TestBrowser_ApproveAndSeeAccess drives chromium as the enterprise's
// administrator: a bank has asked for an authorization, the enterprise
// approves it from its authorizations page, the bank issues a report on
// it, and the enterprise finds the bank's access in its log. No CSP
// violation or script error may occur. Screenshots: /tmp/xr-consent-*.png.
func TestBrowser_ApproveAndSeeAccess(t *testing.T) {
	b := startBrowser(t, "")
	e := newConsentEnv(t)
	a, err := e.Consent.Request(e.As[gatetest.BankQuery], consent.Terms{EnterpriseUSCC: e.USCC, Scope: []string{"TAX", "PEN.XZCF"},
		Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod, ValidUntil: time.Now().AddDate(0, 0, 30)})
	if err != nil {
		t.Fatal(err)
	}

	b.step("sign in", chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), acctEnt),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	b.step("open my authorizations", chromedp.Click(chromedp.CSS(`nav.site-nav a[href="/my/authorizations"]`)),
		chromedp.WaitVisible(chromedp.CSS(`button[data-approve="`+a.ID+`"]`)))
	if got := b.text("#auth-" + a.ID + " [data-status]"); got != "待确认" {
		t.Fatalf("status before approval %q", got)
	}
	b.shotFull("/tmp/xr-consent-requested.png")
	b.step("approve", chromedp.Click(chromedp.CSS(`button[data-approve="`+a.ID+`"]`)), chromedp.WaitVisible(chromedp.ID("auth-done")))
	if got := b.text("#auth-" + a.ID + " [data-status]"); got != "生效中" {
		t.Fatalf("status after approval %q", got)
	}
	b.shot("/tmp/xr-consent-approved.png")

	if _, err := e.Gate.Release(e.As[gatetest.BankQuery], gate.Request{Action: gate.ActionReport, Subject: e.USCC, Purpose: "pre_loan"}, nil); err != nil {
		t.Fatal(err)
	}
	b.step("open the access log", chromedp.Click(chromedp.CSS(`nav.site-nav a[href="/my/access"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.access-log")))
	log := b.text("table.access-log tbody")
	for _, want := range []string{"测试银行", "报告", "贷前审查", a.ID} {
		if !strings.Contains(log, want) {
			t.Fatalf("access log lacks %q: %s", want, log)
		}
	}
	b.shotFull("/tmp/xr-consent-access.png")
	b.step("only refused attempts", chromedp.Click(chromedp.ID("filter-denied")), chromedp.WaitVisible(chromedp.CSS("div.alert.info")))
	b.step("switch to English", chromedp.Click(chromedp.CSS("div.user-box a[hreflang=en]")), chromedp.WaitVisible(chromedp.CSS("h1")))
	if got := b.text("h1"); got != "Who saw my information" {
		t.Fatalf("English heading %q", got)
	}
	b.checkClean()
	b.checkProbe()
}
