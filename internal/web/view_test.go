// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

func TestSafeNext(t *testing.T) {
	for in, want := range map[string]string{
		"":                     "/",
		"/subjects?q=枸杞":       "/subjects?q=枸杞",
		"//evil.example/":      "/",
		"/\\evil.example":      "/",
		"https://evil.example": "/",
		"javascript:alert(1)":  "/",
		"subjects":             "/",
		"/catalog#cat-PEN":     "/catalog#cat-PEN",
	} {
		if got := safeNext(in); got != want {
			t.Errorf("safeNext(%q)=%q, want %q", in, got, want)
		}
	}
}

func FuzzSafeNext(f *testing.F) {
	for _, s := range []string{"/", "//x", "/\\x", "http://x", "/a?b=c", "\t//x", "/%2F%2Fx"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := safeNext(s)
		u, err := url.Parse(got)
		if err != nil || !strings.HasPrefix(got, "/") || strings.HasPrefix(got, "//") || strings.HasPrefix(got, "/\\") ||
			u.Host != "" || u.Scheme != "" {
			t.Fatalf("safeNext(%q)=%q leaves the site", s, got)
		}
	})
}

func TestPickLang(t *testing.T) {
	for _, tc := range []struct{ msg, lang, want string }{
		{"查询内容有误 / the query is wrong", LangZh, "查询内容有误"},
		{"查询内容有误 / the query is wrong", LangEn, "the query is wrong"},
		{"目录项不存在 (item not found)", LangEn, "目录项不存在 (item not found)"},
		{"a / b / c", LangEn, "a / b / c"},
	} {
		if got := pickLang(tc.msg, tc.lang); got != tc.want {
			t.Errorf("pickLang(%q, %s)=%q, want %q", tc.msg, tc.lang, got, tc.want)
		}
	}
}

func FuzzParseSearchForm(f *testing.F) {
	for _, s := range []string{"q=枸杞", "q=&region=640000&industry=c&type=enterprise", "c=abc&c=def", "region=64", "q=%ZZ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		u := &url.URL{Path: "/subjects", RawQuery: raw}
		r := newRequest(u)
		form, err := parseSearchForm(r)
		if err != nil {
			return
		}
		// A form that parses round-trips through its own URL.
		back, err := parseSearchForm(newRequest(mustParseURL(t, form.url(form.Trail))))
		if err != nil {
			t.Fatalf("form %+v: its URL does not parse: %v", form, err)
		}
		if back.Q != form.Q || back.Region != form.Region || back.Industry != form.Industry || back.Type != form.Type ||
			len(back.Trail) != len(form.Trail) {
			t.Fatalf("round trip changed %+v into %+v", form, back)
		}
	})
}

func newRequest(u *url.URL) *http.Request {
	return &http.Request{Method: http.MethodGet, URL: u, Header: http.Header{}}
}

func mustParseURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}
