// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/subject"
)

// The representative in the seeded registration records.
const (
	testRepName = "李四光"
	testRepID   = "64020219700101123X"
)

// newRegister builds real-name registration and self-reporting.
func newRegister(t testing.TB, store *sqlstore.Store, acc *access.Service, subjects *subject.Service, col *ingest.Service,
	cat *catalog.Service) (*rights.Registrations, *rights.SelfReports) {
	t.Helper()
	secret := []byte("api-test-node-secret-0123456789abcdef")
	log, err := audit.New(context.Background(), store, audit.Options{Secret: secret, Origin: "api.test/audit"})
	if err != nil {
		t.Fatal(err)
	}
	srs, err := rights.NewSelfReports(context.Background(), store, cat, col, log, rights.SelfReportOptions{Secret: secret, Origin: "api.test/selfreport"})
	if err != nil {
		t.Fatal(err)
	}
	return rights.NewRegistrations(store, acc, subjects, log, rights.RegisterOptions{}), srs
}

// proofForm is a multipart registration with proof; it returns the body
// and its content type.
func proofForm(code, username string, file []byte) (string, string) {
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, v := range map[string]string{"uscc": code, "rep_name": "王五", "username": username, "password": testPassword} {
		_ = w.WriteField(k, v)
	}
	f, _ := w.CreateFormFile("proof", "license.pdf")
	_, _ = f.Write(file)
	_ = w.Close()
	return b.String(), w.FormDataContentType()
}

var testPDF = []byte("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n")

// seedRegister collects registration records naming the representative
// for "trade" and "shop" (an individual business), files two proof
// registrations for "unregistered-ent" ("reg-pending") and "shop"
// ("reg-reject"), a staff account of tech ("staff-user"), a self-report of
// tech ("sr") already contested ("contest") and another ("sr2").
func (e *env) seedRegister(t testing.TB, regs *rights.Registrations, srs *rights.SelfReports, col *ingest.Service, store *sqlstore.Store) {
	t.Helper()
	ctx := context.Background()
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	if _, err := col.RegisterProvider(sys, ingest.Provider{Code: "P-SCJG-REG", Name: "测试市场监督管理局", Department: "市场监督管理局",
		Items: []string{"REG.JBXX"}}); err != nil {
		t.Fatal(err)
	}
	var rows []map[string]string
	for key, name := range map[string]string{"trade": "石嘴山测试贸易有限公司", "shop": "兴庆区测试科技便利店"} {
		rows = append(rows, map[string]string{"USCC": e.codes[key], "NAME": name, "ENT_TYPE": "有限责任公司", "LEGAL_REP": testRepName,
			"LEGAL_REP_ID": testRepID, "ESTABLISH_DATE": "2019-05-20", "REG_AUTHORITY": "测试市场监督管理局", "REG_STATUS": "存续", "ADDRESS": "银川市"})
	}
	if b, err := col.Push(sys, ingest.PushInput{Provider: "P-SCJG-REG", Item: "REG.JBXX", IdempotencyKey: "seed-reg", Rows: rows}); err != nil || b.Accepted != 2 {
		t.Fatalf("seed registration records: %+v %v", b, err)
	}
	for key, code := range map[string]string{"reg-pending": e.codes["unregistered"], "reg-reject": e.codes["shop"]} {
		r, err := regs.Apply(ctx, rights.NewRegistration{USCC: code, RepName: "王五", Username: key + "-user", Password: testPassword}, testPDF, "192.0.2.50")
		if err != nil {
			t.Fatalf("seed %s: %v", key, err)
		}
		e.codes[key] = r.ID
	}
	org, err := store.FindOrganizationByCode(ctx, e.codes["tech"])
	if err != nil {
		t.Fatal(err)
	}
	admin := access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "seed-techadmin", Username: "techadmin-user",
		OrgID: org.ID, OrgKind: access.OrgEnterprise, Roles: []access.Role{access.RoleEnterpriseAdmin}})
	u, err := regs.AddStaff(admin, rights.NewStaff{Username: "tech-clerk", DisplayName: "王会计", Password: testPassword})
	if err != nil {
		t.Fatal(err)
	}
	e.codes["staff-user"] = u.ID
	for _, key := range []string{"sr", "sr2"} {
		s, err := srs.Submit(admin, rights.NewSelfReport{Kind: rights.KindQualification, Data: map[string]string{
			"CERT_NAME": "高新技术企业证书 " + key, "ISSUER": "宁夏回族自治区科学技术厅", "ISSUE_DATE": "2024-11-20"}})
		if err != nil {
			t.Fatalf("seed self-report: %v", err)
		}
		e.codes[key] = s.ID
	}
	op := access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "seed-op", OrgKind: access.OrgOperator,
		Roles: []access.Role{access.RoleOperator}})
	c, err := srs.ContestSelfReport(op, e.codes["sr"], "证书编号查无此证")
	if err != nil {
		t.Fatal(err)
	}
	e.codes["contest"] = c.ID
}

