// SPDX-License-Identifier: Apache-2.0

package httpx

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"sync"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Names under which a CSRF token travels.
const (
	CSRFCookie = "xr_csrf"    // anonymous forms: random nonce, HttpOnly
	CSRFField  = "csrf_token" // form field
	CSRFHeader = "X-CSRF-Token"
)

// CSRFOptions configure CSRF.
type CSRFOptions struct {
	// Secret is the node secret; it keys the HMAC that binds an anonymous
	// form's token to its xr_csrf cookie. Required.
	Secret        []byte
	SecureCookies bool
	// TrustedOrigins may send unsafe requests besides the node's own origin
	// ("https://xinyidai.example.gov.cn"), e.g. config.BaseURL when a proxy
	// rewrites Host.
	TrustedOrigins []string
	// BypassPatterns are ServeMux patterns that take no cookies and need no
	// CSRF check, e.g. "POST /api/v1/oauth/token" (client credentials).
	BypassPatterns []string
	ErrorWriter    ErrorWriter // default WriteJSONError
}

var (
	errCSRFToken   = apperr.Forbiddenf("CSRF 校验失败，请刷新页面后重试 / CSRF token missing or wrong: reload the page and try again")
	errCrossOrigin = apperr.Forbiddenf("拒绝跨站请求 / cross-origin request refused")
)

// CSRF returns middleware protecting cookie-authenticated browsers from
// cross-site request forgery on POST, PUT, PATCH and DELETE. Install it
// after Authenticate. Requests authenticated with a bearer token are exempt:
// a browser never attaches one on its own. Every other unsafe request must
//   - come from this origin (Sec-Fetch-Site, else Origin against Host;
//     net/http.CrossOriginProtection), and
//   - carry the token CSRFToken gives, in the X-CSRF-Token header or the
//     csrf_token form field: with a session, the session's synchronizer
//     token; without one (the sign-in form), an HMAC of the xr_csrf cookie
//     (signed double-submit, so a cookie planted from a sibling domain is
//     useless without the node secret).
func CSRF(opts CSRFOptions) (func(http.Handler) http.Handler, error) {
	if len(opts.Secret) < 16 {
		return nil, errors.New("httpx: csrf: the node secret is missing or too short")
	}
	ew := opts.ErrorWriter
	if ew == nil {
		ew = WriteJSONError
	}
	cop := http.NewCrossOriginProtection()
	for _, o := range opts.TrustedOrigins {
		if err := cop.AddTrustedOrigin(o); err != nil {
			return nil, fmt.Errorf("httpx: csrf: %w", err)
		}
	}
	bypass := http.NewServeMux()
	for _, p := range opts.BypassPatterns {
		cop.AddInsecureBypassPattern(p)
		bypass.Handle(p, http.NotFoundHandler())
	}
	mac := func(nonce string) string {
		h := hmac.New(sha256.New, opts.Secret)
		h.Write([]byte("xinrong csrf v1\x00" + nonce))
		return base64.RawURLEncoding.EncodeToString(h.Sum(nil))
	}
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			st := &csrfState{w: w, mac: mac, secure: opts.SecureCookies}
			if c, err := r.Cookie(CSRFCookie); err == nil && len(c.Value) == 43 {
				st.nonce = c.Value
			}
			r = r.WithContext(context.WithValue(r.Context(), csrfKey{}, st))
			if _, pattern := bypass.Handler(r); pattern != "" || authFrom(r.Context()).bearer || safeMethod(r.Method) {
				next.ServeHTTP(w, r)
				return
			}
			if err := cop.Check(r); err != nil {
				ew(w, r, http.StatusForbidden, apperr.E(apperr.Forbidden, errCrossOrigin.Msg, err))
				return
			}
			want := ""
			if sess, ok := SessionFrom(r.Context()); ok {
				want = sess.CSRFToken
			} else if st.nonce != "" {
				want = mac(st.nonce)
			}
			if want == "" {
				// Nothing to compare with: refuse before reading the body.
				ew(w, r, http.StatusForbidden, errCSRFToken)
				return
			}
			got := submittedCSRF(w, r)
			if got == "" || subtle.ConstantTimeCompare([]byte(got), []byte(want)) != 1 {
				ew(w, r, http.StatusForbidden, errCSRFToken)
				return
			}
			next.ServeHTTP(w, r)
		})
	}, nil
}

func safeMethod(m string) bool {
	return m == http.MethodGet || m == http.MethodHead || m == http.MethodOptions || m == http.MethodTrace
}

// MaxFormBody bounds a form body read to find its CSRF field. A plain-form
// file upload (the no-script fallback) is parsed here, so the bound sits
// above the largest upload the pages accept (512 MiB).
const MaxFormBody = 600 << 20

// submittedCSRF reads the token from the header, or from the form field of
// a form body (never parsing JSON or other bodies), reading at most
// MaxFormBody bytes.
func submittedCSRF(w http.ResponseWriter, r *http.Request) string {
	if v := r.Header.Get(CSRFHeader); v != "" {
		return v
	}
	mt, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if mt != "application/x-www-form-urlencoded" && mt != "multipart/form-data" {
		return ""
	}
	r.Body = http.MaxBytesReader(w, r.Body, MaxFormBody)
	return r.PostFormValue(CSRFField)
}

type csrfKey struct{}

// csrfState is per request: the anonymous nonce, made on first use.
type csrfState struct {
	mu     sync.Mutex
	w      http.ResponseWriter
	mac    func(string) string
	secure bool
	nonce  string
}

// CSRFToken returns the token a page must put in its forms (field
// csrf_token) or scripts (header X-CSRF-Token): the session's token when
// signed in, else one bound to the xr_csrf cookie, which it sets if the
// browser has none. Call it before writing the response body (render
// templates into a buffer). It returns "" when CSRF is not installed.
func CSRFToken(r *http.Request) string {
	if sess, ok := SessionFrom(r.Context()); ok {
		return sess.CSRFToken
	}
	st, _ := r.Context().Value(csrfKey{}).(*csrfState)
	if st == nil {
		return ""
	}
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.nonce == "" {
		var b [32]byte
		if _, err := rand.Read(b[:]); err != nil {
			return ""
		}
		st.nonce = base64.RawURLEncoding.EncodeToString(b[:])
		http.SetCookie(st.w, &http.Cookie{Name: CSRFCookie, Value: st.nonce, Path: "/",
			HttpOnly: true, Secure: st.secure, SameSite: http.SameSiteLaxMode})
	}
	return st.mac(st.nonce)
}
