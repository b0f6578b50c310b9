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

// browser is a headless chromium driven by chromedp for one test. It
// collects every CSP violation and console error across navigations.
type browser struct {
	t        *testing.T
	ctx      context.Context
	mu       sync.Mutex
	problems []string
	cspSeen  []string
}

// startBrowser starts chromium, or skips the test with a message saying
// how to get one. expectedFailure is a path whose error status (a 404
// the test asks for, a refusal it provokes) is not a problem.
func startBrowser(t *testing.T, expectedFailure string) *browser {
	t.Helper()
	if testing.Short() {
		t.Skip("browser test skipped in -short mode")
	}
	chromium := os.Getenv("XINRONG_CHROMIUM")
	if chromium == "" {
		var err error
		if chromium, err = exec.LookPath("chromium"); err != nil {
			if os.Getenv("XINRONG_BROWSER") == "required" {
				t.Fatal("chromium not found and XINRONG_BROWSER=required (CI): install it with `apt-get install -y chromium`")
			}
			t.Skip("chromium not found: install it with `apt-get update && apt-get install -y chromium` " +
				"(and fonts-noto-cjk for Chinese text), or set XINRONG_CHROMIUM to a Chrome binary")
		}
	}
	alloc, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromium), chromedp.Headless, chromedp.NoSandbox, chromedp.DisableGPU, chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 900))
	t.Cleanup(cancelAlloc)
	ctx, cancel := chromedp.NewContext(alloc)
	t.Cleanup(cancel)
	b := &browser{t: t, ctx: ctx}
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			b.mu.Lock()
			if strings.Contains(m.Text, "CSP violation") || strings.Contains(m.Text, "Content Security Policy") {
				b.cspSeen = append(b.cspSeen, m.Text)
			}
			expected := expectedFailure != "" && m.Source == "network" && strings.HasSuffix(m.URL, expectedFailure)
			if (m.Type == chromedp.ConsoleError || m.IsException()) && !expected {
				b.problems = append(b.problems, m.String())
			}
			b.mu.Unlock()
		}
	}()
	probe := chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: cspProbe})
		return err
	})
	// Warm up the browser with no timeout: the first Run starts it for the
	// life of ctx.
	if err := chromedp.Do(ctx, probe); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	return b
}

// step runs actions with a timeout and fails the test on error.
func (b *browser) step(name string, actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	sctx, scancel := context.WithTimeout(b.ctx, 30*time.Second)
	defer scancel()
	if err := chromedp.Do(sctx, actions...); err != nil {
		b.t.Fatalf("%s: %v", name, err)
	}
}

// shot saves a screenshot of the viewport.
func (b *browser) shot(path string) { b.t.Helper(); b.capture(path, chromedp.CaptureScreenshot()) }

// shotFull saves a screenshot of the whole page.
func (b *browser) shotFull(path string) { b.t.Helper(); b.capture(path, chromedp.FullScreenshot(100)) }

func (b *browser) capture(path string, action chromedp.Action[[]byte]) {
	b.t.Helper()
	png, err := chromedp.Run(b.ctx, action)
	if err != nil {
		b.t.Fatalf("screenshot %s: %v", path, err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		b.t.Fatal(err)
	}
	b.t.Logf("screenshot: %s", path)
}

// text returns the visible text of the element sel.
func (b *browser) text(sel string) string {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		b.t.Fatalf("text of %s: %v", sel, err)
	}
	return strings.TrimSpace(v)
}

// checkClean fails the test if a CSP violation or a script error was seen.
func (b *browser) checkClean() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.cspSeen) > 0 || len(b.problems) > 0 {
		b.t.Errorf("CSP violations %q; console errors %q", b.cspSeen, b.problems)
	}
}

// checkProbe proves the probe sees a violation, or checkClean proves
// nothing: an inline style attribute is one.
func (b *browser) checkProbe() {
	b.t.Helper()
	b.step("provoke a violation", chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := chromedp.Evaluate[bool](`document.body.setAttribute("style", "color: red"), true`)(ctx, tg)
		return err
	}), chromedp.Sleep(300*time.Millisecond))
	b.mu.Lock()
	defer b.mu.Unlock()
	if len(b.cspSeen) == 0 {
		b.t.Fatal("an inline style was not reported: the CSP probe does not work")
	}
}

// TestBrowser_SearchAndProfile drives Debian chromium through the main
// flow: sign in as a bank's query officer, search an enterprise by two
// characters of its name, open its profile. It also fails on any CSP
// violation or script error and saves screenshots to /tmp/xr-*.png.
func TestBrowser_SearchAndProfile(t *testing.T) {
	b := startBrowser(t, missingProfile)
	env := newTestEnv(t) // a real server on 127.0.0.1:0 over a real store
	s := env.subjects[0]
	step, shot, text := b.step, b.shot, b.text

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

	step("open the profile: declare the purpose first", chromedp.Click(chromedp.CSS("tbody tr td a")), chromedp.WaitVisible(chromedp.ID("purpose-form")))
	step("declare pre-loan review", chromedp.SetValue(chromedp.ID("purpose"), "pre_loan"),
		chromedp.Click(chromedp.CSS(`#purpose-form button[type=submit]`)), chromedp.WaitVisible(chromedp.ID("subject-name")))
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

	b.checkClean()
	b.checkProbe()
}
