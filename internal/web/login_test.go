// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/httpx"
)

func TestLogin(t *testing.T) {
	env := newTestEnv(t)
	user := env.users[access.OrgInstitution]

	t.Run("FormShowsNodeAndToken", func(t *testing.T) {
		doc := mustGet(t, env.client(t), env.srv.URL+"/login", http.StatusOK)
		if got := doc.text(t, "p.node"); !strings.Contains(got, "宁夏测试节点") {
			t.Fatalf("node line %q lacks the node name", got)
		}
		if doc.attr(t, "input[name=csrf_token]", "value") == "" {
			t.Fatal("login form has no CSRF token")
		}
		doc.one(t, "label[for=username]")
		doc.one(t, "label[for=password]")
	})

	t.Run("ErrMissingCSRF", func(t *testing.T) {
		c := env.client(t)
		mustGet(t, c, env.srv.URL+"/login", http.StatusOK) // has the cookie, not the field
		res, doc := post(t, c, env.srv.URL+"/login", url.Values{"username": {user}, "password": {testPassword}})
		if got, want := res.StatusCode, http.StatusForbidden; got != want {
			t.Fatalf("status %d, want %d", got, want)
		}
		if got := doc.text(t, "#login-error"); !strings.Contains(got, "页面已过期") {
			t.Fatalf("error %q does not say the form expired", got)
		}
		assertNoSession(t, res)
		// The refusal page carries a working token: a retry signs in.
		res, _ = post(t, c, env.srv.URL+"/login", url.Values{"csrf_token": {doc.attr(t, "input[name=csrf_token]", "value")},
			"username": {user}, "password": {testPassword}})
		if got, want := res.StatusCode, http.StatusSeeOther; got != want {
			t.Fatalf("retry: status %d, want %d", got, want)
		}
	})

	t.Run("ErrNoCSRFMiddleware", func(t *testing.T) {
		// Wired without httpx.CSRF, sign-in fails closed.
		srv := httptest.NewServer(httpx.Authenticate(env.acc, httpx.AuthOptions{ErrorWriter: env.h.WriteError})(env.h))
		defer srv.Close()
		c := env.client(t)
		token := mustGet(t, c, srv.URL+"/login", http.StatusOK).attr(t, "input[name=csrf_token]", "value")
		res, _ := post(t, c, srv.URL+"/login", url.Values{"csrf_token": {token}, "username": {user}, "password": {testPassword}})
		if got, want := res.StatusCode, http.StatusForbidden; got != want {
			t.Fatalf("status %d, want %d", got, want)
		}
		assertNoSession(t, res)
	})

	t.Run("ErrForeignToken", func(t *testing.T) {
		// A token from another browser (an attacker's own page load) is refused.
		other := mustGet(t, env.client(t), env.srv.URL+"/login", http.StatusOK).attr(t, "input[name=csrf_token]", "value")
		c := env.client(t)
		mustGet(t, c, env.srv.URL+"/login", http.StatusOK)
		res, _ := post(t, c, env.srv.URL+"/login", url.Values{"csrf_token": {other}, "username": {user}, "password": {testPassword}})
		if got, want := res.StatusCode, http.StatusForbidden; got != want {
			t.Fatalf("status %d, want %d", got, want)
		}
		assertNoSession(t, res)
	})

	for _, tc := range []struct{ lang, want string }{{"zh", "用户名或密码错误"}, {"en", "Wrong username or password"}} {
		t.Run("ErrWrongPassword_"+tc.lang, func(t *testing.T) {
			c := env.client(t)
			token := mustGet(t, c, env.srv.URL+"/login?lang="+tc.lang, http.StatusOK).attr(t, "input[name=csrf_token]", "value")
			res, doc := post(t, c, env.srv.URL+"/login", url.Values{"csrf_token": {token}, "username": {user}, "password": {"Wrong-password-1"}})
			if got, want := res.StatusCode, http.StatusUnauthorized; got != want {
				t.Fatalf("status %d, want %d", got, want)
			}
			if got := doc.text(t, "#login-error"); got != tc.want {
				t.Fatalf("error %q, want %q", got, tc.want)
			}
			if got := doc.attr(t, "input[name=username]", "value"); got != user {
				t.Fatalf("username not kept: %q", got)
			}
			if got := doc.attr(t, "input[name=password]", "value"); got != "" {
				t.Fatal("the password was echoed back into the page")
			}
			assertNoSession(t, res)
		})
	}

	t.Run("OKRedirectsToNext", func(t *testing.T) {
		c := env.client(t)
		res, err := c.Get(env.srv.URL + "/subjects?q=枸杞")
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		loc := res.Header.Get("Location")
		if res.StatusCode != http.StatusSeeOther || !strings.HasPrefix(loc, "/login?next=") {
			t.Fatalf("anonymous search: %d %q, want 303 to the login page", res.StatusCode, loc)
		}
		doc := mustGet(t, c, env.srv.URL+loc, http.StatusOK)
		next := doc.attr(t, "input[name=next]", "value")
		res, _ = post(t, c, env.srv.URL+"/login", url.Values{"csrf_token": {doc.attr(t, "input[name=csrf_token]", "value")},
			"username": {strings.ToUpper(user)}, "password": {testPassword}, "next": {next}})
		if got, want := res.Header.Get("Location"), "/subjects?q="+url.QueryEscape("枸杞"); res.StatusCode != http.StatusSeeOther || got != want {
			t.Fatalf("login: %d to %q, want 303 to %q", res.StatusCode, got, want)
		}
		var sess *http.Cookie
		for _, ck := range res.Cookies() {
			if ck.Name == httpx.SessionCookie {
				sess = ck
			}
		}
		if sess == nil || !sess.HttpOnly || sess.SameSite != http.SameSiteLaxMode {
			t.Fatalf("session cookie %+v, want HttpOnly SameSite=Lax", sess)
		}
	})

	t.Run("ErrOpenRedirect", func(t *testing.T) {
		c := env.client(t)
		token := mustGet(t, c, env.srv.URL+"/login", http.StatusOK).attr(t, "input[name=csrf_token]", "value")
		res, _ := post(t, c, env.srv.URL+"/login", url.Values{"csrf_token": {token}, "username": {user},
			"password": {testPassword}, "next": {"//evil.example/x"}})
		if got := res.Header.Get("Location"); got != "/" {
			t.Fatalf("redirected to %q after login, want /", got)
		}
	})
}

