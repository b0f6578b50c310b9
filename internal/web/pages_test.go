// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
)

// TestPages_EveryPageBothLanguages renders every page for every kind of
// user in Chinese and in English and checks that no message key is
// missing, the page says which language it is in, and the markup obeys the
// CSP (no inline script, style or event handler) and labels its inputs.
func TestPages_EveryPageBothLanguages(t *testing.T) {
	env := newTestEnv(t)
	code := env.subjects[0].USCC
	paths := []struct {
		path   string
		status int
	}{
		{"/", http.StatusOK},
		{"/subjects", http.StatusOK},
		{"/subjects?q=" + url.QueryEscape("枸杞"), http.StatusOK},
		{"/subjects?q=" + url.QueryEscape("不存在的名字"), http.StatusOK},
		{"/subjects?region=640100&industry=C&type=enterprise", http.StatusOK},
		{"/subjects?region=64", http.StatusBadRequest},
		{"/subjects/" + code, http.StatusOK},
		{"/subjects/" + env.subjects[2].USCC, http.StatusOK},
		{"/subjects/91640000MA00000000", http.StatusNotFound},
		{"/catalog", http.StatusOK},
		{"/catalog/items/PEN.XZCF", http.StatusOK},
		{"/catalog/items/NOPE", http.StatusNotFound},
		{"/no/such/page", http.StatusNotFound},
	}
	for _, kind := range access.OrgKinds() {
		c := env.client(t)
		env.login(t, c, kind)
		for _, lang := range []string{LangZh, LangEn} {
			mustGet(t, c, env.srv.URL+"/lang/"+lang, http.StatusSeeOther)
			for _, p := range paths {
				if kind != access.OrgOperator && p.path != "/" {
					continue // the other pages do not depend on the kind
				}
				doc := mustGet(t, c, env.srv.URL+p.path, p.status)
				checkPage(t, p.path, lang, doc)
			}
		}
	}
	// Signed out: the login page and the error pages.
	for _, lang := range []string{LangZh, LangEn} {
		c := env.client(t)
		checkPage(t, "/login", lang, mustGet(t, c, env.srv.URL+"/login?lang="+lang, http.StatusOK))
		checkPage(t, "/nope", lang, mustGet(t, c, env.srv.URL+"/nope?lang="+lang, http.StatusNotFound))
	}
}

func checkPage(t *testing.T, path, lang string, doc *htmlDoc) {
	t.Helper()
	if strings.Contains(doc.raw, missingMark) {
		i := strings.Index(doc.raw, missingMark)
		t.Errorf("%s [%s]: missing message near %q", path, lang, doc.raw[i:min(len(doc.raw), i+60)])
	}
	if got, want := doc.attr(t, "html", "lang"), htmlLang(lang); got != want {
		t.Errorf("%s: <html lang=%q>, want %q", path, got, want)
	}
	doc.one(t, "main")
	doc.one(t, "header.site-header")
	doc.one(t, "h1")
	if got := doc.res.Header.Get("Content-Security-Policy"); !strings.Contains(got, "script-src 'self'") {
		t.Errorf("%s: CSP header %q", path, got)
	}
	for _, n := range doc.find("*") {
		for _, a := range n.Attr {
			if a.Key == "style" || strings.HasPrefix(a.Key, "on") {
				t.Errorf("%s: <%s %s=…> breaks the CSP", path, n.Data, a.Key)
			}
		}
		switch n.Data {
		case "style":
			t.Errorf("%s: inline <style> breaks the CSP", path)
		case "script":
			if attr(n, "src") == "" {
				t.Errorf("%s: inline <script> breaks the CSP", path)
			}
		case "input", "select":
			if typ := attr(n, "type"); typ != "hidden" {
				if id := attr(n, "id"); id == "" || len(doc.find("label[for="+id+"]")) != 1 {
					t.Errorf("%s: <%s name=%s> has no label", path, n.Data, attr(n, "name"))
				}
			}
		}
	}
}
