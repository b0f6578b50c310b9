// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"net/url"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/xinrong/xinrong/internal/access"
)

// cspProbe runs in every page before its own scripts (injected scripts are
// not subject to the page's CSP) and reports each CSP violation to the
// console, where the test collects it across navigations.
const cspProbe = `document.addEventListener("securitypolicyviolation", function (e) {
  console.error("CSP violation: " + e.violatedDirective + " " + e.blockedURI);
});`

// missingProfile is a well-formed code no enterprise has: its 404 is expected.
const missingProfile = "/subjects/91640000MA00000000"

// TestBrowser_SearchAndProfile drives Debian chromium through the main
// flow: sign in as a bank's query officer, search an enterprise by two
// characters of its name, open its profile. It also fails on any CSP
// violation or script error and saves screenshots to /tmp/xr-*.png.
func TestBrowser_SearchAndProfile(t *testing.T) {
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := os.Getenv("XINRONG_CHROMIUM")
	if chromium == "" {
		var err error
		if chromium, err = exec.LookPath("chromium"); err != nil {
			t.Skip("chromium not found: install it with `apt-get update && apt-get install -y chromium` " +
				"(and fonts-noto-cjk for Chinese text), or set XINRONG_CHROMIUM to a Chrome binary")
		}
	}
	env := newTestEnv(t) // a real server on 127.0.0.1:0 over a real store
	s := env.subjects[0]

	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	defer cancelAlloc()
	ctx, cancel := chromedp.NewContext(alloc)
	defer cancel()

	var mu sync.Mutex
	var problems, cspSeen []string
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			mu.Lock()
			if strings.Contains(m.Text, "CSP violation") || strings.Contains(m.Text, "Content Security Policy") {
				cspSeen = append(cspSeen, m.Text)
			}
			expected404 := m.Source == "network" && strings.HasSuffix(m.URL, missingProfile)
			if (m.Type == chromedp.ConsoleError || m.IsException()) && !expected404 {
				problems = append(problems, m.String())
			}
			mu.Unlock()
		}
	}()
	probe := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe})
		return err
	})
	step := func(name string, actions ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		sctx, scancel := context.WithTimeout(ctx, 30*time.Second)
		defer scancel()
		if err := chromedp.Do(sctx, actions...); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	shot := func(path string) {
		t.Helper()
		b, err := chromedp.Run(ctx, chromedp.CaptureScreenshot())
		if err != nil {
			t.Fatalf("screenshot %s: %v", path, err)
		}
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		t.Logf("screenshot: %s", path)
	}
	text := func(sel string) string {
		t.Helper()
		v, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
		if err != nil {
			t.Fatalf("text of %s: %v", sel, err)
		}
		return strings.TrimSpace(v)
	}

	// Warm up the browser with no timeout: the first Run starts it for the
	// life of ctx.
	if err := chromedp.Do(ctx, probe); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	step("open the node", chromedp.Navigate(env.srv.URL+"/"), chromedp.WaitVisible(chromedp.ID("username")))
	if got := text("p.node"); !strings.Contains(got, "宁夏测试节点") {
		t.Fatalf("login page node line %q", got)
	}
	shot("/tmp/xr-login.png")
	step("sign in",
		chromedp.SendKeys(chromedp.ID("username"), env.users[access.OrgInstitution]),
		chromedp.SendKeys(chromedp.ID("password"), testPassword),
		chromedp.Click(chromedp.CSS(`form[action="/login"] button[type=submit]`)),
		chromedp.WaitVisible(chromedp.CSS("ul.cards")))
	shot("/tmp/xr-home.png")

	step("open search", chromedp.Click(chromedp.CSS(`nav.site-nav a[href="/subjects"]`)), chromedp.WaitVisible(chromedp.ID("q")))
	step("search by two characters",
		chromedp.SendKeys(chromedp.ID("q"), "枸杞"),
		chromedp.Submit(chromedp.ID("q")),
		chromedp.WaitVisible(chromedp.CSS("tbody tr td a")))
	shot("/tmp/xr-search.png")

	step("open the profile", chromedp.Click(chromedp.CSS("tbody tr td a")), chromedp.WaitVisible(chromedp.ID("subject-name")))
	if got := text("#subject-name"); got != s.Name {
		t.Fatalf("profile name %q, want %q", got, s.Name)
	}
	if got := text("#subject-uscc"); got != s.USCC {
		t.Fatalf("profile code %q, want %q", got, s.USCC)
	}
	shot("/tmp/xr-profile.png")

	step("switch to English", chromedp.Click(chromedp.CSS("div.user-box a[hreflang=en]")),
		chromedp.WaitVisible(chromedp.CSS("#basic-heading")))
	if got := text("#basic-heading"); got != "Registration" {
		t.Fatalf("English heading %q", got)
	}
	if got := text("#subject-uscc"); got != s.USCC {
		t.Fatalf("profile code after switching %q, want %q", got, s.USCC)
	}

	step("open the catalog", chromedp.Click(chromedp.CSS(`nav.site-nav a[href="/catalog"]`)),
		chromedp.WaitVisible(chromedp.ID("cat-PEN")))
	shot("/tmp/xr-catalog.png")
	step("open an item", chromedp.Click(chromedp.CSS(`a[href="/catalog/items/PEN.XZCF"]`)), chromedp.WaitVisible(chromedp.ID("item-fields")))
	shot("/tmp/xr-item.png")
	step("a missing page", chromedp.Navigate(env.srv.URL+missingProfile), chromedp.WaitVisible(chromedp.ID("error-heading")))
	shot("/tmp/xr-404.png")

	step("narrow screen", chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(env.srv.URL+"/subjects?q="+url.QueryEscape("枸杞")), chromedp.WaitVisible(chromedp.ID("q")))
	shot("/tmp/xr-search-narrow.png")
	step("open the folded menu", chromedp.Click(chromedp.CSS("button.nav-toggle")),
		chromedp.WaitVisible(chromedp.CSS(`nav.site-nav a[href="/catalog"]`)))
	shot("/tmp/xr-menu-narrow.png")

	mu.Lock()
	if len(cspSeen) > 0 || len(problems) > 0 {
		t.Errorf("CSP violations %q; console errors %q", cspSeen, problems)
	}
	mu.Unlock()

	// The probe must be able to see a violation, or the check above proves
	// nothing: an inline style attribute is one.
	step("provoke a violation", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`document.body.setAttribute("style", "color: red"), true`)(ctx, tg)
		return err
	}), chromedp.Sleep(300*time.Millisecond))
	mu.Lock()
	defer mu.Unlock()
	if len(cspSeen) == 0 {
		t.Fatal("an inline style was not reported: the CSP probe does not work")
	}
}
