// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"context"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/report/pdf"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/api"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

const testPassword = "Xinrong-2024-pw"

// cheapParams keep password hashing out of the tests' running time.
var cheapParams = access.PasswordParams{Time: 1, Memory: 64, Threads: 1, SaltLen: 16, KeyLen: 32}

// env is the API over real services on a fresh store, wrapped in the same
// authentication and CSRF middleware app installs, with a principal for
// every role the scenarios need.
type env struct {
	handler http.Handler
	mux     *http.ServeMux
	routes  []api.Route
	access  *access.Service
	creds   map[string]cred // "op-token", "bank-session", …
	clients map[string][2]string
	codes   map[string]string // named fixture codes
}

// cred is how a principal proves itself: a bearer token or a session.
type cred struct {
	bearer  string
	session access.Session
}

func newEnv(t testing.TB) *env {
	t.Helper()
	ctx := context.Background()
	store := storetest.Open(t)
	acc := access.New(store, access.Options{Hasher: access.NewHasher(cheapParams, 2)})
	subjects := subject.NewService(store)
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.NewService(ctx, store, base)
	if err != nil {
		t.Fatalf("catalog.NewService: %v", err)
	}
	col := ingest.NewService(store, cat, store, nil)
	onb := newOnboard(t, store, acc, cat)
	cons := newConsent(t, store, cat)
	gt, reps := newReports(t, store, subjects, cat, cons, onb)
	ver := newVerify(t, store, subjects, cat, gt)
	use := newUsage(t, store, col, cat, gt)
	fd := newFeed(t, store, gt)
	rts := newRights(t, store, cat)
	regs, srs := newRegister(t, store, acc, subjects, col, cat)
	psis := newPSI(t, store, cat, gt)
	h := api.New(api.Deps{Tokens: acc, Subjects: subjects, Catalog: cat, Collect: col, Master: subjects, DataDir: t.TempDir(),
		Consent: cons, Onboard: onb, Gate: gt, Reports: reps, Render: api.Renderers{HTML: report.ServeHTML, PDF: pdf.Serve}, Verify: ver,
		Feed: fd, Usage: use, Rights: rts, Register: regs, SelfReports: srs, PSI: psis,
		Scores: newScores(t, store, cat)})
	e := &env{mux: http.NewServeMux(), access: acc, creds: map[string]cred{}, clients: map[string][2]string{}, codes: map[string]string{}}
	e.routes = h.Routes(e.mux)
	csrf, err := httpx.CSRF(httpx.CSRFOptions{Secret: []byte("test-secret-0123456789abcdef0123"), BypassPatterns: append(api.SelfAuthenticated(), api.CSRFBypass()...)})
	if err != nil {
		t.Fatal(err)
	}
	// As app should mount it: the token endpoint around Authenticate
	// (which refuses HTTP Basic), everything else through Authenticate and
	// CSRF, with the API's own CSRF check in place of httpx.CSRF's.
	outer := http.NewServeMux()
	for _, p := range api.SelfAuthenticated() {
		outer.Handle(p, e.mux)
	}
	outer.Handle("/", httpx.Authenticate(acc, httpx.AuthOptions{})(csrf(e.mux)))
	e.handler = httpx.RequestID(outer)

	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	orgs := map[access.OrgKind]access.Organization{}
	for _, k := range []access.OrgKind{access.OrgOperator, access.OrgInstitution, access.OrgProvider, access.OrgRegulator} {
		o, err := acc.CreateOrganization(sys, access.NewOrganization{Kind: k, Name: "测试" + k.Label("zh"), Code: "XR-" + strings.ToUpper(string(k))})
		if err != nil {
			t.Fatalf("CreateOrganization(%s): %v", k, err)
		}
		orgs[k] = o
	}
	users := []struct {
		name  string
		org   access.OrgKind
		roles []access.Role
	}{
		{"op", access.OrgOperator, []access.Role{access.RoleOperator}},
		{"opadmin", access.OrgOperator, []access.Role{access.RoleOperatorAdmin}},
		{"bank", access.OrgInstitution, []access.Role{access.RoleInstitutionQueryOfficer}},
		{"bankadmin", access.OrgInstitution, []access.Role{access.RoleInstitutionAdmin}},
		{"provider", access.OrgProvider, []access.Role{access.RoleProviderSubmitter}},
		{"suspended", access.OrgRegulator, []access.Role{access.RoleRegulatorViewer}},
	}
	for _, u := range users {
		if _, err := acc.CreateUser(sys, access.NewUser{OrgID: orgs[u.org].ID, Username: u.name + "-user", Roles: u.roles, Password: testPassword}); err != nil {
			t.Fatalf("CreateUser(%s): %v", u.name, err)
		}
		sess, _, err := acc.Login(ctx, u.name+"-user", testPassword, access.LoginMeta{IP: "192.0.2.1"})
		if err != nil {
			t.Fatalf("Login(%s): %v", u.name, err)
		}
		e.creds[u.name+"-session"] = cred{session: sess}
		if u.roles[0].Admin() {
			continue // machine clients never hold administrator roles
		}
		c, secret, err := acc.CreateClient(sys, orgs[u.org].ID, u.name+" system", u.roles)
		if err != nil {
			t.Fatalf("CreateClient(%s): %v", u.name, err)
		}
		e.clients[u.name] = [2]string{c.ID, secret}
		tok, err := acc.IssueToken(ctx, c.ID, secret, "")
		if err != nil {
			t.Fatalf("IssueToken(%s): %v", u.name, err)
		}
		e.creds[u.name+"-token"] = cred{bearer: tok.Token}
	}
	// Suspend the regulator in the store alone, as another process would
	// between two requests: its session and token still exist and must be
	// refused with 403 on every request. (SuspendOrganization also deletes
	// them, which would give 401.)
	if err := store.UpdateOrganizationStatus(ctx, orgs[access.OrgRegulator].ID, access.OrgSuspended, time.Now().UTC()); err != nil {
		t.Fatal(err)
	}
	e.seedSubjects(t, subjects)
	e.seedCollect(t, col, orgs[access.OrgProvider].ID)
	e.seedConsent(t, cons, orgs[access.OrgInstitution].ID)
	e.seedOnboard(t, acc, onb)
	e.seedFeed(t, acc, onb, fd)
	e.seedVerify(t, onb, cons)
	e.seedUsage(t, gt, use, orgs[access.OrgOperator].ID)
	seedPSI(t, acc, onb, orgs[access.OrgOperator].ID)
	e.seedRights(t, rts, col, store)
	e.seedRegister(t, regs, srs, col, store)
	return e
}

