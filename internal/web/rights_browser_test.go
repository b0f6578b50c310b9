// SPDX-License-Identifier: Apache-2.0

package web

import (
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"github.com/xinrong/xinrong/internal/gate/gatetest"
)

// signIn signs the browser in as user, signing out whoever was in.
func (b *browser) signIn(base, user string) {
	b.t.Helper()
	b.step("sign in as "+user, chromedp.Navigate(base+"/login"), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), user), chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)), chromedp.WaitVisible(chromedp.CSS("nav.site-nav")))
}

func (b *browser) signOut() {
	b.t.Helper()
	b.step("sign out", chromedp.Click(chromedp.CSS(`form[action="/logout"] button[type=submit]`)), chromedp.WaitVisible(chromedp.ID("username")))
}

// TestBrowser_ObjectionCorrected drives chromium through the objection
// story: the enterprise opens its self-query from the menu and objects to
// a penalty; the record shows 异议中; the operator has accepted it; the
// provider decides "corrected" in its inbox and re-sends the record; the
// enterprise sees the corrected record and its credit report changed.
// No CSP violation or script error may occur. Screenshots: /tmp/xr-rights-*.png.
func TestBrowser_ObjectionCorrected(t *testing.T) {
	// The report is a standalone document: chromium asks it for
	// /favicon.ico, which the node does not serve.
	b := startBrowser(t, "/favicon.ico")
	e := newRightsEnv(t)
	rec := e.pushPenalty(t, "宁市监罚〔2026〕81号", "罚款0.20万元", time.Now().AddDate(0, -1, 0), "browser-81")

	b.signIn(e.srv.URL, acctEnt)
	b.step("open the self-query", chromedp.Click(chromedp.CSS(`nav.site-nav a[href="/my/selfquery"]`)),
		chromedp.WaitVisible(chromedp.ID("rec-"+rec)))
	b.shotFull("/tmp/xr-rights-selfquery.png")
	b.step("file an objection", chromedp.Click(chromedp.CSS(`#rec-`+rec+` details.object summary`)),
		chromedp.WaitVisible(chromedp.ID("reasons-"+rec)),
		chromedp.SendKeys(chromedp.ID("reasons-"+rec), "罚款金额应为0.10万元"),
		chromedp.SendKeys(chromedp.ID("evidence-"+rec), "缴款书编号 640100-2026-81"),
		chromedp.Click(chromedp.CSS(`#rec-`+rec+` form.objection-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("selfquery-done")))
	if got := b.text(`#rec-` + rec + ` [data-mark=disputed]`); got != "异议中" {
		t.Fatalf("mark after filing %q", got)
	}
	b.shot("/tmp/xr-rights-disputed.png")
	os, err := e.svc.ListObjections(e.As[gatetest.EntAdmin], rightsFilter())
	if err != nil || len(os) != 1 {
		t.Fatalf("objections %v %v", os, err)
	}
	id := os[0].ID
	if _, err := e.svc.Accept(e.As[gatetest.Operator], id, "平台归集与关联无误"); err != nil {
		t.Fatal(err)
	}
	b.signOut()

	b.signIn(e.srv.URL, acctProvider)
	b.step("open the inbox", chromedp.Click(chromedp.CSS(`nav.site-nav a[href="/rights/inbox"]`)),
		chromedp.WaitVisible(chromedp.ID("outcome-"+id)))
	b.step("decide corrected", chromedp.SetValue(chromedp.ID("outcome-"+id), "corrected"),
		chromedp.SendKeys(chromedp.ID("note-"+id), "金额录入错误，已更正并重新报送"),
		chromedp.Click(chromedp.CSS(`#case-`+id+` form.decide-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("inbox-done")))
	if got := b.text(`#case-` + id + ` .outcome`); got != "更正" {
		t.Fatalf("outcome in the inbox %q", got)
	}
	b.shot("/tmp/xr-rights-inbox.png")
	e.pushPenalty(t, "宁市监罚〔2026〕81号", "罚款0.10万元", time.Now().AddDate(0, -1, 0), "browser-81-corrected")
	b.signOut()

	b.signIn(e.srv.URL, acctEnt)
	b.step("self-query again", chromedp.Navigate(e.srv.URL+"/my/selfquery"), chromedp.WaitVisible(chromedp.ID("rec-"+rec)))
	card := b.text("#rec-" + rec)
	if !strings.Contains(card, "罚款0.10万元") || strings.Contains(card, "异议中") {
		t.Fatalf("record after the correction: %s", card)
	}
	if got := b.text(`#case-` + id + ` .outcome`); !strings.HasPrefix(got, "更正") {
		t.Fatalf("case outcome %q", got)
	}
	b.step("issue the report", chromedp.Click(chromedp.CSS(`#selfquery-report-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("body")), chromedp.Sleep(300*time.Millisecond))
	html := b.text("body")
	if !strings.Contains(html, "罚款0.10万元") || strings.Contains(html, "罚款0.20万元") {
		t.Fatalf("the report does not show the corrected record")
	}
	b.shotFull("/tmp/xr-rights-report.png")
	b.checkClean()
}

// TestBrowser_RepairRefusedThenGranted: the enterprise sees the earliest
// date and is refused before it; three months later (the service's clock)
// it applies, the provider grants in its inbox, and the self-query marks
// the record as no longer published.
func TestBrowser_RepairRefusedThenGranted(t *testing.T) {
	b := startBrowser(t, "/my/repairs")
	e := newRightsEnv(t)
	rec := e.pushPenalty(t, "宁市监罚〔2026〕91号", "罚款0.20万元", time.Now().AddDate(0, -1, 0), "browser-91")
	apply := func() {
		b.step("apply for repair", chromedp.Click(chromedp.CSS(`#rec-`+rec+` details.repair summary`)),
			chromedp.WaitVisible(chromedp.ID("revidence-"+rec)),
			chromedp.SendKeys(chromedp.ID("revidence-"+rec), "罚款已于2026年缴清"),
			chromedp.Click(chromedp.CSS(`#rec-`+rec+` form.repair-form input[name=commit]`)),
			chromedp.Click(chromedp.CSS(`#rec-`+rec+` form.repair-form button[type=submit]`)))
	}
	b.signIn(e.srv.URL, acctEnt)
	b.step("open the self-query", chromedp.Navigate(e.srv.URL+"/my/selfquery"), chromedp.WaitVisible(chromedp.ID("rec-"+rec)))
	apply()
	b.step("refused", chromedp.WaitVisible(chromedp.ID("selfquery-error")))
	if got := b.text("#selfquery-error"); !strings.Contains(got, "最短公示期") {
		t.Fatalf("refusal %q", got)
	}
	b.shot("/tmp/xr-rights-repair-refused.png")
	e.now = time.Now().AddDate(0, 3, 1)
	b.step("reload", chromedp.Navigate(e.srv.URL+"/my/selfquery"), chromedp.WaitVisible(chromedp.ID("rec-"+rec)))
	apply()
	b.step("filed", chromedp.WaitVisible(chromedp.ID("selfquery-done")))
	b.signOut()

	b.signIn(e.srv.URL, acctProvider)
	b.step("open the inbox", chromedp.Navigate(e.srv.URL+"/rights/inbox"), chromedp.WaitVisible(chromedp.CSS("form.repair-decide-form")))
	b.step("grant", chromedp.Click(chromedp.CSS(`form.repair-decide-form button[value=grant]`)), chromedp.WaitVisible(chromedp.ID("inbox-done")))
	b.signOut()

	b.signIn(e.srv.URL, acctEnt)
	b.step("self-query after the grant", chromedp.Navigate(e.srv.URL+"/my/selfquery"), chromedp.WaitVisible(chromedp.ID("rec-"+rec)))
	if got := b.text(`#rec-` + rec + ` [data-mark=hidden]`); got == "" {
		t.Fatalf("no repaired mark")
	}
	b.shotFull("/tmp/xr-rights-repaired.png")
	b.checkClean()
}
