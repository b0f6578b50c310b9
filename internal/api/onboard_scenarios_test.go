// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

func newOnboard(t testing.TB, store *sqlstore.Store, acc *access.Service, cat *catalog.Service) *onboard.Service {
	t.Helper()
	aud, err := audit.New(context.Background(), store, audit.Options{Secret: []byte("api-test-node-secret-0123456789abcdef"), Origin: "api.test/audit"})
	if err != nil {
		t.Fatalf("onboard audit: %v", err)
	}
	return onboard.New(store, acc, cat, aud, onboard.Options{})
}

// seedOnboard adds a second institution whose administrator has applied,
// so the scenarios know the application's ID; the first institution
// applies through the API.
func (e *env) seedOnboard(t testing.TB, acc *access.Service, svc *onboard.Service) {
	t.Helper()
	ctx := context.Background()
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	o, err := acc.CreateOrganization(sys, access.NewOrganization{Kind: access.OrgInstitution, Name: "测试担保公司", Code: "XR-INSTITUTION2"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := acc.CreateUser(sys, access.NewUser{OrgID: o.ID, Username: "bank2admin-user", Roles: []access.Role{access.RoleInstitutionAdmin}, Password: testPassword}); err != nil {
		t.Fatal(err)
	}
	sess, p, err := acc.Login(ctx, "bank2admin-user", testPassword, access.LoginMeta{IP: "192.0.2.1"})
	if err != nil {
		t.Fatal(err)
	}
	e.creds["bank2admin-session"] = cred{session: sess}
	a, err := svc.Apply(access.WithPrincipal(ctx, p), onboard.NewApplication{InstitutionType: onboard.TypeGuarantor,
		LicenceNumber: "DB-640000-0001", ContactName: "周联系", ContactPhone: "0951-7654321"})
	if err != nil {
		t.Fatal(err)
	}
	e.codes["app"] = a.ID
}

func onboardChecks(n int) string {
	var cs []map[string]string
	for _, c := range onboard.Checklist[:n] {
		cs = append(cs, map[string]string{"code": c.Code, "evidence": "证明材料 " + c.Code, "result": "pass", "reviewer": "张审核"})
	}
	b, _ := json.Marshal(map[string]any{"checks": cs})
	return string(b)
}

func onboardScenarios(e *env) []scenario {
	base := "/api/v1/onboarding/applications"
	app := base + "/" + e.codes["app"]
	sc := func(name, method, url, as, body string, status int, expect ...string) scenario {
		return scenario{name: "Onboard" + name, req: request{method: method, url: url, as: as, body: body}, status: status, expect: expect}
	}
	terms := func(item string) string {
		return fmt.Sprintf(`{"categories":["REG"],"items":[%q],"purposes":["loan_precheck"],"from":"2026-01-01T00:00:00Z","until":"2030-01-01T00:00:00Z","limits":{"rate_per_second":5,"burst":10,"daily_quota":1000}}`, item)
	}
	apply := `{"institution_type":"bank","licence_number":"B0001H264010001","contact_name":"李联系","contact_phone":"0951-1234567"}`
	return []scenario{
		sc("MineNotYet", "GET", base+"/mine", "bank-token", "", 404, `"code":"not_found"`),
		sc("ApplyBadType", "POST", base, "bankadmin-session", strings.Replace(apply, "bank", "pawnshop", 1), 400, "institution_type"),
		sc("Apply", "POST", base, "bankadmin-session", apply, 201, `"status":"applied"`, `"institution_type_label":"银行"`),
		sc("ApplyTwice", "POST", base, "bankadmin-session", apply, 409, `"code":"conflict"`),
		sc("Mine", "GET", base+"/mine", "bank-token", "", 200, `"licence_number":"B0001H264010001"`),
		sc("ListForbidden", "GET", base, "bank-token", "", 403, `"code":"forbidden"`),
		sc("List", "GET", base+"?status=applied", "op-session", "", 200, e.codes["app"], "B0001H264010001"),
		sc("GetOther", "GET", app, "bankadmin-session", "", 404, `"code":"not_found"`),
		sc("Get", "GET", app, "op-token", "", 200, `"institution_type":"guarantor"`),
		sc("StartAssessment", "POST", app+"/assessment/start", "op-session", "", 200, `"status":"assessing"`),
		sc("StartAssessmentTwice", "POST", app+"/assessment/start", "op-session", "", 409, `"code":"conflict"`),
		sc("AssessIncomplete", "POST", app+"/assessment", "op-session", onboardChecks(3), 400, "checks"),
		sc("Assess", "POST", app+"/assessment", "op-token", onboardChecks(len(onboard.Checklist)), 200, `"status":"assessed"`, `"result":"pass"`, "网络安全等级保护备案"),
		sc("ApproveUnknownItem", "POST", app+"/agreement", "op-session", terms("NO.SUCH"), 400, "NO.SUCH"),
		sc("Approve", "POST", app+"/agreement", "op-session", terms("LIC.XZXK"), 200, `"version":1`, `"signed":false`),
		sc("Sign", "POST", app+"/agreement/sign", "bank2admin-session", `{"version":1,"commitment":"本机构承诺仅在协议约定范围和用途内使用信用信息。"}`, 200, `"status":"agreement_signed"`, `"signed":true`),
		sc("SignTwice", "POST", app+"/agreement/sign", "bank2admin-session", `{"version":1,"commitment":"本机构承诺仅在协议约定范围和用途内使用信用信息。"}`, 409, `"code":"conflict"`),
		sc("Activate", "POST", app+"/activate", "op-session", "", 200, `"status":"live"`),
		sc("ActivateTwice", "POST", app+"/activate", "op-session", "", 409, `"code":"conflict"`),
		sc("LimitsInvalid", "PUT", app+"/limits", "op-session", `{"rate_per_second":0,"burst":1,"daily_quota":1}`, 400, "rate_per_second"),
		sc("Limits", "PUT", app+"/limits", "op-session", `{"rate_per_second":2,"burst":4,"daily_quota":50}`, 200, `"daily_quota":50`),
		sc("SuspendByOperatorForbidden", "POST", app+"/suspend", "op-session", "", 403, "operator_admin"),
		sc("Suspend", "POST", app+"/suspend", "opadmin-session", "", 200, `"status":"suspended"`),
		sc("SuspendedSessionEnded", "GET", base+"/mine", "bank2admin-session", "", 401, `"code":"unauthenticated"`),
		sc("SuspendTwice", "POST", app+"/suspend", "opadmin-session", "", 409, `"code":"conflict"`),
		sc("Reinstate", "POST", app+"/reinstate", "opadmin-session", "", 200, `"status":"live"`),
		sc("ReinstateTwice", "POST", app+"/reinstate", "opadmin-session", "", 409, `"code":"conflict"`),
		sc("Revoke", "POST", app+"/revoke", "opadmin-session", "", 200, `"status":"revoked"`),
		sc("RevokeTwice", "POST", app+"/revoke", "opadmin-session", "", 409, `"code":"conflict"`),
	}
}
