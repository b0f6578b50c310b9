// SPDX-License-Identifier: Apache-2.0

package web

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowser_RegisterAndSelfReport drives chromium through the
// enterprise's first visit: real-name registration against the
// registration record, sign-in, a self-reported certificate with its
// signed commitment, and the own report showing it marked as
// self-reported. No CSP violation or script error may occur.
// Screenshots: /tmp/xr-register-*.png.
func TestBrowser_RegisterAndSelfReport(t *testing.T) {
	// The standalone HTML report links no icon, so chromium asks for
	// /favicon.ico, which the node does not serve.
	b := startBrowser(t, "/favicon.ico")
	e := newRegisterEnv(t)
	step := b.step

	step("open registration from the login page", chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(chromedp.ID("register-link")),
		chromedp.Click(chromedp.ID("register-link")), chromedp.WaitVisible(chromedp.ID("uscc")))
	step("register",
		chromedp.SendKeys(chromedp.ID("uscc"), e.USCCB),
		chromedp.SendKeys(chromedp.ID("rep_name"), regRepName),
		chromedp.SendKeys(chromedp.ID("rep_id"), strings.ToLower(regRepID)),
		chromedp.SendKeys(chromedp.ID("username"), "li.si"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/register"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("register-done")))
	b.shot("/tmp/xr-register-done.png")
	step("sign in", chromedp.Click(chromedp.CSS(`#register-done a.button`)), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "li.si"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS(`nav.site-nav a[href="/my/self-reports"]`)))
	step("open self-reporting", chromedp.Click(chromedp.CSS(`nav.site-nav a[href="/my/self-reports"]`)),
		chromedp.WaitVisible(chromedp.ID("selfreport-form")))
	step("report a certificate",
		chromedp.SendKeys(chromedp.ID("f_CERT_NAME"), "ISO 9001 质量管理体系认证证书"),
		chromedp.SendKeys(chromedp.ID("f_ISSUER"), "中国质量认证中心"),
		chromedp.SetValue(chromedp.ID("f_ISSUE_DATE"), "2025-03-01"),
		chromedp.Click(chromedp.ID("commit")),
		chromedp.Click(chromedp.CSS(`#selfreport-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("commitment-check")))
	if got := b.text("#commitment-check"); !strings.Contains(got, "签名有效") {
		t.Fatalf("commitment check %q", got)
	}
	no := b.text("#commitment-no")
	b.shotFull("/tmp/xr-register-selfreport.png")
	step("issue the own report", chromedp.Navigate(e.srv.URL+"/subjects/"+e.USCCB), chromedp.WaitVisible(chromedp.ID("report-form")),
		chromedp.Click(chromedp.CSS(`#report-form button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("section-self_reported")))
	sec := b.text("#section-self_reported")
	for _, want := range []string{"自愿填报信息（企业自报，未经核实）", "ISO 9001 质量管理体系认证证书", "自愿填报（企业自报，未经核实）", no} {
		if !strings.Contains(sec, want) {
			t.Fatalf("own report's self-reported section lacks %q: %s", want, sec)
		}
	}
	b.shotFull("/tmp/xr-register-report.png")
	b.checkClean()
}
