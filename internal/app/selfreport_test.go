// SPDX-License-Identifier: Apache-2.0

package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// node is the whole node behind a real HTTP server.
type node struct {
	t   *testing.T
	a   *app.App
	srv *httptest.Server
}

func startNode(t *testing.T) *node {
	t.Helper()
	cfg := config.Default()
	cfg.DataDir = t.TempDir()
	if storetest.Backend() == "postgres" {
		cfg.DB = storetest.DSN(t)
	}
	a, err := app.New(context.Background(), cfg, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	n := &node{t: t, a: a, srv: httptest.NewServer(a.Handler())}
	t.Cleanup(n.srv.Close)
	return n
}

var csrfInput = regexp.MustCompile(`name="csrf_token" value="([^"]+)"`)

// signIn signs a new client in through the login form and returns it with
// the session's CSRF token (read from a signed-in page).
func (n *node) signIn(user, password string) (*http.Client, string) {
	n.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	token := func(path string) string {
		res, err := c.Get(n.srv.URL + path)
		if err != nil {
			n.t.Fatal(err)
		}
		b, _ := io.ReadAll(res.Body)
		res.Body.Close()
		m := csrfInput.FindSubmatch(b)
		if m == nil {
			n.t.Fatalf("no CSRF token on %s (%d)", path, res.StatusCode)
		}
		return string(m[1])
	}
	res, err := c.PostForm(n.srv.URL+"/login", url.Values{"csrf_token": {token("/login")}, "username": {user}, "password": {password}, "next": {"/"}})
	if err != nil {
		n.t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		n.t.Fatalf("login %s: %d", user, res.StatusCode)
	}
	return c, token("/")
}

// call makes a JSON API call and decodes the answer into out (if not nil).
func (n *node) call(c *http.Client, csrf, method, path string, body any, want int, out any) string {
	n.t.Helper()
	var rd io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		rd = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, n.srv.URL+path, rd)
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if csrf != "" {
		req.Header.Set("X-CSRF-Token", csrf)
	}
	if c == nil {
		c = http.DefaultClient
	}
	res, err := c.Do(req)
	if err != nil {
		n.t.Fatal(err)
	}
	defer res.Body.Close()
	b, _ := io.ReadAll(res.Body)
	if res.StatusCode != want {
		n.t.Fatalf("%s %s: %d, want %d: %s", method, path, res.StatusCode, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			n.t.Fatal(err)
		}
	}
	return string(b)
}

