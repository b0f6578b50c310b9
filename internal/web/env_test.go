// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// testPassword satisfies the password policy for every test account.
const testPassword = "Xinrong-test-2024"

// cheapParams keep sign-in fast in tests; the production cost is the
// access package's business.
var cheapParams = access.PasswordParams{Time: 1, Memory: 64, Threads: 1, SaltLen: 16, KeyLen: 32}

// testEnv is a web UI over a real store with one account per kind of
// organization and a few enterprises.
type testEnv struct {
	h        *Handler
	srv      *httptest.Server
	subjects []subject.Subject
	subj     *subject.Service
	acc      *access.Service
	users    map[access.OrgKind]string // kind → user name
}

// newTestEnv builds the UI from the real access and subject services on a
// fresh store, behind the same middleware the node uses.
func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	store := storetest.Open(t)
	acc := access.New(store, access.Options{Hasher: access.NewHasher(cheapParams, 2)})
	subj := subject.NewService(store)
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	env := &testEnv{users: map[access.OrgKind]string{}, subj: subj, acc: acc}
	ctx := access.WithPrincipal(context.Background(), access.SystemPrincipal())
	for i, s := range []subject.Subject{
		{Name: "宁夏枸杞红实业有限公司", LegalRep: "马红", IndustryCode: "C1530", Status: subject.StatusActive,
			RegisteredAt: time.Date(2016, 3, 8, 0, 0, 0, 0, time.UTC), RegisteredCapitalFen: 500_000_000, Tags: []string{"专精特新"},
			Aliases: []subject.Alias{{Kind: subject.AliasFormerName, Value: "银川枸杞红商贸有限公司"}}},
		{Name: "银川塞上云数据科技有限公司", LegalRep: "李云", IndustryCode: "I6513", Status: subject.StatusActive,
			RegisteredAt: time.Date(2019, 11, 20, 0, 0, 0, 0, time.UTC), RegisteredCapitalFen: 1_234_567_89},
		{Name: "吴忠市红寺堡区葡萄种植专业合作社", IndustryCode: "A0152", Status: subject.StatusRevoked},
	} {
		dept, cat, region := byte('9'), byte('1'), "640104"
		if i == 2 {
			cat, region = '3', "640303"
		}
		s.USCC, err = subject.Make(dept, cat, region, fmt.Sprintf("MA7%05d", 1234+i))
		if err != nil {
			t.Fatal(err)
		}
		got, _, err := subj.Register(ctx, s)
		if err != nil {
			t.Fatalf("register %s: %v", s.Name, err)
		}
		env.subjects = append(env.subjects, got)
	}
	orgCodes := map[access.OrgKind]string{access.OrgOperator: "XYZX-640000", access.OrgProvider: "SWJ-640000",
		access.OrgInstitution: "BANK-NX-01", access.OrgEnterprise: env.subjects[0].USCC, access.OrgRegulator: "JG-640000"}
	orgs := map[access.OrgKind]access.Organization{}
	for _, k := range access.OrgKinds() {
		org, _, err := acc.EnsureOrganization(ctx, access.NewOrganization{Kind: k, Name: "测试" + k.Label("zh"), Code: orgCodes[k]})
		if err != nil {
			t.Fatalf("org %s: %v", k, err)
		}
		name := "demo-" + string(k)
		roles := access.RolesFor(k)[:1]
		if k == access.OrgInstitution {
			roles = []access.Role{access.RoleInstitutionQueryOfficer} // the one who reads enterprises
			orgs[k] = org
		}
		if k == access.OrgOperator {
			orgs[k] = org
		}
		if _, _, err := acc.EnsureUser(ctx, access.NewUser{OrgID: org.ID, Username: name, DisplayName: "演示" + string(k),
			Roles: roles, Password: testPassword}); err != nil {
			t.Fatalf("user %s: %v", name, err)
		}
		env.users[k] = name
	}
	g, reps := newGate(t, store, subj, orgs[access.OrgInstitution].ID, orgs[access.OrgOperator].ID)
	env.h, err = New(Deps{Sessions: acc, Organizations: acc, Subjects: subj, Catalog: StaticCatalog{cat}, Gate: g, Reports: reps,
		NodeName: "宁夏测试节点", Region: "640000", DefaultLang: LangZh,
		Log: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatal(err)
	}
	env.srv = httptest.NewServer(chain(t, env.h, acc))
	t.Cleanup(env.srv.Close)
	return env
}

// chain puts h behind the middleware the node runs it with.
func chain(t *testing.T, h *Handler, acc *access.Service) http.Handler {
	t.Helper()
	csrf, err := httpx.CSRF(httpx.CSRFOptions{Secret: []byte("test-secret-0123456789abcdef0123456789"), ErrorWriter: h.WriteError})
	if err != nil {
		t.Fatal(err)
	}
	authn := httpx.Authenticate(acc, httpx.AuthOptions{ErrorWriter: h.WriteError, Log: h.deps.Log})
	return httpx.RequestID(httpx.SecurityHeaders(authn(csrf(h))))
}

// testWriter sends log lines to the test log.
type testWriter struct{ t *testing.T }

func (w testWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}

// client returns a browser-like client with its own cookies that does not
// follow redirects, so tests see every 303.
func (e *testEnv) client(t *testing.T) *http.Client {
	t.Helper()
	jar, err := cookiejar.New(nil)
	if err != nil {
		t.Fatal(err)
	}
	return &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// login signs c in as the account of kind k through the real form.
func (e *testEnv) login(t *testing.T, c *http.Client, k access.OrgKind) {
	t.Helper()
	doc := mustGet(t, c, e.srv.URL+"/login", http.StatusOK)
	token := doc.attr(t, `input[name=csrf_token]`, "value")
	res := mustPost(t, c, e.srv.URL+"/login", url.Values{"csrf_token": {token}, "username": {e.users[k]},
		"password": {testPassword}, "next": {"/"}})
	if got, want := res.StatusCode, http.StatusSeeOther; got != want {
		t.Fatalf("login as %s: status %d, want %d", k, got, want)
	}
}

func mustPost(t *testing.T, c *http.Client, u string, form url.Values) *http.Response {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}
