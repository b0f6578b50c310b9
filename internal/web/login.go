// SPDX-License-Identifier: Apache-2.0

package web

import (
	"crypto/subtle"
	"errors"
	"net/http"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
)

// loginPage is the data of the login template.
type loginPage struct {
	Username string
	Next     string
	Error    string // message key
}

// showLogin shows the login form; a signed-in user goes straight on.
func (h *Handler) showLogin(w http.ResponseWriter, r *http.Request) error {
	next := safeNext(r.URL.Query().Get("next"))
	if _, ok := access.PrincipalFrom(r.Context()); ok {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	return h.render(w, r, http.StatusOK, "login", h.newView(r, loginPage{Next: next}))
}

// login checks the form's CSRF token and the password, then sets the
// session cookie and goes where the user was heading. Every refusal
// re-renders the form with a message that says what to do.
func (h *Handler) login(w http.ResponseWriter, r *http.Request) error {
	f, err := parseLoginForm(w, r)
	if err != nil {
		return err
	}
	p := loginPage{Username: f.Username, Next: f.Next}
	if err := checkCSRF(r); err != nil {
		return h.loginRefused(w, r, err)
	}
	if f.Username == "" || f.Password == "" {
		p.Error = "login.error.missing"
		return h.render(w, r, http.StatusBadRequest, "login", h.newView(r, p))
	}
	sess, _, err := h.deps.Sessions.Login(r.Context(), f.Username, f.Password, httpx.LoginMeta(r, h.deps.TrustedProxies))
	if err != nil {
		return h.loginRefused(w, r, err)
	}
	httpx.SetSessionCookie(w, sess, h.deps.SecureCookies)
	http.Redirect(w, r, f.Next, http.StatusSeeOther)
	return nil
}

// loginRefused re-renders the sign-in form with the reason for a refusal:
// wrong credentials, a lockout, a suspended account or an expired form
// (also when httpx.CSRF refused it before the handler ran). Other errors
// go to the error page.
func (h *Handler) loginRefused(w http.ResponseWriter, r *http.Request, err error) error {
	p := loginPage{Username: r.PostFormValue("username"), Next: safeNext(r.PostFormValue("next"))}
	status := httpx.Status(err)
	switch {
	case errors.Is(err, errFormExpired):
		p.Error = "login.error.expired"
	case apperr.Is(err, apperr.Unauthenticated):
		p.Error = "login.error.bad_credentials"
	case apperr.Is(err, apperr.TooMany):
		p.Error = "login.error.locked"
	case apperr.Is(err, apperr.Forbidden):
		p.Error = "login.error.disabled"
	default:
		return err
	}
	return h.render(w, r, status, "login", h.newView(r, p))
}

// logout ends the session and returns to the login page. It is a POST
// with the session's CSRF token, so a foreign page cannot sign users out.
func (h *Handler) logout(w http.ResponseWriter, r *http.Request) error {
	r.Body = http.MaxBytesReader(w, r.Body, 4<<10)
	if sess, ok := httpx.SessionFrom(r.Context()); ok {
		if err := checkCSRF(r); err != nil {
			return err
		}
		if err := h.deps.Sessions.Logout(r.Context(), sess.Token); err != nil {
			return err
		}
	}
	httpx.ClearSessionCookie(w, h.deps.SecureCookies)
	http.Redirect(w, r, "/login", http.StatusSeeOther)
	return nil
}

// The UI relies on the node's middleware for who is asking and for CSRF:
// httpx.Authenticate puts the principal and the session in the context,
// and httpx.CSRF refuses unsafe requests without the right token. The
// handlers below read what those left and, for the two forms that change
// sessions, check the token again, so that a node wired without httpx.CSRF
// fails closed (no sign-in possible) instead of open.

// currentUser is the header's view of the principal, or nil.
func (h *Handler) currentUser(r *http.Request) *userView {
	p, ok := access.PrincipalFrom(r.Context())
	if !ok {
		return nil
	}
	lang := requestLang(r, h.deps.DefaultLang)
	u := &userView{Name: p.DisplayName, Login: p.Username, OrgName: p.OrgName,
		OrgKind: string(p.OrgKind), KindLabel: p.OrgKind.Label(lang)}
	if u.Name == "" {
		u.Name = p.Username
	}
	for _, role := range p.Roles {
		u.Roles = append(u.Roles, role.Label(lang))
	}
	return u
}

// errFormExpired is what a form posted without the page's token gets.
var errFormExpired = apperr.Forbiddenf("表单已过期或来源无效，请返回后重试 / the form has expired or did not come from this site; go back and try again")

// checkCSRF compares the posted token with the one httpx.CSRFToken gives
// this request: the session's token when signed in, else the HMAC bound to
// the xr_csrf cookie. Without httpx.CSRF installed there is no cookie
// token, and every anonymous post is refused.
func checkCSRF(r *http.Request) error {
	want := httpx.CSRFToken(r)
	got := r.PostFormValue(httpx.CSRFField)
	if want == "" || got == "" || subtle.ConstantTimeCompare([]byte(want), []byte(got)) != 1 {
		return errFormExpired
	}
	return nil
}

// isLoginPost reports whether r is the sign-in form being submitted; its
// refusals are shown on the form itself.
func isLoginPost(r *http.Request) bool {
	return r.Method == http.MethodPost && r.URL.Path == "/login"
}