// TestNode_RegisterSelfReportFalseCommitment runs issue 5's story through
// the node's whole HTTP stack: an enterprise registers against the
// registration record, signs in, reports a certificate with its signed
// commitment, sees it marked in its own report; a provider contests it,
// the credit centre finds the commitment false and the negative record
// appears in the report.
func TestNode_RegisterSelfReportFalseCommitment(t *testing.T) {
	n := startNode(t)
	ctx := context.Background()
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	code, _ := subject.Make('9', '2', "640104", "MA7NDE01") // an individual business (个体工商户)
	if _, _, err := n.a.Subjects.Register(ctx, subject.Subject{USCC: code, Name: "银川市金凤区马记拉面馆", Status: subject.StatusActive}); err != nil {
		t.Fatal(err)
	}
	if _, err := n.a.Ingest.RegisterProvider(sys, ingest.Provider{Code: "P-SCJG-NODE", Name: "市场监督管理局", Department: "市场监督管理局",
		Items: []string{"REG.JBXX"}}); err != nil {
		t.Fatal(err)
	}
	if b, err := n.a.Ingest.Push(sys, ingest.PushInput{Provider: "P-SCJG-NODE", Item: "REG.JBXX", IdempotencyKey: "node-reg",
		Rows: []map[string]string{{"USCC": code, "NAME": "银川市金凤区马记拉面馆", "ENT_TYPE": "个体工商户", "LEGAL_REP": "马建国",
			"LEGAL_REP_ID": "640102197001011234", "ESTABLISH_DATE": "2018-03-01", "REG_AUTHORITY": "金凤区市场监督管理局",
			"REG_STATUS": "存续", "ADDRESS": "银川市金凤区"}}}); err != nil || b.Accepted != 1 {
		t.Fatalf("registration record: %+v %v", b, err)
	}
	for _, u := range []struct {
		name, org string
		kind      access.OrgKind
		role      access.Role
	}{{"node-op", "XR-OP", access.OrgOperator, access.RoleOperator}, {"node-prov", "XR-PROV", access.OrgProvider, access.RoleProviderSubmitter}} {
		o, err := n.a.Access.CreateOrganization(sys, access.NewOrganization{Kind: u.kind, Name: u.org, Code: u.org})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := n.a.Access.CreateUser(sys, access.NewUser{OrgID: o.ID, Username: u.name, Roles: []access.Role{u.role}, Password: matrixPassword}); err != nil {
			t.Fatal(err)
		}
	}

	reg := map[string]string{"uscc": code, "rep_name": "马建国", "rep_id": "640102197001011230", "username": "ma.jianguo", "password": matrixPassword}
	if out := n.call(nil, "", "POST", "/api/v1/registrations", reg, http.StatusBadRequest, nil); strings.Contains(out, "640102197001011234") {
		t.Fatal("the mismatch answer shows the ID number held")
	}
	reg["rep_id"] = "640102197001011234"
	n.call(nil, "", "POST", "/api/v1/registrations", reg, http.StatusCreated, nil)
	ent, entCSRF := n.signIn("ma.jianguo", matrixPassword)

	var sr struct {
		ID, Commitment string
	}
	n.call(ent, entCSRF, "POST", "/api/v1/self-reports", map[string]any{"kind": "qualification", "data": map[string]string{
		"CERT_NAME": "食品经营许可证", "CERT_NO": "JY16401060012345", "ISSUER": "金凤区市场监督管理局", "ISSUE_DATE": "2024-06-01"}},
		http.StatusCreated, &sr)
	var check struct{ Valid bool }
	n.call(ent, "", "GET", "/api/v1/self-reports/"+sr.ID+"/commitment", nil, http.StatusOK, &check)
	if !check.Valid {
		t.Fatal("the commitment does not verify")
	}
	own := n.call(ent, entCSRF, "POST", "/api/v1/reports", map[string]string{"uscc": code, "format": "html"}, http.StatusCreated, nil)
	for _, want := range []string{"自愿填报信息（企业自报，未经核实）", "食品经营许可证", sr.ID} {
		if !strings.Contains(own, want) {
			t.Fatalf("own report lacks %q", want)
		}
	}

	prov, provCSRF := n.signIn("node-prov", matrixPassword)
	n.call(prov, provCSRF, "POST", "/api/v1/self-reports/"+sr.ID+"/contests", map[string]string{"reason": "许可证编号查无此证"}, http.StatusCreated, nil)
	op, opCSRF := n.signIn("node-op", matrixPassword)
	var open struct{ Items []struct{ ID string } }
	n.call(op, "", "GET", "/api/v1/self-report-contests", nil, http.StatusOK, &open)
	if len(open.Items) != 1 {
		t.Fatalf("open contests %+v", open)
	}
	n.call(op, opCSRF, "POST", "/api/v1/self-report-contests/"+open.Items[0].ID+"/decide",
		map[string]string{"decision": "false", "note": "经核实该许可证不存在"}, http.StatusOK, nil)
	own = n.call(ent, entCSRF, "POST", "/api/v1/reports", map[string]string{"uscc": code, "format": "html"}, http.StatusCreated, nil)
	for _, want := range []string{"虚假信用承诺", "经核实该许可证不存在", "信用承诺经核查不实"} {
		if !strings.Contains(own, want) {
			t.Fatalf("own report after the finding lacks %q", want)
		}
	}
	notes := n.call(ent, "", "GET", "/api/v1/notifications", nil, http.StatusOK, nil)
	for _, kind := range []string{"selfreport.contested/v1", "selfreport.decided/v1", "register.matched/v1"} {
		if !strings.Contains(notes, kind) {
			t.Fatalf("notifications lack %s: %s", kind, notes)
		}
	}
}
