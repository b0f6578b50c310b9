// SPDX-License-Identifier: Apache-2.0

package httpx

import (
	"context"
	"log/slog"
	"net"
	"net/http"
	"net/netip"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

// SessionCookie is the name of the browser session cookie.
const SessionCookie = "xr_session"

// Authenticator is the part of access.Service that Authenticate calls.
type Authenticator interface {
	SessionPrincipal(ctx context.Context, token string) (access.Session, access.Principal, error)
	TokenPrincipal(ctx context.Context, bearer string) (access.Principal, error)
}

// AuthOptions configure Authenticate.
type AuthOptions struct {
	SecureCookies bool         // config.SecureCookies: cookies only over HTTPS
	ErrorWriter   ErrorWriter  // for refused bearer tokens and store failures; default WriteJSONError
	Log           *slog.Logger // logs store failures; default slog.Default()
}

// authState records how the request authenticated, for CSRF and logout.
type authState struct {
	bearer  bool
	session access.Session // set when a session cookie was accepted
	refused error          // why a presented session was refused, for RequirePrincipal
}

type authKey struct{}

func authFrom(ctx context.Context) authState { st, _ := ctx.Value(authKey{}).(authState); return st }

// Authenticate puts the request's access.Principal in its context. An
// "Authorization: Bearer" token (machine clients) takes precedence and,
// if refused, ends the request with 401 or 403 at once. Otherwise a valid
// xr_session cookie makes a signed-in user; an expired or refused cookie is
// cleared and the request goes on anonymously, so that the sign-in page
// still works (RequirePrincipal then explains the refusal). Only a failure
// of the store itself (503/500) stops a cookie request.
func Authenticate(svc Authenticator, opts AuthOptions) func(http.Handler) http.Handler {
	ew := opts.ErrorWriter
	if ew == nil {
		ew = WriteJSONError
	}
	log := opts.Log
	if log == nil {
		log = slog.Default()
	}
	fail := func(w http.ResponseWriter, r *http.Request, err error) {
		status := Status(err)
		if status >= 500 {
			log.ErrorContext(r.Context(), "authentication failed", "request_id", RequestIDFrom(r.Context()), "error", err)
		}
		ew(w, r, status, err)
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			ctx := r.Context()
			if h := r.Header.Get("Authorization"); h != "" {
				scheme, token, _ := strings.Cut(h, " ")
				if !strings.EqualFold(scheme, "Bearer") || strings.TrimSpace(token) == "" {
					w.Header().Set("WWW-Authenticate", `Bearer realm="xinrong", error="invalid_request"`)
					fail(w, r, apperr.Unauthenticatedf("Authorization 头须为 Bearer 令牌 / the Authorization header must carry a Bearer token"))
					return
				}
				p, err := svc.TokenPrincipal(ctx, strings.TrimSpace(token))
				if err != nil {
					if apperr.Is(err, apperr.Unauthenticated) {
						w.Header().Set("WWW-Authenticate", `Bearer realm="xinrong", error="invalid_token"`)
					}
					fail(w, r, err)
					return
				}
				ctx = context.WithValue(access.WithPrincipal(ctx, p), authKey{}, authState{bearer: true})
				next.ServeHTTP(w, r.WithContext(ctx))
				return
			}
			c, err := r.Cookie(SessionCookie)
			if err != nil || c.Value == "" {
				next.ServeHTTP(w, r)
				return
			}
			sess, p, err := svc.SessionPrincipal(ctx, c.Value)
			switch {
			case err == nil:
				ctx = context.WithValue(access.WithPrincipal(ctx, p), authKey{}, authState{session: sess})
			case apperr.Is(err, apperr.Unauthenticated), apperr.Is(err, apperr.Forbidden):
				ClearSessionCookie(w, opts.SecureCookies)
				ctx = context.WithValue(ctx, authKey{}, authState{refused: err})
			default:
				fail(w, r, err)
				return
			}
			next.ServeHTTP(w, r.WithContext(ctx))
		})
	}
}

// RequirePrincipal refuses anonymous requests with apperr.Unauthenticated
// (401), or with the reason a presented session was refused (403 for a
// suspended organization), written by ew.
func RequirePrincipal(ew ErrorWriter) func(http.Handler) http.Handler {
	return RequireRole(ew)
}

// RequireRole refuses anonymous requests as RequirePrincipal does, and
// requests whose principal holds none of roles with apperr.Forbidden (403).
// With no roles it only requires a principal.
func RequireRole(ew ErrorWriter, roles ...access.Role) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			p, ok := access.PrincipalFrom(r.Context())
			if !ok {
				err := authFrom(r.Context()).refused
				if !apperr.Is(err, apperr.Forbidden) {
					err = access.ErrSessionExpired
					w.Header().Set("WWW-Authenticate", `Bearer realm="xinrong"`)
				}
				ew(w, r, Status(err), err)
				return
			}
			if len(roles) > 0 && !p.HasAny(roles...) {
				err := apperr.Forbiddenf("需要以下角色之一：%s / requires one of the roles: %s", roleLabels(roles), access.FormatRoles(roles))
				ew(w, r, http.StatusForbidden, err)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func roleLabels(roles []access.Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = r.Label("zh")
	}
	return strings.Join(s, "、")
}

// SessionFrom returns the browser session of the request, if it
// authenticated with a session cookie (for logout and page rendering).
func SessionFrom(ctx context.Context) (access.Session, bool) {
	st := authFrom(ctx)
	return st.session, st.session.Token != ""
}

// SetSessionCookie sets the session cookie after a sign-in. It is a
// browser-session cookie (no Max-Age): the server decides expiry, and
// closing the browser forgets it. HttpOnly keeps it from scripts,
// SameSite=Lax from cross-site POSTs.
func SetSessionCookie(w http.ResponseWriter, sess access.Session, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: sess.Token, Path: "/",
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
}

// ClearSessionCookie removes the session cookie (sign-out, expired session).
func ClearSessionCookie(w http.ResponseWriter, secure bool) {
	http.SetCookie(w, &http.Cookie{Name: SessionCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: secure, SameSite: http.SameSiteLaxMode})
}

// LoginMeta returns the client address and user agent for access.Login.
// X-Forwarded-For is believed only when the direct peer is one of trusted
// (the node's own load balancers); then the right-most address that is not
// a trusted proxy is the client. Otherwise the peer address is used, so a
// client cannot dodge the sign-in lockout by sending the header itself.
func LoginMeta(r *http.Request, trusted []netip.Prefix) access.LoginMeta {
	return access.LoginMeta{IP: clientIP(r, trusted), UserAgent: r.UserAgent()}
}

func clientIP(r *http.Request, trusted []netip.Prefix) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		host = r.RemoteAddr
	}
	isTrusted := func(s string) bool {
		a, err := netip.ParseAddr(strings.TrimSpace(s))
		if err != nil {
			return false
		}
		for _, p := range trusted {
			if p.Contains(a.Unmap()) {
				return true
			}
		}
		return false
	}
	if !isTrusted(host) {
		return host
	}
	hops := strings.Split(strings.Join(r.Header.Values("X-Forwarded-For"), ","), ",")
	for i := len(hops) - 1; i >= 0; i-- {
		h := strings.TrimSpace(hops[i])
		if _, err := netip.ParseAddr(h); err != nil {
			break
		}
		if !isTrusted(h) {
			return h
		}
	}
	return host
}
