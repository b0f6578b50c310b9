// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http/httptest"
	"regexp"
	"slices"
	"testing"
)

func TestMessages_SameKeys(t *testing.T) {
	m, err := loadMessages()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(m[LangEn]), len(m[LangZh]); got != want {
		t.Fatalf("en has %d keys, zh %d", got, want)
	}
	if d := m.diff(); len(d) > 0 {
		t.Fatalf("catalogs differ: %v", d)
	}
	for k, v := range m[LangZh] {
		if v == "" || m[LangEn][k] == "" {
			t.Errorf("key %s has an empty text", k)
		}
	}
}

var placeholderRE = regexp.MustCompile(`\{[0-9]\}`)

func TestMessages_SamePlaceholders(t *testing.T) {
	m, err := loadMessages()
	if err != nil {
		t.Fatal(err)
	}
	for k, zh := range m[LangZh] {
		a, b := placeholderRE.FindAllString(zh, -1), placeholderRE.FindAllString(m[LangEn][k], -1)
		slices.Sort(a)
		slices.Sort(b)
		if !slices.Equal(a, b) {
			t.Errorf("%s: zh has placeholders %v, en %v", k, a, b)
		}
	}
}

// literalKeyRE finds message keys written literally in templates:
// {{.T "login.title"}} or {{$.T "search.q" …}}.
var literalKeyRE = regexp.MustCompile(`\.T "([a-z0-9_.]+)"`)

func TestTemplates_LiteralKeysExist(t *testing.T) {
	m, err := loadMessages()
	if err != nil {
		t.Fatal(err)
	}
	src, err := templateSources()
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for file, text := range src {
		for _, match := range literalKeyRE.FindAllStringSubmatch(text, -1) {
			n++
			if _, ok := m[LangZh][match[1]]; !ok {
				t.Errorf("%s uses message %q, which the catalogs lack", file, match[1])
			}
		}
	}
	if n < 50 {
		t.Fatalf("found only %d literal keys; did the template syntax change?", n)
	}
}

func TestMessages_T(t *testing.T) {
	m := messages{LangZh: {"a": "第 {0} 页，共 {1} 页"}, LangEn: {"a": "Page {0} of {1}"}}
	if got, want := m.T(LangZh, "a", 2, 5), "第 2 页，共 5 页"; got != want {
		t.Fatalf("T=%q, want %q", got, want)
	}
	if got, want := m.T(LangEn, "missing"), "⟦missing⟧"; got != want {
		t.Fatalf("T=%q, want %q", got, want)
	}
}

func TestRequestLang(t *testing.T) {
	for _, tc := range []struct {
		name, url, cookie, def, want string
	}{
		{"Default", "/", "", "zh", "zh"},
		{"DefaultEn", "/", "", "en", "en"},
		{"Cookie", "/", "en", "zh", "en"},
		{"QueryBeatsCookie", "/?lang=zh", "en", "en", "zh"},
		{"BadQueryIgnored", "/?lang=fr", "en", "zh", "en"},
		{"BadCookieIgnored", "/", "xx", "zh", "zh"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tc.url, nil)
			if tc.cookie != "" {
				r.Header.Set("Cookie", langCookie+"="+tc.cookie)
			}
			if got := requestLang(r, tc.def); got != tc.want {
				t.Fatalf("requestLang=%q, want %q", got, tc.want)
			}
		})
	}
}
