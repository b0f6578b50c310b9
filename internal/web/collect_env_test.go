// SPDX-License-Identifier: Apache-2.0

package web

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"log/slog"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// Providers of the collection tests: the market regulator belongs to the
// provider organization of testEnv's provider account, the tax bureau to
// a second provider organization with its own account.
const (
	provSCJG = "P-SCJG-640000"
	provSW   = "P-SW-640000"
	// otherProvider is the tax bureau's account.
	otherProvider = "demo-provider-sw"
)

// collectEnv is testEnv with collection wired in: a real ingest service
// over the same store, two providers and their accounts, and a master of
// enterprises the test files name.
type collectEnv struct {
	*testEnv
	ing     *ingest.Service
	dataDir string
	codes   []string // enterprises of the master the files name
	names   []string
}

// newCollectEnv builds the UI with collection behind the node's
// middleware, like newTestEnv.
func newCollectEnv(t *testing.T) *collectEnv {
	t.Helper()
	ctx := access.WithPrincipal(context.Background(), access.SystemPrincipal())
	store := storetest.Open(t)
	acc := access.New(store, access.Options{Hasher: access.NewHasher(cheapParams, 2)})
	subj := subject.NewService(store)
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cats, err := catalog.NewService(ctx, store, base)
	if err != nil {
		t.Fatal(err)
	}
	e := &collectEnv{testEnv: &testEnv{users: map[access.OrgKind]string{}, subj: subj, acc: acc}, dataDir: t.TempDir()}
	var subs []subject.Subject
	for i := 0; i < 20; i++ {
		code, err := subject.Make('9', '1', "640104", fmt.Sprintf("MA%06d", i))
		if err != nil {
			t.Fatal(err)
		}
		e.codes, e.names = append(e.codes, code), append(e.names, fmt.Sprintf("银川市测试%05d商贸有限公司", i))
		subs = append(subs, subject.Subject{USCC: code, Name: e.names[i], Status: subject.StatusActive})
	}
	if _, err := subj.Import(ctx, func(yield func(subject.Subject) bool) {
		for _, s := range subs {
			if !yield(s) {
				return
			}
		}
	}, nil); err != nil {
		t.Fatal(err)
	}
	orgIDs := map[string]string{}
	accounts := []struct {
		kind       access.OrgKind
		code, user string
		role       access.Role
	}{
		{access.OrgOperator, "XYZX-640000", "demo-operator", access.RoleOperator},
		{access.OrgOperator, "XYZX-640000", "demo-operator-admin", access.RoleOperatorAdmin},
		{access.OrgProvider, "SCJG-640000", "demo-provider", access.RoleProviderSubmitter},
		{access.OrgProvider, "SWJ-640000", otherProvider, access.RoleProviderAdmin},
		{access.OrgInstitution, "BANK-NX-01", "demo-institution", access.RoleInstitutionAdmin},
		{access.OrgRegulator, "JG-640000", "demo-regulator", access.RoleRegulatorViewer},
		{access.OrgEnterprise, e.codes[0], "demo-enterprise", access.RoleEnterpriseAdmin},
	}
	for _, a := range accounts {
		org, _, err := acc.EnsureOrganization(ctx, access.NewOrganization{Kind: a.kind, Name: "测试" + a.code, Code: a.code})
		if err != nil {
			t.Fatalf("org %s: %v", a.code, err)
		}
		orgIDs[a.code] = org.ID
		if _, _, err := acc.EnsureUser(ctx, access.NewUser{OrgID: org.ID, Username: a.user, DisplayName: "演示" + a.user,
			Roles: []access.Role{a.role}, Password: testPassword}); err != nil {
			t.Fatalf("user %s: %v", a.user, err)
		}
		if _, ok := e.users[a.kind]; !ok {
			e.users[a.kind] = a.user
		}
	}
	e.ing = ingest.NewService(store, cats, store, nil)
	e.ing.Master = subj
	for _, p := range []ingest.Provider{
		{Code: provSCJG, Name: "宁夏回族自治区市场监督管理厅", OrgID: orgIDs["SCJG-640000"], Items: []string{"ABN.JYYC", "PEN.XZCF"}},
		{Code: provSW, Name: "国家税务总局宁夏回族自治区税务局", OrgID: orgIDs["SWJ-640000"], Items: []string{"TAX.LEVEL"}},
	} {
		if _, err := e.ing.RegisterProvider(ctx, p); err != nil {
			t.Fatal(err)
		}
	}
	e.h, err = New(Deps{Sessions: acc, Organizations: acc, Subjects: subj, Catalog: StaticCatalog{base},
		Collect: e.ing, MasterSize: subj, DataDir: e.dataDir, NodeName: "宁夏测试节点", Region: "640000", DefaultLang: LangZh,
		Log: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(chain(t, e.h, acc))
	t.Cleanup(e.srv.Close)
	return e
}

// loginAs signs a new client in as the named account through the form.
func (e *collectEnv) loginAs(t *testing.T, user string) *http.Client {
	t.Helper()
	c := e.client(t)
	doc := mustGet(t, c, e.srv.URL+"/login", http.StatusOK)
	token := doc.attr(t, `input[name=csrf_token]`, "value")
	res := mustPost(t, c, e.srv.URL+"/login", url.Values{"csrf_token": {token}, "username": {user},
		"password": {testPassword}, "next": {"/"}})
	if got, want := res.StatusCode, http.StatusSeeOther; got != want {
		t.Fatalf("login as %s: status %d, want %d", user, got, want)
	}
	return c
}

// abnormalCSV is an 经营异常名录 file: rows for the first n enterprises,
// then one for an enterprise the master lacks (quarantined), one with an
// impossible date and one whose date is a formula (both rejected).
func (e *collectEnv) abnormalCSV(n int, day string) []byte {
	var b bytes.Buffer
	b.WriteString("企业名称,统一社会信用代码/注册号,列入经营异常名录原因,列入日期,作出决定机关（列入）\r\n")
	row := func(name, code, date string) {
		fmt.Fprintf(&b, "%s,%s,未按规定期限公示年度报告,%s,银川市兴庆区市场监督管理局\r\n", name, code, date)
	}
	for i := 0; i < n; i++ {
		row(e.names[i], e.codes[i], day)
	}
	stranger, _ := subject.Make('9', '1', "640104", "MA999999")
	row("灵武市不在册商贸有限公司", stranger, day)
	row(e.names[1], e.codes[1], "2024-13-45")
	row(e.names[2], e.codes[2], `"=HYPERLINK(""http://evil.example"")"`)
	return b.Bytes()
}

// uploadBody is a multipart upload in the order the page's form sends it:
// the fields, then the file.
func uploadBody(t *testing.T, token string, fields [][2]string, name string, file []byte) (string, *bytes.Buffer) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if token != "" {
		fields = append([][2]string{{"csrf_token", token}}, fields...)
	}
	for _, f := range fields {
		if err := mw.WriteField(f[0], f[1]); err != nil {
			t.Fatal(err)
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(fw, bytes.NewReader(file)); err != nil {
		t.Fatal(err)
	}
	if err := mw.Close(); err != nil {
		t.Fatal(err)
	}
	return mw.FormDataContentType(), &body
}

// send posts body with c and returns the response and its body.
func send(t *testing.T, c *http.Client, u, ctype string, body io.Reader, header http.Header) (*http.Response, []byte) {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, body)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", ctype)
	for k, v := range header {
		req.Header[k] = v
	}
	res, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	return res, readAll(t, res)
}

// download fetches u with c and returns the body, checking the status.
func download(t *testing.T, c *http.Client, u string, status int) (*http.Response, []byte) {
	t.Helper()
	res, err := c.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b := readAll(t, res)
	if res.StatusCode != status {
		t.Fatalf("GET %s: status %d, want %d\n%.400s", u, res.StatusCode, status, b)
	}
	return res, b
}