// registerScenarios exercise registration, proof review and staff.
func registerScenarios(e *env) []scenario {
	c := e.codes
	reg := func(code, name, id, user string) string {
		return `{"uscc":"` + code + `","rep_name":"` + name + `","rep_id":"` + id + `","username":"` + user + `","password":"` + testPassword + `"}`
	}
	proof, proofCT := proofForm(c["trade"], "trade-proof", testPDF)
	html, htmlCT := proofForm(c["trade"], "trade-html", []byte("<html><body>not a licence</body></html>"))
	again, againCT := proofForm(c["unregistered"], "again-proof", testPDF)
	fresh, _ := subject.Make('9', '1', "640104", "MA7X0098")
	ok, okCT := proofForm(fresh, "fresh-proof", testPDF)
	pending, rejected := "/api/v1/registrations/"+c["reg-pending"], "/api/v1/registrations/"+c["reg-reject"]
	staff := "/api/v1/staff/" + c["staff-user"]
	var out []scenario
	for _, r := range [][2]string{{"GET", "/api/v1/registrations"}, {"GET", pending + "/proof"}, {"POST", pending + "/decide"},
		{"GET", "/api/v1/staff"}, {"POST", "/api/v1/staff"}, {"DELETE", staff}} {
		out = append(out, scenario{name: "register anonymous " + r[0] + " " + r[1], req: request{method: r[0], url: r[1], body: "{}"},
			status: http.StatusUnauthorized})
	}
	return append(out,
		scenario{name: "register mismatch", req: request{method: "POST", url: "/api/v1/registrations", body: reg(c["trade"], "李四", testRepID, "trade-admin")},
			status: http.StatusBadRequest, expect: []string{"信息不匹配"}, forbid: []string{testRepID, testRepName}},
		scenario{name: "register without a record", req: request{method: "POST", url: "/api/v1/registrations",
			body: reg(c["tech"], testRepName, testRepID, "tech-admin2")}, status: http.StatusNotFound},
		scenario{name: "register matched", req: request{method: "POST", url: "/api/v1/registrations",
			body: reg(c["trade"], testRepName, "64020219700101123x", "trade-admin")}, status: http.StatusCreated,
			expect: []string{`"method":"match"`, `"status":"registered"`, "trade-admin"}, forbid: []string{testRepID}},
		scenario{name: "register twice", req: request{method: "POST", url: "/api/v1/registrations",
			body: reg(c["trade"], testRepName, testRepID, "trade-admin3")}, status: http.StatusConflict},
		scenario{name: "register with proof for a registered enterprise", req: request{method: "POST", url: "/api/v1/registrations/proof", body: proof,
			headers: map[string]string{"Content-Type": proofCT}}, status: http.StatusConflict},
		scenario{name: "register with proof accepted for review", req: request{method: "POST", url: "/api/v1/registrations/proof", body: ok,
			headers: map[string]string{"Content-Type": okCT}}, status: http.StatusAccepted, expect: []string{`"status":"pending"`, `"proof_type":"application/pdf"`}},
		scenario{name: "register with an HTML file as proof", req: request{method: "POST", url: "/api/v1/registrations/proof", body: html,
			headers: map[string]string{"Content-Type": htmlCT}}, status: http.StatusBadRequest},
		scenario{name: "register with proof while one waits", req: request{method: "POST", url: "/api/v1/registrations/proof", body: again,
			headers: map[string]string{"Content-Type": againCT}}, status: http.StatusConflict},
		scenario{name: "pending registrations", req: request{method: "GET", url: "/api/v1/registrations", as: "op-token"}, status: http.StatusOK,
			expect: []string{c["reg-pending"], c["reg-reject"], `"status":"pending"`}},
		scenario{name: "pending registrations by an enterprise", req: request{method: "GET", url: "/api/v1/registrations", as: "techadmin-session"},
			status: http.StatusForbidden},
		scenario{name: "registration proof", req: request{method: "GET", url: pending + "/proof", as: "op-session"}, status: http.StatusOK, file: true,
			header: map[string]string{"Content-Type": "application/pdf", "X-Content-Type-Options": "nosniff"}},
		scenario{name: "registration proof by a bank", req: request{method: "GET", url: pending + "/proof", as: "bank-token"}, status: http.StatusForbidden},
		scenario{name: "registration proof unknown", req: request{method: "GET", url: "/api/v1/registrations/NOPE/proof", as: "op-token"},
			status: http.StatusNotFound},
		scenario{name: "registration reject without a reason", req: request{method: "POST", url: rejected + "/decide", as: "op-token",
			body: `{"decision":"reject"}`}, status: http.StatusBadRequest},
		scenario{name: "registration decided by an enterprise", req: request{method: "POST", url: rejected + "/decide", as: "techadmin-session",
			body: `{"decision":"approve"}`}, status: http.StatusForbidden},
		scenario{name: "registration decision unknown", req: request{method: "POST", url: "/api/v1/registrations/NOPE/decide", as: "op-token",
			body: `{"decision":"approve"}`}, status: http.StatusNotFound},
		scenario{name: "registration rejected", req: request{method: "POST", url: rejected + "/decide", as: "op-token",
			body: `{"decision":"reject","reason":"营业执照与登记信息不一致"}`}, status: http.StatusOK, expect: []string{`"status":"rejected"`}},
		scenario{name: "registration approved", req: request{method: "POST", url: pending + "/decide", as: "op-token",
			body: `{"decision":"approve"}`}, status: http.StatusOK, expect: []string{`"status":"approved"`}},
		scenario{name: "registration decided twice", req: request{method: "POST", url: pending + "/decide", as: "op-token",
			body: `{"decision":"approve"}`}, status: http.StatusConflict},
		scenario{name: "staff of the enterprise", req: request{method: "GET", url: "/api/v1/staff", as: "techadmin-session"}, status: http.StatusOK,
			expect: []string{"tech-clerk", "enterprise_staff"}, forbid: []string{"password", "$argon2"}},
		scenario{name: "staff list by staff", req: request{method: "GET", url: "/api/v1/staff", as: "techstaff-token"}, status: http.StatusForbidden},
		scenario{name: "staff added", req: request{method: "POST", url: "/api/v1/staff", as: "techadmin-session",
			body: `{"username":"tech-clerk2","display_name":"李出纳","password":"` + testPassword + `"}`}, status: http.StatusCreated,
			expect: []string{"tech-clerk2", "enterprise_staff"}},
		scenario{name: "staff added twice", req: request{method: "POST", url: "/api/v1/staff", as: "techadmin-session",
			body: `{"username":"tech-clerk2","password":"` + testPassword + `"}`}, status: http.StatusConflict},
		scenario{name: "staff with a weak password", req: request{method: "POST", url: "/api/v1/staff", as: "techadmin-session",
			body: `{"username":"tech-clerk3","password":"123"}`}, status: http.StatusBadRequest},
		scenario{name: "staff added by staff", req: request{method: "POST", url: "/api/v1/staff", as: "techstaff-token",
			body: `{"username":"tech-clerk4","password":"` + testPassword + `"}`}, status: http.StatusForbidden},
		scenario{name: "staff removed by another enterprise", req: request{method: "DELETE", url: staff, as: "ent-session"}, status: http.StatusForbidden},
		scenario{name: "staff removed", req: request{method: "DELETE", url: staff, as: "techadmin-session"}, status: http.StatusNoContent, file: true},
		scenario{name: "staff unknown", req: request{method: "DELETE", url: "/api/v1/staff/NOPE", as: "techadmin-session"}, status: http.StatusNotFound},
	)
}
