// SPDX-License-Identifier: Apache-2.0

package web

import (
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
)

func TestStatic_HashedURLs(t *testing.T) {
	env := newTestEnv(t)
	doc := mustGet(t, env.client(t), env.srv.URL+"/login", http.StatusOK)
	css := doc.attr(t, "link[rel=stylesheet]", "href")
	js := doc.attr(t, "script", "src")
	for _, tc := range []struct{ url, ctype, contains string }{
		{css, "text/css", "--blue"},
		{js, "text/javascript", "data-autosubmit"},
	} {
		if !strings.HasPrefix(tc.url, "/static/") || strings.Count(tc.url, ".") != 2 {
			t.Fatalf("asset URL %q has no content hash", tc.url)
		}
		res, err := http.Get(env.srv.URL + tc.url)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Type"), tc.ctype) {
			t.Fatalf("%s: %d %s", tc.url, res.StatusCode, res.Header.Get("Content-Type"))
		}
		if got := res.Header.Get("Cache-Control"); got != immutable {
			t.Fatalf("%s: Cache-Control %q, want %q", tc.url, got, immutable)
		}
		if !strings.Contains(string(b), tc.contains) {
			t.Fatalf("%s: body lacks %q", tc.url, tc.contains)
		}
	}
	for _, u := range []string{"/static/app.css", "/static/app.0000000000.css", "/static/../web.go"} {
		res, err := http.Get(env.srv.URL + u)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode != http.StatusNotFound {
			t.Fatalf("%s: status %d, want 404", u, res.StatusCode)
		}
	}
}

func TestLoadAssets_HashChangesWithContent(t *testing.T) {
	a, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	css, js := a.byName["app.css"], a.byName["app.js"]
	if css.url == js.url || css.etag == js.etag {
		t.Fatal("two different files got the same hash")
	}
}

func TestLoadTemplates_AllPages(t *testing.T) {
	tpl, err := loadTemplates()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pageNames {
		if tpl.pages[p] == nil {
			t.Errorf("page %s not parsed", p)
		}
	}
}

// TestErrorWriter checks the statuses handlers cannot easily provoke: a
// forbidden page and an internal error, whose cause must not leak.
func TestErrorWriter(t *testing.T) {
	env := newTestEnv(t)
	for _, tc := range []struct {
		name, lang string
		err        error
		status     int
		title      string
	}{
		{"Forbidden_zh", LangZh, apperr.Forbiddenf("无权 / not allowed"), 403, "无权访问"},
		{"Forbidden_en", LangEn, apperr.Forbiddenf("无权 / not allowed"), 403, "Access denied"},
		{"Internal_zh", LangZh, errors.New("pq: password authentication failed for user secret"), 500, "系统内部错误"},
		{"Internal_en", LangEn, errors.New("pq: password authentication failed for user secret"), 500, "Internal error"},
		{"Invalid_en", LangEn, apperr.Invalidf("编号有误 / the number is wrong"), 400, "Bad request"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := httpx.RequestID(httpx.Handle(env.h.deps.Log, env.h.writeError, func(http.ResponseWriter, *http.Request) error { return tc.err }))
			r := httptest.NewRequest("GET", "/x?lang="+tc.lang, nil)
			r = r.WithContext(access.WithPrincipal(r.Context(), access.Principal{Kind: access.PrincipalUser, Username: "u", OrgKind: access.OrgOperator}))
			w := httptest.NewRecorder()
			h.ServeHTTP(w, r)
			res := w.Result()
			if res.StatusCode != tc.status {
				t.Fatalf("status %d, want %d", res.StatusCode, tc.status)
			}
			doc := parseDoc(t, res, w.Body.Bytes())
			if got := doc.text(t, "h1"); got != tc.title {
				t.Fatalf("title %q, want %q", got, tc.title)
			}
			if strings.Contains(doc.raw, "secret") {
				t.Fatal("the internal cause reached the page")
			}
			if tc.status == 500 && !strings.Contains(doc.text(t, "p.rid"), res.Header.Get("X-Request-ID")) {
				t.Fatal("the 500 page does not show the request ID")
			}
			if tc.status == 400 && !strings.Contains(doc.text(t, "section.error-page"), "the number is wrong") {
				t.Fatal("the 400 page does not say what was wrong")
			}
		})
	}
}

func TestLangSwitch(t *testing.T) {
	env := newTestEnv(t)
	c := env.client(t)
	env.login(t, c, access.OrgRegulator)
	res, err := c.Get(env.srv.URL + "/lang/en?next=" + "/catalog")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if got := res.Header.Get("Location"); res.StatusCode != http.StatusSeeOther || got != "/catalog" {
		t.Fatalf("switch: %d to %q", res.StatusCode, got)
	}
	doc := mustGet(t, c, env.srv.URL+"/catalog", http.StatusOK)
	if got := doc.text(t, "h1"); got != "Credit information catalog" {
		t.Fatalf("h1 %q after switching to English", got)
	}
	if got := doc.attr(t, "div.user-box a[hreflang]", "href"); got != "/lang/zh?next=%2Fcatalog" {
		t.Fatalf("switch back link %q", got)
	}
	// ?lang= sticks as well.
	mustGet(t, c, env.srv.URL+"/?lang=zh", http.StatusOK)
	if got := mustGet(t, c, env.srv.URL+"/catalog", http.StatusOK).text(t, "h1"); got != "信用信息目录" {
		t.Fatalf("h1 %q after ?lang=zh", got)
	}
}
