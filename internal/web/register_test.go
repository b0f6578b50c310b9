// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/rights"
)

// The representative in the registration record of enterprise B.
const (
	regRepName = "李四"
	regRepID   = "64010219850203123X"
)

// registerEnv is the UI over gatetest's services with registration,
// self-reports and reports wired in. Enterprise B has a registration
// record naming regRepName and no account yet.
type registerEnv struct {
	*gatetest.Env
	regs *rights.Registrations
	srs  *rights.SelfReports
	srv  *httptest.Server
}

func newRegisterEnv(t *testing.T) *registerEnv {
	t.Helper()
	g := gatetest.New(t)
	ctx := g.As[gatetest.System]
	e := &registerEnv{Env: g, regs: rights.NewRegistrations(g.Store, g.Access, g.Subjects, g.Audit, rights.RegisterOptions{})}
	var err error
	if e.srs, err = rights.NewSelfReports(context.Background(), g.Store, g.Catalog, g.Ingest, g.Audit,
		rights.SelfReportOptions{Secret: gatetest.Secret, Origin: "web.test/selfreport"}); err != nil {
		t.Fatal(err)
	}
	if _, err := g.Ingest.RegisterProvider(ctx, ingest.Provider{Code: "P-SCJG-WEB", Name: "测试市场监督管理局", Department: "市场监督管理局",
		Items: []string{"REG.JBXX"}}); err != nil {
		t.Fatal(err)
	}
	if b, err := g.Ingest.Push(ctx, ingest.PushInput{Provider: "P-SCJG-WEB", Item: "REG.JBXX", IdempotencyKey: "web-reg",
		Rows: []map[string]string{{"USCC": g.USCCB, "NAME": "宁夏另一有限公司", "ENT_TYPE": "有限责任公司", "LEGAL_REP": regRepName,
			"LEGAL_REP_ID": regRepID, "ESTABLISH_DATE": "2015-06-01", "REG_AUTHORITY": "银川市市场监督管理局", "REG_STATUS": "存续",
			"ADDRESS": "银川市金凤区"}}}); err != nil || b.Accepted != 1 {
		t.Fatalf("seed registration record: %+v %v", b, err)
	}
	for name, a := range map[string]struct {
		org  string
		role access.Role
	}{acctProvider: {"provider", access.RoleProviderSubmitter}, acctOp: {"op", access.RoleOperator}} {
		if _, _, err := g.Access.EnsureUser(ctx, access.NewUser{OrgID: g.Orgs[a.org].ID, Username: name, Roles: []access.Role{a.role},
			Password: testPassword}); err != nil {
			t.Fatal(err)
		}
	}
	// The node's gate reads the rights service's marks (disputed, the
	// finding beside a false commitment).
	gt, err := gate.New(gate.Deps{Store: g.Store, Subjects: g.Subjects, Catalog: g.Catalog, Consent: g.Consent, Agreements: g.Onboard,
		Audit: g.Audit, Marks: rights.New(g.Store, g.Catalog, g.Audit, rights.Options{})}, gate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	reps, err := report.New(context.Background(), g.Store, gt, g.Catalog, report.Options{Secret: gatetest.Secret, Origin: "web.test/report"})
	if err != nil {
		t.Fatal(err)
	}
	h, err := New(Deps{Sessions: g.Access, Organizations: g.Access, Subjects: g.Subjects, Catalog: serviceCatalog{g.Catalog},
		Gate: gt, Reports: reps, Register: e.regs, SelfReports: e.srs, NodeName: "宁夏测试节点", Region: "640000", DefaultLang: LangZh,
		Log: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(chain(t, h, g.Access))
	t.Cleanup(e.srv.Close)
	return e
}

func (e *registerEnv) client(t *testing.T) *http.Client {
	return (&testEnv{srv: e.srv}).client(t)
}

func (e *registerEnv) loginAs(t *testing.T, user, password string) *http.Client {
	t.Helper()
	c := e.client(t)
	doc := mustGet(t, c, e.srv.URL+"/login", http.StatusOK)
	res := mustPost(t, c, e.srv.URL+"/login", url.Values{"csrf_token": {csrfOf(t, doc)},
		"username": {user}, "password": {password}, "next": {"/"}})
	if got, want := res.StatusCode, http.StatusSeeOther; got != want {
		t.Fatalf("login as %s: status %d, want %d", user, got, want)
	}
	return c
}

// postForm posts form with the page's CSRF token and returns the status
// and the parsed answer.
func postForm(t *testing.T, c *http.Client, page, action string, form url.Values) (int, *htmlDoc) {
	t.Helper()
	doc := mustGet(t, c, page, http.StatusOK)
	form.Set("csrf_token", csrfOf(t, doc))
	res, err := c.PostForm(action, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	return res.StatusCode, parseDoc(t, res, readAll(t, res))
}

func TestPages_RegisterAndStaff(t *testing.T) {
	e := newRegisterEnv(t)
	c := e.client(t)
	if doc := mustGet(t, c, e.srv.URL+"/login", http.StatusOK); doc.attr(t, "a#register-link", "href") != "/register" {
		t.Fatal("login page lacks the registration link")
	}
	form := url.Values{"uscc": {e.USCCB}, "rep_name": {regRepName}, "rep_id": {"640102198502031230"}, "username": {"li.si"},
		"password": {testPassword}}
	status, doc := postForm(t, c, e.srv.URL+"/register", e.srv.URL+"/register", form)
	if status != http.StatusBadRequest || !strings.Contains(doc.text(t, "#register-error"), "信息不匹配") {
		t.Fatalf("mismatch: %d %q", status, doc.raw)
	}
	if strings.Contains(doc.raw, "640102198502031230") {
		t.Fatal("the page repeats the ID number typed")
	}
	form.Set("rep_id", regRepID)
	if status, doc = postForm(t, c, e.srv.URL+"/register", e.srv.URL+"/register", form); status != http.StatusCreated {
		t.Fatalf("register: %d %s", status, doc.raw)
	}
	doc.one(t, "#register-done")
	admin := e.loginAs(t, "li.si", testPassword)
	staff := e.srv.URL + "/my/staff"
	status, _ = postForm(t, admin, staff, staff, url.Values{"username": {"clerk.wang"}, "display_name": {"王会计"}, "password": {testPassword}})
	if status != http.StatusSeeOther {
		t.Fatalf("add staff: %d", status)
	}
	doc = mustGet(t, admin, staff, http.StatusOK)
	if !strings.Contains(doc.raw, `id="user-clerk.wang"`) || !strings.Contains(doc.raw, "王会计") {
		t.Fatal("the staff list lacks the new account")
	}
	clerk := e.loginAs(t, "clerk.wang", testPassword)
	mustGet(t, clerk, staff, http.StatusForbidden)
	users, err := e.regs.Staff(access.WithPrincipal(context.Background(), principalOf(t, e, "li.si")))
	if err != nil {
		t.Fatal(err)
	}
	var clerkID string
	for _, u := range users {
		if u.Username == "clerk.wang" {
			clerkID = u.ID
		}
	}
	status, _ = postForm(t, admin, staff, staff+"/"+clerkID+"/remove", url.Values{})
	if status != http.StatusSeeOther {
		t.Fatalf("remove staff: %d", status)
	}
	if _, _, err := e.Access.Login(context.Background(), "clerk.wang", testPassword, access.LoginMeta{IP: "192.0.2.3"}); err == nil {
		t.Fatal("a removed staff account still signs in")
	}
}

// principalOf signs user in and returns the principal.
func principalOf(t *testing.T, e *registerEnv, user string) access.Principal {
	t.Helper()
	_, p, err := e.Access.Login(context.Background(), user, testPassword, access.LoginMeta{IP: "192.0.2.4"})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPages_RegisterWithProof(t *testing.T) {
	e := newRegisterEnv(t)
	c := e.client(t)
	doc := mustGet(t, c, e.srv.URL+"/register/proof", http.StatusOK)
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	for k, v := range map[string]string{"csrf_token": csrfOf(t, doc), "uscc": e.USCC,
		"rep_name": "张三", "username": "zhang.san", "password": testPassword} {
		_ = mw.WriteField(k, v)
	}
	fw, _ := mw.CreateFormFile("proof", "licence.pdf")
	_, _ = fw.Write([]byte("%PDF-1.4\n1 0 obj << >> endobj\n%%EOF\n"))
	_ = mw.Close()
	res, err := c.Post(e.srv.URL+"/register/proof", mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != http.StatusAccepted || !strings.Contains(string(b), "proof-done") {
		t.Fatalf("upload: %d %s", res.StatusCode, b)
	}
	op := e.loginAs(t, acctOp, testPassword)
	list := e.srv.URL + "/operator/registrations"
	doc = mustGet(t, op, list, http.StatusOK)
	id := strings.TrimPrefix(doc.attr(t, "section.panel", "id"), "reg-")
	res, err = op.Get(list + "/" + id + "/proof")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusOK || res.Header.Get("Content-Type") != "application/pdf" || res.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("proof download: %d %v", res.StatusCode, res.Header)
	}
	if status, _ := postForm(t, op, list, list+"/"+id+"/decide", url.Values{"decision": {"approve"}}); status != http.StatusSeeOther {
		t.Fatalf("approve: %d", status)
	}
	e.loginAs(t, "zhang.san", testPassword)
}

func TestPages_SelfReportContestFalse(t *testing.T) {
	e := newRegisterEnv(t)
	if _, err := e.regs.Register(context.Background(), rights.NewRegistration{USCC: e.USCCB, RepName: regRepName, RepID: regRepID,
		Username: "li.si", Password: testPassword}, "192.0.2.8"); err != nil {
		t.Fatal(err)
	}
	admin := e.loginAs(t, "li.si", testPassword)
	page := e.srv.URL + "/my/self-reports?kind=qualification"
	form := url.Values{"kind": {"qualification"}, "f_CERT_NAME": {"ISO 9001 质量管理体系认证证书"}, "f_ISSUER": {"中国质量认证中心"},
		"f_ISSUE_DATE": {"2025-03-01"}}
	status, doc := postForm(t, admin, page, e.srv.URL+"/my/self-reports", form)
	if status != http.StatusBadRequest || !strings.Contains(doc.text(t, "#selfreport-error"), "信用承诺书") {
		t.Fatalf("without the commitment: %d", status)
	}
	form.Set("commit", "yes")
	res := func() *http.Response {
		doc := mustGet(t, admin, page, http.StatusOK)
		form.Set("csrf_token", csrfOf(t, doc))
		return mustPost(t, admin, e.srv.URL+"/my/self-reports", form)
	}()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("submit: %d", res.StatusCode)
	}
	detail := e.srv.URL + res.Header.Get("Location")
	doc = mustGet(t, admin, detail, http.StatusOK)
	if !strings.Contains(doc.text(t, "#commitment-check"), "签名有效") {
		t.Fatalf("commitment check: %q", doc.text(t, "#commitment-check"))
	}
	id := doc.text(t, "#commitment-no")
	ownReport := func(c *http.Client) string {
		t.Helper()
		doc := mustGet(t, c, e.srv.URL+"/subjects/"+e.USCCB, http.StatusOK)
		res := mustPostBody(t, c, e.srv.URL+"/subjects/"+e.USCCB+"/report", url.Values{"csrf_token": {csrfOf(t, doc)},
			"format": {"html"}, "lang": {"zh"}})
		return res
	}
	rep := ownReport(admin)
	for _, want := range []string{"自愿填报信息（企业自报，未经核实）", "ISO 9001 质量管理体系认证证书", id} {
		if !strings.Contains(rep, want) {
			t.Fatalf("own report lacks %q", want)
		}
	}
	// The provider contests, the operator finds the commitment false.
	prov := e.loginAs(t, acctProvider, testPassword)
	if status, _ := postForm(t, prov, detail, e.srv.URL+"/self-reports/"+id+"/contest", url.Values{"reason": {"证书编号查无此证"}}); status != http.StatusSeeOther {
		t.Fatalf("contest: %d", status)
	}
	op := e.loginAs(t, acctOp, testPassword)
	doc = mustGet(t, op, e.srv.URL+"/operator/self-report-contests", http.StatusOK)
	if !strings.Contains(doc.raw, id) {
		t.Fatal("the operator's list lacks the contest")
	}
	doc = mustGet(t, op, detail, http.StatusOK)
	action := doc.attr(t, "form#decide-form", "action")
	if status, _ := postForm(t, op, detail, e.srv.URL+action, url.Values{"self_report": {id}, "decision": {"false"},
		"note": {"经向认证机构核实，该证书不存在"}}); status != http.StatusSeeOther {
		t.Fatalf("decide: %d", status)
	}
	rep = ownReport(admin)
	for _, want := range []string{"虚假信用承诺", "经向认证机构核实，该证书不存在", "信用承诺经核查不实"} {
		if !strings.Contains(rep, want) {
			t.Fatalf("own report after the finding lacks %q", want)
		}
	}
}

// mustPostBody posts form and returns the answer's body (status 200 or 201).
func mustPostBody(t *testing.T, c *http.Client, u string, form url.Values) string {
	t.Helper()
	res, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b := readAll(t, res)
	if res.StatusCode != http.StatusOK && res.StatusCode != http.StatusCreated {
		t.Fatalf("POST %s: %d %s", u, res.StatusCode, b)
	}
	return string(b)
}
