// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// TestBrowser_Collect drives chromium through collection as the credit
// centre's operator: the collection list, an upload through the page's
// script with its progress bar (the network is throttled so that the bar
// is seen), the receipt of a batch with rejected rows, the quarantine
// queue and the quality page with its server-drawn trend. No CSP
// violation or script error may occur. Screenshots: /tmp/xr-collect-*.png.
func TestBrowser_Collect(t *testing.T) {
	b := startBrowser(t, uploadPath) // its refusal below is expected
	e := newCollectEnv(t)
	op := e.loginAs(t, "demo-operator")
	seeded := e.uploadFile(t, op, provSCJG, "ABN.JYYC", "2024年5月经营异常名录.csv", e.abnormalCSV(8, "2024-05-06"), false,
		[2]string{"expected_rows", "12"})
	e.uploadFile(t, op, provSW, "TAX.LEVEL", "纳税信用等级2024.csv", e.taxCSV(15), false)

	// A file large enough for the progress bar to be seen on a slow line.
	var big bytes.Buffer
	big.WriteString("企业名称,统一社会信用代码/注册号,列入经营异常名录原因,列入日期,作出决定机关（列入）\n")
	day := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; big.Len() < 1<<20; i++ {
		fmt.Fprintf(&big, "%s,%s,未按规定期限公示年度报告,%s,银川市兴庆区市场监督管理局\n", e.names[i%20], e.codes[i%20],
			day.AddDate(0, 0, i/20).Format("2006-01-02"))
	}
	path := filepath.Join(t.TempDir(), "2024年全年经营异常名录.csv")
	if err := os.WriteFile(path, big.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}

	b.step("sign in", chromedp.Navigate(e.srv.URL+"/login"), chromedp.WaitVisible(chromedp.ID("username")),
		chromedp.SendKeys(chromedp.ID("username"), "demo-operator"),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	b.step("open collection from the workbench", chromedp.Click(chromedp.CSS(`ul.cards a[href="/collect"]`)),
		chromedp.WaitVisible(chromedp.CSS("table.batches")))
	b.shot("/tmp/xr-collect-batches.png")

	b.step("open the upload form", chromedp.Navigate(e.srv.URL+uploadPath+"?provider="+provSCJG+"&item=ABN.JYYC"),
		chromedp.WaitVisible(chromedp.ID("upload-file")))
	b.shotFull("/tmp/xr-collect-upload.png")
	throttle := func(bytesPerSecond float64) chromedp.Action[chromedp.Void] {
		return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			if _, err := cdp.Call(ctx, tg, network.Enable, network.EnableParams{}); err != nil {
				return err
			}
			_, err := cdp.Call(ctx, tg, network.EmulateNetworkConditionsByRule, network.EmulateNetworkConditionsByRuleParams{
				MatchedNetworkConditions: []*network.Conditions{{DownloadThroughput: -1, UploadThroughput: bytesPerSecond}}})
			return err
		})
	}
	b.step("upload on a slow line", throttle(256<<10), chromedp.SetUploadFiles(chromedp.ID("upload-file"), []string{path}),
		chromedp.Click(chromedp.CSS(`form[data-upload] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("[data-upload-progress] progress")), chromedp.Sleep(1500*time.Millisecond))
	b.shot("/tmp/xr-collect-upload-progress.png")
	b.step("see the receipt", chromedp.WaitVisible(chromedp.ID("batch-id")), throttle(-1))
	if got := b.text("#count-received dd.n"); got == "" || got == "0" {
		t.Fatalf("uploaded receipt counts %q rows", got)
	}
	b.shot("/tmp/xr-collect-receipt-upload.png")

	b.step("open a receipt with rejections", chromedp.Navigate(e.srv.URL+seeded), chromedp.WaitVisible(chromedp.CSS("table.rejections")))
	if got := b.text("#count-rejected dd.n"); got != "2" {
		t.Fatalf("rejected %q, want 2", got)
	}
	b.shotFull("/tmp/xr-collect-receipt.png")

	b.step("open the quarantine", chromedp.Click(chromedp.CSS(`nav.tabs a[href="/collect/quarantine"]`)),
		chromedp.WaitVisible(chromedp.CSS("li.q-row")))
	b.shot("/tmp/xr-collect-quarantine.png")

	// A refused file: the script shows the server's reason in place.
	docx := filepath.Join(t.TempDir(), "名单.docx")
	if err := os.WriteFile(docx, []byte("PK\x03\x04 not a spreadsheet"), 0o600); err != nil {
		t.Fatal(err)
	}
	b.step("upload a file of the wrong type", chromedp.Navigate(e.srv.URL+uploadPath+"?provider="+provSCJG+"&item=ABN.JYYC"),
		chromedp.WaitVisible(chromedp.ID("upload-file")), chromedp.SetUploadFiles(chromedp.ID("upload-file"), []string{docx}),
		chromedp.Click(chromedp.CSS(`form[data-upload] button[type=submit]`)), chromedp.WaitVisible(chromedp.ID("upload-problem")))
	if got := b.text("#upload-problem"); !strings.Contains(got, "名单.docx") {
		t.Fatalf("upload problem %q", got)
	}
	b.shot("/tmp/xr-collect-upload-refused.png")

	b.step("open data quality", chromedp.Click(chromedp.CSS(`nav.tabs a[href="/collect/quality"]`)),
		chromedp.WaitVisible(chromedp.CSS("svg.trend")))
	if got := b.text("table.quality"); !strings.Contains(got, "TAX.LEVEL") {
		t.Fatalf("quality table %q", got)
	}
	b.shot("/tmp/xr-collect-quality.png")
	b.step("open a field table", chromedp.Click(chromedp.CSS(`a[href="/collect/quality/`+provSCJG+`/ABN.JYYC"]`)),
		chromedp.WaitVisible(chromedp.ID("field-fill")))
	b.shotFull("/tmp/xr-collect-quality-fields.png")
	b.step("switch to English", chromedp.Click(chromedp.CSS("div.user-box a[hreflang=en]")),
		chromedp.WaitVisible(chromedp.ID("field-fill")), chromedp.Navigate(e.srv.URL+qualityPath), chromedp.WaitVisible(chromedp.CSS("svg.trend")))
	if got := b.text("h1"); got != "Data quality" {
		t.Fatalf("English heading %q", got)
	}
	b.shot("/tmp/xr-collect-quality-en.png")

	b.checkClean()
	b.checkProbe()
}
