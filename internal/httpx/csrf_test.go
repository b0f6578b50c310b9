// SPDX-License-Identifier: Apache-2.0

package httpx_test

import (
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/httpx"
)

func TestCSRF_Session(t *testing.T) {
	e := newEnv(t)
	cookie := httpx.SessionCookie + "=" + e.session.Token
	h := func(kv ...string) map[string]string {
		m := map[string]string{"Cookie": cookie}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	for _, sc := range []scenario{
		{name: "ErrMissing", method: "POST", url: "/api/v1/things", headers: h(), status: 403, want: []string{"CSRF"}},
		{name: "ErrWrong", method: "POST", url: "/api/v1/things", headers: h("X-CSRF-Token", e.session.CSRFToken[:42]+"x"), status: 403},
		{name: "ErrOtherSessionsToken", method: "DELETE", url: "/api/v1/things/1", headers: h("X-CSRF-Token", strings.Repeat("A", 43)), status: 403},
		{name: "OK_Header", method: "POST", url: "/api/v1/things", headers: h("X-CSRF-Token", e.session.CSRFToken), status: 200},
		{name: "OK_FormField", method: "POST", url: "/api/v1/things", headers: h(), form: url.Values{"csrf_token": {e.session.CSRFToken}}, status: 200},
		{name: "OK_Delete", method: "DELETE", url: "/api/v1/things/1", headers: h("X-CSRF-Token", e.session.CSRFToken), status: 200},
		{name: "OK_SameOrigin", method: "POST", url: "/api/v1/things", headers: h("X-CSRF-Token", e.session.CSRFToken, "Origin", "http://xinrong.test", "Sec-Fetch-Site", "same-origin"), status: 200},
		{name: "ErrOriginMismatch", method: "POST", url: "/api/v1/things", headers: h("X-CSRF-Token", e.session.CSRFToken, "Origin", "https://evil.example"), status: 403, want: []string{"cross-origin"}},
		{name: "ErrCrossSite", method: "POST", url: "/api/v1/things", headers: h("X-CSRF-Token", e.session.CSRFToken, "Sec-Fetch-Site", "cross-site"), status: 403, want: []string{"cross-origin"}},
		{name: "OK_BearerExempt", method: "POST", url: "/api/v1/things", headers: map[string]string{"Authorization": "Bearer " + e.bearer, "Origin": "https://partner.example"}, status: 200, want: []string{"ok client"}},
		{name: "OK_SafeMethod", method: "GET", url: "/api/v1/me", headers: h("Sec-Fetch-Site", "cross-site"), status: 200},
		{name: "OK_Bypass", method: "POST", url: "/api/v1/oauth/token", form: url.Values{"grant_type": {"client_credentials"}}, status: 200},
	} {
		t.Run(sc.name, func(t *testing.T) { e.run(t, sc) })
	}
}

var tokenRE = regexp.MustCompile(`token=(\S+)`)

// The sign-in form has no session yet: its token is bound to the xr_csrf
// cookie with an HMAC keyed by the node secret.
func TestCSRF_AnonymousForm(t *testing.T) {
	e := newEnv(t)
	res, _ := e.run(t, scenario{method: "GET", url: "/login", status: 200})
	var nonce string
	for _, c := range res.Cookies() {
		if c.Name == httpx.CSRFCookie {
			nonce = c.Value
			if !c.HttpOnly || c.Path != "/" {
				t.Fatalf("xr_csrf cookie=%+v", c)
			}
		}
	}
	if nonce == "" {
		t.Fatalf("no xr_csrf cookie set: %v", res.Header["Set-Cookie"])
	}
	page := e.pageToken(t, nonce)
	if again := e.pageToken(t, nonce); again != page {
		t.Fatalf("token changed between page views: %q, %q", page, again)
	}
	other := e.pageToken(t, strings.Repeat("B", 43))
	if page == other || page == nonce {
		t.Fatalf("token %q not bound to its cookie", page)
	}
	withCookie := map[string]string{"Cookie": httpx.CSRFCookie + "=" + nonce}
	for _, sc := range []scenario{
		{name: "OK", method: "POST", url: "/login", headers: withCookie, form: url.Values{"csrf_token": {page}, "username": {"x"}}, status: 200},
		{name: "ErrNoCookie", method: "POST", url: "/login", form: url.Values{"csrf_token": {page}}, status: 403},
		{name: "ErrNoField", method: "POST", url: "/login", headers: withCookie, form: url.Values{"username": {"x"}}, status: 403},
		{name: "ErrCookieEchoed", method: "POST", url: "/login", headers: withCookie, form: url.Values{"csrf_token": {nonce}}, status: 403},
		{name: "ErrOtherCookiesToken", method: "POST", url: "/login", headers: withCookie, form: url.Values{"csrf_token": {other}}, status: 403},
		{name: "ErrCrossOrigin", method: "POST", url: "/login", headers: map[string]string{"Cookie": httpx.CSRFCookie + "=" + nonce, "Origin": "https://evil.example"},
			form: url.Values{"csrf_token": {page}}, status: 403, want: []string{"cross-origin"}},
	} {
		t.Run(sc.name, func(t *testing.T) { e.run(t, sc) })
	}
}

// pageToken renders the sign-in page for a browser holding the nonce,
// checks that no new cookie is set, and returns the token it shows.
func (e *env) pageToken(t *testing.T, nonce string) string {
	t.Helper()
	res, body := e.run(t, scenario{method: "GET", url: "/login", headers: map[string]string{"Cookie": httpx.CSRFCookie + "=" + nonce}, status: 200})
	if len(res.Cookies()) != 0 {
		t.Fatalf("cookie set although the browser has one: %v", res.Header["Set-Cookie"])
	}
	m := tokenRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no token in %q", body)
	}
	return m[1]
}

func TestCSRF_Options(t *testing.T) {
	if _, err := httpx.CSRF(httpx.CSRFOptions{}); err == nil {
		t.Fatal("CSRF without a secret accepted")
	}
	if _, err := httpx.CSRF(httpx.CSRFOptions{Secret: make([]byte, 32), TrustedOrigins: []string{"not a url"}}); err == nil {
		t.Fatal("malformed trusted origin accepted")
	}
}
