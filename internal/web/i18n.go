// SPDX-License-Identifier: Apache-2.0

package web

import (
	"embed"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// The languages the UI speaks. Chinese is the default: the platform serves
// Chinese enterprises and staff; English is for foreign-invested
// enterprises, reviewers and developers.
const (
	LangZh = "zh"
	LangEn = "en"
)

// langCookie remembers the language a user picked.
const langCookie = "lang"

// missingMark surrounds a message key that has no text, so that a missing
// translation is visible on the page and easy to find in tests.
const missingMark = "⟦"

//go:embed i18n/*.json
var i18nFS embed.FS

// messages is the message catalog: language → key → text. Texts may hold
// {0}, {1}, … placeholders, replaced in order by T's arguments.
type messages map[string]map[string]string

// loadMessages reads i18n/zh.json and i18n/en.json and checks that both
// define exactly the same keys.
func loadMessages() (messages, error) {
	m := messages{}
	for _, lang := range []string{LangZh, LangEn} {
		b, err := i18nFS.ReadFile("i18n/" + lang + ".json")
		if err != nil {
			return nil, fmt.Errorf("web: message catalog %s: %w", lang, err)
		}
		var cat map[string]string
		if err := json.Unmarshal(b, &cat); err != nil {
			return nil, fmt.Errorf("web: message catalog %s: %w", lang, err)
		}
		m[lang] = cat
	}
	if d := m.diff(); len(d) > 0 {
		return nil, fmt.Errorf("web: message catalogs differ: %s", strings.Join(d, ", "))
	}
	return m, nil
}

// diff lists the keys present in one language and not the other.
func (m messages) diff() []string {
	var out []string
	for k := range m[LangZh] {
		if _, ok := m[LangEn][k]; !ok {
			out = append(out, "en lacks "+k)
		}
	}
	for k := range m[LangEn] {
		if _, ok := m[LangZh][k]; !ok {
			out = append(out, "zh lacks "+k)
		}
	}
	slices.Sort(out)
	return out
}

// T returns the text of key in lang with {n} placeholders filled. A missing
// key comes back as ⟦key⟧ rather than an empty string.
func (m messages) T(lang, key string, args ...any) string {
	s, ok := m[lang][key]
	if !ok {
		return missingMark + key + "⟧"
	}
	for i, a := range args {
		s = strings.ReplaceAll(s, fmt.Sprintf("{%d}", i), fmt.Sprint(a))
	}
	return s
}

// validLang reports whether l is a language we have a catalog for.
func validLang(l string) bool { return l == LangZh || l == LangEn }

// requestLang picks the language of a request: ?lang= first, then the lang
// cookie, then the node default.
func requestLang(r *http.Request, def string) string {
	if l := r.URL.Query().Get("lang"); validLang(l) {
		return l
	}
	if c, err := r.Cookie(langCookie); err == nil && validLang(c.Value) {
		return c.Value
	}
	if validLang(def) {
		return def
	}
	return LangZh
}

// htmlLang is the value of <html lang>, which screen readers and fonts use.
func htmlLang(l string) string {
	if l == LangEn {
		return "en"
	}
	return "zh-CN"
}
