// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"context"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/subject"
	"github.com/xinrong/xinrong/internal/verify"
)

// newVerify builds the verification service of the env over its gate,
// with a daily limit of 2 per template so that the scenarios reach it.
func newVerify(t testing.TB, store *sqlstore.Store, subjects *subject.Service, cat *catalog.Service, g *gate.Gate) *verify.Service {
	t.Helper()
	svc, err := verify.New(context.Background(), store, g, subjects, cat, verify.Options{
		Secret: []byte("api-test-node-secret-0123456789abcdef"), Origin: "api.test/verify", Limits: verify.Limits{PerTemplate: 2}})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// seedVerify takes a second bank ("vbank-token", "vbank-session") live
// with an agreement covering TAX and EST for pre-loan checks, and has the
// enterprise "tech" authorize it for both.
func (e *env) seedVerify(t testing.TB, onb *onboard.Service, cons *consent.Service) {
	t.Helper()
	ctx := context.Background()
	login := func(name string) context.Context {
		_, p, err := e.access.Login(ctx, name+"-user", testPassword, access.LoginMeta{IP: "192.0.2.1"})
		if err != nil {
			t.Fatalf("Login(%s): %v", name, err)
		}
		return access.WithPrincipal(ctx, p)
	}
	orgID := e.addOrg(t, access.OrgInstitution, "XR-VBANK")
	e.addPrincipal(t, orgID, "vbankadmin", access.RoleInstitutionAdmin)
	e.addPrincipal(t, orgID, "vbank", access.RoleInstitutionQueryOfficer)
	admin, op := login("vbankadmin"), login("op")
	a, err := onb.Apply(admin, onboard.NewApplication{InstitutionType: onboard.TypeBank, LicenceNumber: "B0002H264010002",
		ContactName: "王核验", ContactPhone: "0951-2345678"})
	if err != nil {
		t.Fatal(err)
	}
	var checks []onboard.CheckResult
	for _, c := range onboard.Checklist {
		checks = append(checks, onboard.CheckResult{Code: c.Code, Evidence: "材料 " + c.Code, Result: onboard.ResultPass, Reviewer: "张审核"})
	}
	now := time.Now().UTC()
	steps := []func() (onboard.Application, error){
		func() (onboard.Application, error) { return onb.StartAssessment(op, a.ID) },
		func() (onboard.Application, error) {
			return onb.Assess(op, a.ID, onboard.NewAssessment{Checks: checks})
		},
		func() (onboard.Application, error) {
			return onb.Approve(op, a.ID, onboard.NewAgreement{Categories: []string{"TAX", "EST"}, Purposes: []string{"pre_loan"},
				From: now.Add(-time.Hour), Until: now.AddDate(2, 0, 0), Limits: onboard.Limits{RatePerSecond: 50, Burst: 50, DailyQuota: 1000}})
		},
		func() (onboard.Application, error) {
			return onb.Sign(admin, a.ID, a.Agreement.Version, "本机构承诺仅在协议约定范围和用途内使用信用信息，依法保护信息主体权益。")
		},
		func() (onboard.Application, error) { return onb.Activate(op, a.ID) },
	}
	for i, step := range steps {
		if a, err = step(); err != nil {
			t.Fatalf("onboarding step %d: %v", i, err)
		}
	}
	if _, err := cons.Grant(login("techadmin"), consent.Terms{EnterpriseUSCC: e.codes["tech"], InstitutionOrgID: orgID,
		Scope: []string{"TAX", "EST"}, Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod, ValidUntil: now.Add(30 * 24 * time.Hour)}); err != nil {
		t.Fatalf("Grant: %v", err)
	}
}

// verifyScenarios cover the verification operations. The env's tech has
// a 2023 tax grade A (too old for tax_grade_in: no) and no seizure (yes).
func verifyScenarios(e *env) []scenario {
	tech := e.codes["tech"]
	ask := func(name, as, template, params string, status int, expect ...string) scenario {
		body := `{"uscc":"` + tech + `","template":"` + template + `","params":` + params + `,"purpose":"pre_loan"}`
		return scenario{name: "Verify" + name, req: request{method: "POST", url: "/api/v1/verifications", as: as, body: body},
			status: status, expect: expect, forbid: []string{`"LEVEL"`, "EVAL_YEAR", `"2023"`, `:2023`, "2023年"}}
	}
	get := func(name, url, as string, status int, expect ...string) scenario {
		return scenario{name: "Verify" + name, req: request{method: "GET", url: url, as: as}, status: status, expect: expect}
	}
	return []scenario{
		get("Templates", "/api/v1/verification-templates", "bank-token", 200, `"code":"tax_grade_in"`, `"values":["A","B","M","C","D"]`, `"kind":"amount_fen"`),
		get("TemplatesUnauthenticated", "/api/v1/verification-templates", "", 401),
		ask("Yes", "vbank-token", "estate_no_seizure", `{}`, 200, `"result":"yes"`, `"receipt":"xinrong verification receipt v1\n`),
		ask("No", "vbank-session", "tax_grade_in", `{"grades":["A"]}`, 200, `"result":"no"`, `"template":"tax_grade_in"`),
		ask("BadParams", "vbank-token", "tax_grade_in", `{"grades":["Z"]}`, 400, "grades"),
		ask("UnknownTemplate", "vbank-token", "no_such", `{}`, 404),
		{name: "VerifyUnknownEnterprise", req: request{method: "POST", url: "/api/v1/verifications", as: "vbank-token",
			body: `{"uscc":"` + e.codes["unregistered"] + `","template":"estate_no_seizure","purpose":"pre_loan"}`}, status: 404},
		ask("Unauthenticated", "", "estate_no_seizure", `{}`, 401),
		ask("OperatorRole", "op-token", "estate_no_seizure", `{}`, 403),
		ask("BankNotOnboarded", "bank-token", "estate_no_seizure", `{}`, 403, "未完成接入"),
		ask("YesAgain", "vbank-token", "estate_no_seizure", `{}`, 200, `"result":"yes"`),
		ask("DailyLimit", "vbank-token", "estate_no_seizure", `{}`, 429, `"code":"too_many_requests"`, "上限", "daily limit"),
		ask("SecondValue", "vbank-token", "tax_grade_in", `{"grades":["A","B"]}`, 200, `"result":"no"`),
		ask("ThresholdWalking", "vbank-token", "tax_grade_in", `{"grades":["B"]}`, 403, "阈值试探", "threshold walking"),
		get("Alerts", "/api/v1/verification-alerts?uscc="+tech, "op-token", 200, `"template":"tax_grade_in"`, `"distinct_params":3`),
		get("AlertsBadLimit", "/api/v1/verification-alerts?limit=0", "op-token", 400, "limit"),
		get("AlertsBank", "/api/v1/verification-alerts", "vbank-token", 403),
		get("AlertsUnauthenticated", "/api/v1/verification-alerts", "", 401),
		get("VerifierKey", "/api/v1/verification/verifier-key", "", 200, `"verifier_key":"api.test/verify+`),
	}
}

// TestVerificationAPI_AnswerHasOnlyTheAllowedKeys: the answer is yes or
// no with its template, time, receipt and audit index, and its receipt
// checks offline with the published key.
func TestVerificationAPI_AnswerHasOnlyTheAllowedKeys(t *testing.T) {
	e := newEnv(t)
	w := e.do(t, request{method: "POST", url: "/api/v1/verifications", as: "vbank-token",
		body: `{"uscc":"` + e.codes["tech"] + `","template":"tax_grade_in","params":{"grades":["A","B"]},"purpose":"pre_loan"}`})
	if w.Code != 200 {
		t.Fatalf("status %d: %s", w.Code, w.Body)
	}
	var got map[string]any
	if err := json.Unmarshal(w.Body.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	keys := make([]string, 0, len(got))
	for k := range got {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	if strings.Join(keys, ",") != "as_of,audit_index,receipt,result,template" {
		t.Fatalf("answer keys %v", keys)
	}
	k := e.do(t, request{method: "GET", url: "/api/v1/verification/verifier-key"})
	var key struct {
		VerifierKey string `json:"verifier_key"`
	}
	if err := json.Unmarshal(k.Body.Bytes(), &key); err != nil {
		t.Fatal(err)
	}
	r, err := verify.VerifyReceipt([]byte(got["receipt"].(string)), key.VerifierKey)
	if err != nil {
		t.Fatal(err)
	}
	if r.Result || r.Template != "tax_grade_in" || r.Enterprise != e.codes["tech"] || got["result"] != "no" {
		t.Fatalf("receipt %+v for answer %v", r, got)
	}
}
