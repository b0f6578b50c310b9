// SPDX-License-Identifier: Apache-2.0

package web

import (
	"html/template"
	"net/http"
	"net/url"
	"time"

	"github.com/xinrong/xinrong/internal/httpx"
)

// view is what every template receives: the page's own data in Data, and
// what the layout needs (language, node, signed-in user, CSRF token).
// Templates call its methods with $ so they work inside range blocks:
// {{$.T "search.title"}}, {{$.Date .RegisteredAt}}, {{$.Asset "app.css"}}.
type view struct {
	Lang     string
	NodeName string
	User     *userView // nil on the login and error pages when signed out
	CSRF     string    // token for forms on this page
	Path     string    // request path and query, for the language switch
	Nav      string    // which header link is current: home, search, catalog
	Data     any

	msgs   messages
	assets *assets
}

// userView is the signed-in user as the header shows them.
type userView struct {
	Name      string // display name
	Login     string // username
	OrgName   string
	OrgKind   string // operator, provider, institution, enterprise, regulator
	KindLabel string // the kind in the page's language
	Roles     []string
}

// T returns the message for key in the page's language.
func (v *view) T(key string, args ...any) string { return v.msgs.T(v.Lang, key, args...) }

// Pick returns zh or en, whichever matches the page's language, falling back
// to zh when the English text is empty (data files are Chinese first).
func (v *view) Pick(zh, en string) string {
	if v.Lang == LangEn && en != "" {
		return en
	}
	return zh
}

// Date shows a date in China Standard Time.
func (v *view) Date(t time.Time) string { return formatDate(t) }

// DateTime shows a time to the minute in China Standard Time.
func (v *view) DateTime(t time.Time) string { return formatDateTime(t) }

// Yuan shows an amount of fen as yuan: "1,234.50 元" / "CNY 1,234.50".
func (v *view) Yuan(fen int64) string { return v.T("money.yuan", formatFen(fen)) }

// Count shows a count with thousands separators.
func (v *view) Count(n int) string { return formatCount(n) }

// Asset returns the content-hash URL of a static file.
func (v *view) Asset(name string) (string, error) { return v.assets.URL(name) }

// HTMLLang is the page's <html lang> value.
func (v *view) HTMLLang() string { return htmlLang(v.Lang) }

// OtherLang is the language the switch offers.
func (v *view) OtherLang() string {
	if v.Lang == LangEn {
		return LangZh
	}
	return LangEn
}

// LangURL is the link that switches to lang and comes back to this page.
func (v *view) LangURL(lang string) template.URL {
	return template.URL("/lang/" + lang + "?next=" + url.QueryEscape(v.Path))
}

// newView starts the view for a request.
func (h *Handler) newView(r *http.Request, data any) *view {
	v := &view{
		Lang:     requestLang(r, h.deps.DefaultLang),
		NodeName: h.deps.NodeName,
		Path:     localPath(r.URL),
		Data:     data,
		msgs:     h.msgs,
		assets:   h.assets,
	}
	v.User = h.currentUser(r)
	v.CSRF = httpx.CSRFToken(r)
	return v
}

// render writes a page with the given status.
func (h *Handler) render(w http.ResponseWriter, r *http.Request, status int, page string, v *view) error {
	b, err := h.tpl.execute(page, v)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store") // pages carry personal and credit data
	w.Header().Set("Content-Language", htmlLang(v.Lang))
	w.WriteHeader(status)
	_, err = w.Write(b)
	return err
}

// localPath returns the path and query of u, dropping any lang parameter so
// the switch does not stack them.
func localPath(u *url.URL) string {
	q := u.Query()
	q.Del("lang")
	p := u.EscapedPath()
	if p == "" {
		p = "/"
	}
	if len(q) > 0 {
		p += "?" + q.Encode()
	}
	return p
}

// safeNext accepts only a local absolute path as a redirect target, so a
// crafted link cannot send a user to another site after login.
func safeNext(next string) string {
	u, err := url.Parse(next)
	if err != nil || next == "" || next[0] != '/' || (len(next) > 1 && (next[1] == '/' || next[1] == '\\')) ||
		u.Scheme != "" || u.Host != "" {
		return "/"
	}
	return next
}
