// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
)

// errorPage is the data of the error template. Message is shown for 4xx
// errors other than 404 (whose advice is enough): apperr messages are safe
// for clients by definition, and say what to fix or why access was refused.
type errorPage struct {
	Status    int
	TitleKey  string
	NextKey   string
	Message   string // the safe message of a 4xx error, in the page's language when it has both
	RequestID string
}

// knownStatuses have their own title and advice in the catalogs; other
// statuses fall back to 400 or 500.
var knownStatuses = map[int]bool{400: true, 403: true, 404: true, 405: true, 409: true, 429: true, 500: true, 503: true}

// writeError is the HTML ErrorWriter given to httpx.Handle. A request that
// is not signed in is sent to the login page and comes back afterwards;
// every other error becomes a page in the user's language that says what
// to do next. Internal causes never reach the page, only the request ID.
func (h *Handler) writeError(w http.ResponseWriter, r *http.Request, status int, err error) {
	if status == http.StatusUnauthorized {
		h.redirectToLogin(w, r)
		return
	}
	if isLoginPost(r) && status == http.StatusForbidden {
		// httpx.CSRF refused the sign-in form (a stale tab, cookies
		// cleared): show the form again with a fresh token.
		if h.loginRefused(w, r, errFormExpired) == nil {
			return
		}
	}
	key := status
	if !knownStatuses[key] {
		key = 400
		if status >= 500 {
			key = 500
		}
	}
	v := h.newView(r, nil)
	data := errorPage{Status: status, TitleKey: "error." + strconv.Itoa(key) + ".title",
		NextKey: "error." + strconv.Itoa(key) + ".next", RequestID: httpx.RequestIDFrom(r.Context())}
	if err != nil && status < 500 && status != http.StatusNotFound {
		data.Message = pickLang(apperr.Message(err), v.Lang)
	}
	v.Data = data
	if rerr := h.render(w, r, status, "error", v); rerr != nil {
		h.deps.Log.ErrorContext(r.Context(), "render error page", "request_id", data.RequestID, "error", rerr)
		http.Error(w, http.StatusText(status), status)
	}
}

// redirectToLogin sends a signed-out visitor to the login page. A GET
// remembers where it was going; anything else returns to the home page.
func (h *Handler) redirectToLogin(w http.ResponseWriter, r *http.Request) {
	target := "/login"
	if r.Method == http.MethodGet && r.URL.Path != "/" {
		target += "?next=" + url.QueryEscape(localPath(r.URL))
	}
	http.Redirect(w, r, target, http.StatusSeeOther)
}

// pickLang chooses one half of a bilingual domain message written as
// "中文 / English" (the convention of every service in this repository).
// Messages in another shape are shown whole.
func pickLang(msg, lang string) string {
	zh, en, ok := strings.Cut(msg, " / ")
	if !ok || strings.Contains(en, " / ") {
		return msg
	}
	if lang == LangEn {
		return en
	}
	return zh
}

// notFound answers every path no route matched.
func (h *Handler) notFound(w http.ResponseWriter, r *http.Request) error {
	return apperr.NotFoundf("页面不存在 / page not found")
}
