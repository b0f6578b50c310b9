// SPDX-License-Identifier: Apache-2.0

package httpx_test

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"net/url"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

const password = "Xinrong-2024-pw"

// env is a real access service and store behind the middleware chain the
// API and web surfaces use: Authenticate, then CSRF, then the routes.
type env struct {
	store   *sqlstore.Store
	svc     *access.Service
	handler http.Handler
	bank    access.Organization
	session access.Session // bank.officer's
	bearer  string         // a token of the bank's client
}

func newEnv(t *testing.T) *env {
	t.Helper()
	ctx := context.Background()
	e := &env{store: storetest.Open(t)}
	e.svc = access.New(e.store, access.Options{Hasher: access.NewHasher(access.PasswordParams{Time: 1, Memory: 64, Threads: 1, SaltLen: 16, KeyLen: 32}, 2)})
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	var err error
	if e.bank, err = e.svc.CreateOrganization(sys, access.NewOrganization{Kind: access.OrgInstitution, Name: "测试银行", Code: "91640000MA76543210"}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.CreateUser(sys, access.NewUser{OrgID: e.bank.ID, Username: "bank.officer", Roles: []access.Role{access.RoleInstitutionQueryOfficer}, Password: password}); err != nil {
		t.Fatal(err)
	}
	if e.session, _, err = e.svc.Login(ctx, "bank.officer", password, access.LoginMeta{IP: "192.0.2.1"}); err != nil {
		t.Fatal(err)
	}
	c, secret, err := e.svc.CreateClient(sys, e.bank.ID, "API", []access.Role{access.RoleInstitutionQueryOfficer})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := e.svc.IssueToken(ctx, c.ID, secret, "")
	if err != nil {
		t.Fatal(err)
	}
	e.bearer = tok.Token

	ew := httpx.WriteJSONError
	auth := httpx.RequirePrincipal(ew)
	ok := func(w http.ResponseWriter, r *http.Request) {
		p, _ := access.PrincipalFrom(r.Context())
		fmt.Fprintf(w, "ok %s %s", p.Kind, p.Username)
	}
	mux := http.NewServeMux()
	mux.Handle("GET /api/v1/me", auth(http.HandlerFunc(ok)))
	mux.Handle("POST /api/v1/things", auth(http.HandlerFunc(ok)))
	mux.Handle("DELETE /api/v1/things/{id}", auth(http.HandlerFunc(ok)))
	mux.Handle("GET /api/v1/admin", httpx.RequireRole(ew, access.RoleOperatorAdmin, access.RoleInstitutionAdmin)(http.HandlerFunc(ok)))
	mux.HandleFunc("GET /login", func(w http.ResponseWriter, r *http.Request) { fmt.Fprintf(w, "token=%s", httpx.CSRFToken(r)) })
	mux.HandleFunc("POST /login", ok)
	mux.HandleFunc("POST /api/v1/oauth/token", ok)
	csrf, err := httpx.CSRF(httpx.CSRFOptions{Secret: []byte(strings.Repeat("s", 32)), BypassPatterns: []string{"POST /api/v1/oauth/token"}})
	if err != nil {
		t.Fatal(err)
	}
	e.handler = httpx.Authenticate(e.svc, httpx.AuthOptions{})(csrf(mux))
	return e
}

// scenario is one request and what must and must not come back.
type scenario struct {
	name    string
	method  string
	url     string
	headers map[string]string
	form    url.Values
	status  int
	want    []string // substrings of the body
	notWant []string
}

// run serves sc and checks it; it returns the response and its body.
func (e *env) run(t *testing.T, sc scenario) (*http.Response, string) {
	t.Helper()
	var body io.Reader
	if sc.form != nil {
		body = strings.NewReader(sc.form.Encode())
	}
	r := httptest.NewRequest(sc.method, "http://xinrong.test"+sc.url, body)
	if sc.form != nil {
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	for k, v := range sc.headers {
		r.Header.Set(k, v)
	}
	w := httptest.NewRecorder()
	e.handler.ServeHTTP(w, r)
	res := w.Result()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != sc.status {
		t.Fatalf("%s %s: status=%d, want %d; body %s", sc.method, sc.url, res.StatusCode, sc.status, b)
	}
	for _, s := range sc.want {
		if !strings.Contains(string(b), s) {
			t.Fatalf("body %q lacks %q", b, s)
		}
	}
	for _, s := range sc.notWant {
		if strings.Contains(string(b), s) {
			t.Fatalf("body %q contains %q", b, s)
		}
	}
	return res, string(b)
}

func TestAuthenticate(t *testing.T) {
	e := newEnv(t)
	cookie := httpx.SessionCookie + "=" + e.session.Token
	for _, sc := range []scenario{
		{name: "ErrNoCredentials", method: "GET", url: "/api/v1/me", status: 401, want: []string{`"code":"unauthenticated"`}},
		{name: "OK_Session", method: "GET", url: "/api/v1/me", headers: map[string]string{"Cookie": cookie}, status: 200, want: []string{"ok user bank.officer"}},
		{name: "OK_Bearer", method: "GET", url: "/api/v1/me", headers: map[string]string{"Authorization": "Bearer " + e.bearer}, status: 200, want: []string{"ok client API"}},
		{name: "ErrBadBearer", method: "GET", url: "/api/v1/me", headers: map[string]string{"Authorization": "Bearer nope"}, status: 401},
		{name: "ErrBasicAuth", method: "GET", url: "/api/v1/me", headers: map[string]string{"Authorization": "Basic dXNlcjpwdw=="}, status: 401},
		{name: "ErrGarbageCookie", method: "GET", url: "/api/v1/me", headers: map[string]string{"Cookie": httpx.SessionCookie + "=garbage"}, status: 401},
		{name: "ErrRole", method: "GET", url: "/api/v1/admin", headers: map[string]string{"Cookie": cookie}, status: 403, want: []string{"institution_admin"}},
	} {
		t.Run(sc.name, func(t *testing.T) {
			res, _ := e.run(t, sc)
			if sc.status == 401 && res.Header.Get("WWW-Authenticate") == "" {
				t.Fatal("401 without WWW-Authenticate")
			}
		})
	}
	t.Run("GarbageCookieCleared", func(t *testing.T) {
		res, _ := e.run(t, scenario{method: "GET", url: "/login", headers: map[string]string{"Cookie": httpx.SessionCookie + "=garbage"}, status: 200})
		var cleared bool
		for _, c := range res.Cookies() {
			cleared = cleared || (c.Name == httpx.SessionCookie && c.MaxAge < 0)
		}
		if !cleared {
			t.Fatalf("invalid session cookie not cleared: %v", res.Header["Set-Cookie"])
		}
	})
	t.Run("SuspendedOrganization", func(t *testing.T) {
		ctx := context.Background()
		if err := e.store.UpdateOrganizationStatus(ctx, e.bank.ID, access.OrgSuspended, e.store.Now()); err != nil {
			t.Fatal(err)
		}
		e.run(t, scenario{method: "GET", url: "/api/v1/me", headers: map[string]string{"Cookie": cookie}, status: 403, want: []string{"suspended"}})
		e.run(t, scenario{method: "GET", url: "/api/v1/me", headers: map[string]string{"Authorization": "Bearer " + e.bearer}, status: 403, want: []string{"unauthorized_client"}})
	})
}

func TestSessionCookie_Attributes(t *testing.T) {
	w := httptest.NewRecorder()
	httpx.SetSessionCookie(w, access.Session{Token: "t"}, true)
	c := w.Result().Cookies()[0]
	if c.Name != "xr_session" || !c.HttpOnly || !c.Secure || c.SameSite != http.SameSiteLaxMode || c.Path != "/" {
		t.Fatalf("cookie=%+v", c)
	}
}

func TestLoginMeta_ClientIP(t *testing.T) {
	lb := []netip.Prefix{netip.MustParsePrefix("10.0.0.0/8")}
	tests := []struct {
		name, remote, xff, want string
	}{
		{"Direct", "203.0.113.9:5000", "", "203.0.113.9"},
		{"ErrSpoofedHeader", "203.0.113.9:5000", "198.51.100.1", "203.0.113.9"},
		{"BehindProxy", "10.0.0.2:5000", "198.51.100.1, 10.0.0.3", "198.51.100.1"},
		{"ProxyNoHeader", "10.0.0.2:5000", "", "10.0.0.2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/login", nil)
			r.RemoteAddr = tt.remote
			if tt.xff != "" {
				r.Header.Set("X-Forwarded-For", tt.xff)
			}
			if got := httpx.LoginMeta(r, lb).IP; got != tt.want {
				t.Fatalf("IP=%q, want %q", got, tt.want)
			}
		})
	}
}
