// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/demo"
)

// The README's first command: a demo node that collects a generated
// province through the real paths and prints one account per kind.
func TestDemo_StartsAndServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := freeAddr(t)
	data := filepath.Join(t.TempDir(), "demo")
	var out syncBuffer
	e := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: io.Discard,
		Lookup: func(string) (string, bool) { return "", false }}
	var wg sync.WaitGroup
	var code int
	wg.Add(1)
	go func() {
		defer wg.Done()
		code = Run(ctx, []string{"xinrong", "demo", "--data", data, "--addr", addr, "--enterprises", "300", "--log-level", "warn"}, e)
	}()
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(out.String(), "Ctrl-C") {
		if time.Now().After(deadline) {
			t.Fatalf("demo did not start:\n%s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	waitReady(t, addr)
	resp, err := http.Get("http://" + addr + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "csrf_token") {
		t.Fatalf("login page: %d", resp.StatusCode)
	}
	if !regexp.MustCompile(`信用评价 evaluation: xinrong-sme-\S+, [1-9]\d+ enterprises graded`).MatchString(out.String()) {
		t.Fatalf("the demo did not grade its enterprises:\n%s", out.String())
	}
	for _, u := range []string{"operator", "provider", "bank", "enterprise", "regulator"} {
		if !strings.Contains(out.String(), "  "+u+" ") {
			t.Fatalf("account %s not printed:\n%s", u, out.String())
		}
	}
	bankReadsTheDemoEnterprise(t, "http://"+addr)
	cancel()
	wg.Wait()
	if code != 0 {
		t.Fatalf("demo exited %d", code)
	}
}

// bankReadsTheDemoEnterprise signs in as the demo bank, which the demo
// took live and the demo enterprise authorized, and issues an HTML report
// that holds the enterprise's authorized tax data.
func bankReadsTheDemoEnterprise(t *testing.T, base string) {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar}
	get := func(u string) string {
		resp, err := c.Get(base + u)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("GET %s: %d %.300s", u, resp.StatusCode, b)
		}
		return string(b)
	}
	token := regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)
	m := token.FindStringSubmatch(get("/login"))
	resp, err := c.PostForm(base+"/login", url.Values{"csrf_token": {m[1]}, "username": {"bank"}, "password": {demo.Password}, "next": {"/"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	auths := get("/api/v1/authorizations")
	code := regexp.MustCompile(`"enterprise_uscc":"([0-9A-Z]{18})"`).FindStringSubmatch(auths)
	if code == nil || !strings.Contains(auths, `"status":"active"`) || !strings.Contains(auths, `"status":"requested"`) {
		t.Fatalf("the demo bank's authorizations: %.500s", auths)
	}
	page := get("/subjects/" + code[1] + "?purpose=pre_loan")
	m = token.FindStringSubmatch(page)
	resp, err = c.PostForm(base+"/subjects/"+code[1]+"/report", url.Values{"csrf_token": {m[1]}, "purpose": {"pre_loan"}, "format": {"html"}})
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != http.StatusCreated || !strings.Contains(string(b), "纳税") || !strings.Contains(string(b), "TAX.NSE") ||
		!strings.Contains(string(b), "信用评价") || !strings.Contains(string(b), "xinrong-sme-") {
		t.Fatalf("report: %d %.300s", resp.StatusCode, b)
	}
	// The same report as JSON: the authorized tax items are shown, the
	// real-estate items (only requested, not yet approved) withheld.
	req, _ := http.NewRequest("POST", base+"/api/v1/reports", strings.NewReader(`{"uscc":"`+code[1]+`","purpose":"pre_loan"}`))
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("X-CSRF-Token", m[1])
	resp, err = c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ = io.ReadAll(resp.Body)
	for item, status := range map[string]string{"TAX.NSE": "shown", "SOC.CBJF": "shown", "EST.DYDJ": "withheld"} {
		if !regexp.MustCompile(`"item":"` + regexp.QuoteMeta(item) + `"[^}]*"status":"` + status + `"`).Match(b) {
			t.Errorf("JSON report (%d): %s is not %s: %.300s", resp.StatusCode, item, status, b)
		}
	}
}