// seedSubjects registers the enterprises the scenarios look up.
func (e *env) seedSubjects(t testing.TB, svc *subject.Service) {
	t.Helper()
	// A 工商注册号 only tech had, and an organization code that two
	// subjects' records were filed under, which must not resolve to either.
	reg14 := "64010400000001"
	c15, _ := subject.ComputeRegNo15Check(reg14)
	e.codes["regno"] = reg14 + string(c15)
	oc, _ := subject.ComputeOrgCheck("MA7X0077")
	e.codes["sharedorg"] = "MA7X0077" + string(oc)
	shared := []subject.Alias{{Kind: subject.AliasOrgCode9, Value: e.codes["sharedorg"]}}
	for _, s := range []struct {
		key, region, org, name, industry, legalRep string
		dept, cat                                  byte
		tags                                       []string
		aliases                                    []subject.Alias
	}{
		{"tech", "640104", "MA7X0001", "宁夏银川测试科技有限公司", "6513", "张三丰", '9', '1', []string{"专精特新"},
			[]subject.Alias{{Kind: subject.AliasRegNo15, Value: e.codes["regno"]}, {Kind: subject.AliasFormerName, Value: "银川测试科技有限责任公司"}}},
		{"trade", "640205", "MA7X0002", "石嘴山测试贸易有限公司", "5179", "李四光", '9', '1', nil, shared},
		{"shop", "640104", "L0000003", "兴庆区测试科技便利店", "", "王五", '9', '2', nil, shared},
	} {
		code, err := subject.Make(s.dept, s.cat, s.region, s.org)
		if err != nil {
			t.Fatalf("Make(%s): %v", s.key, err)
		}
		e.codes[s.key] = code
		in := subject.Subject{USCC: code, Name: s.name, IndustryCode: s.industry, LegalRep: s.legalRep,
			Status: subject.StatusActive, Tags: s.tags, Aliases: s.aliases, RegisteredAt: time.Date(2019, 5, 20, 0, 0, 0, 0, time.UTC)}
		if _, _, err := svc.Register(context.Background(), in); err != nil {
			t.Fatalf("Register(%s): %v", s.key, err)
		}
	}
	// A well-formed code nobody registered, and one with a wrong check character.
	unregistered, _ := subject.Make('9', '1', "640104", "MA7X0099")
	e.codes["unregistered"] = unregistered
	bad := []byte(e.codes["tech"])
	bad[17] = nextAlphabet(bad[17])
	e.codes["badcheck"] = string(bad)
}

func nextAlphabet(c byte) byte {
	i := strings.IndexByte(subject.Alphabet, c)
	return subject.Alphabet[(i+1)%len(subject.Alphabet)]
}

// request is one HTTP request made as a principal.
type request struct {
	method, url string
	as          string            // key of env.creds; "" for anonymous
	noCSRF      bool              // leave the session's CSRF token out
	headers     map[string]string // added last, so they override
	body        string
}

// newRequest builds the request: bearer or session cookie, the session's
// CSRF token on unsafe methods, JSON content type for a body.
func (e *env) newRequest(t testing.TB, rq request) *http.Request {
	t.Helper()
	var body io.Reader
	if rq.body != "" {
		body = strings.NewReader(rq.body)
	}
	r := httptest.NewRequest(rq.method, rq.url, body)
	if rq.body != "" {
		r.Header.Set("Content-Type", "application/json")
	}
	if rq.as != "" {
		c, ok := e.creds[rq.as]
		if !ok {
			t.Fatalf("no credentials %q", rq.as)
		}
		if c.bearer != "" {
			r.Header.Set("Authorization", "Bearer "+c.bearer)
		} else {
			r.AddCookie(&http.Cookie{Name: httpx.SessionCookie, Value: c.session.Token})
			if rq.method != http.MethodGet && !rq.noCSRF {
				r.Header.Set(httpx.CSRFHeader, c.session.CSRFToken)
			}
		}
	}
	for k, v := range rq.headers {
		r.Header.Set(k, v)
	}
	return r
}

// do serves the request and returns the recorded response.
func (e *env) do(t testing.TB, rq request) *httptest.ResponseRecorder {
	t.Helper()
	w := httptest.NewRecorder()
	e.handler.ServeHTTP(w, e.newRequest(t, rq))
	return w
}