func TestLogout(t *testing.T) {
	env := newTestEnv(t)
	c := env.client(t)
	env.login(t, c, access.OrgOperator)
	home := mustGet(t, c, env.srv.URL+"/", http.StatusOK)
	token := home.attr(t, "form[action=/logout] input[name=csrf_token]", "value")

	res, _ := post(t, c, env.srv.URL+"/logout", url.Values{"csrf_token": {"forged"}})
	if got, want := res.StatusCode, http.StatusForbidden; got != want {
		t.Fatalf("logout with a forged token: status %d, want %d", got, want)
	}
	mustGet(t, c, env.srv.URL+"/", http.StatusOK) // still signed in

	res, _ = post(t, c, env.srv.URL+"/logout", url.Values{"csrf_token": {token}})
	if got, want := res.Header.Get("Location"), "/login"; res.StatusCode != http.StatusSeeOther || got != want {
		t.Fatalf("logout: %d to %q", res.StatusCode, got)
	}
	res, err := c.Get(env.srv.URL + "/")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("after logout / answers %d, want 303 to login", res.StatusCode)
	}
}

// post sends a form and parses the answer when it is a page.
func post(t *testing.T, c *http.Client, u string, form url.Values) (*http.Response, *htmlDoc) {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b := readAll(t, res)
	if strings.HasPrefix(res.Header.Get("Content-Type"), "text/html") {
		return res, parseDoc(t, res, b)
	}
	return res, nil
}

func assertNoSession(t *testing.T, res *http.Response) {
	t.Helper()
	for _, ck := range res.Cookies() {
		if ck.Name == httpx.SessionCookie && ck.Value != "" {
			t.Fatal("a refused login set a session cookie")
		}
	}
}
