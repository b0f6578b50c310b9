// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

// newConsent builds the consent service and the audit log it writes to.
func newConsent(t testing.TB, store *sqlstore.Store, cat *catalog.Service) *consent.Service {
	t.Helper()
	ctx := context.Background()
	secret := []byte("api-test-node-secret-0123456789abcdef") // the node secret every service of the env shares
	log, err := audit.New(ctx, store, audit.Options{Secret: secret, Origin: "api.test/audit"})
	if err != nil {
		t.Fatal(err)
	}
	svc, err := consent.New(ctx, store, cat, log, consent.Options{Secret: secret, Origin: "api.test/consent"})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// seedConsent registers the enterprise "tech" as an organization with an
// administrator ("techadmin-session") and a staff member
// ("techstaff-session", "techstaff-token"),
// and three authorizations for the institution: one granted
// ("auth-active") and two requested ("auth-req1", "auth-req2").
func (e *env) seedConsent(t testing.TB, svc *consent.Service, institutionOrgID string) {
	t.Helper()
	ctx := context.Background()
	orgID := e.addOrg(t, access.OrgEnterprise, e.codes["tech"])
	e.addPrincipal(t, orgID, "techadmin", access.RoleEnterpriseAdmin)
	e.addPrincipal(t, orgID, "techstaff", access.RoleEnterpriseStaff)
	e.codes["institution-org"] = institutionOrgID
	as := func(orgID string, kind access.OrgKind, role access.Role) context.Context {
		return access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "seed-" + string(role),
			OrgID: orgID, OrgKind: kind, Roles: []access.Role{role}})
	}
	terms := consent.Terms{EnterpriseUSCC: e.codes["tech"], InstitutionOrgID: institutionOrgID, Scope: []string{"TAX", "SOC.CBJF"},
		Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod, ValidUntil: time.Now().Add(30 * 24 * time.Hour)}
	a, err := svc.Grant(as(orgID, access.OrgEnterprise, access.RoleEnterpriseAdmin), terms)
	if err != nil {
		t.Fatalf("Grant: %v", err)
	}
	e.codes["auth-active"] = a.ID
	for _, key := range []string{"auth-req1", "auth-req2"} {
		a, err := svc.Request(as(institutionOrgID, access.OrgInstitution, access.RoleInstitutionQueryOfficer), terms)
		if err != nil {
			t.Fatalf("Request: %v", err)
		}
		e.codes[key] = a.ID
	}
}

// consentScenarios cover the authorization operations: an enterprise
// grants and decides, an institution requests and reads, operators read,
// and nobody else gets in.
func consentScenarios(e *env) []scenario {
	until := time.Now().Add(20 * 24 * time.Hour).UTC().Format(time.RFC3339)
	body := func(uscc, purpose string) string {
		return `{"enterprise_uscc":"` + uscc + `","institution_org_id":"` + e.codes["institution-org"] +
			`","scope":["TAX.NSE","PEN.XZCF"],"purpose":"` + purpose + `","mode":"one_time","valid_until":"` + until + `"}`
	}
	active, req1, req2 := "/api/v1/authorizations/"+e.codes["auth-active"], "/api/v1/authorizations/"+e.codes["auth-req1"], "/api/v1/authorizations/"+e.codes["auth-req2"]
	post := func(url, as string) request { return request{method: "POST", url: url, as: as} }
	get := func(url, as string) request { return request{method: "GET", url: url, as: as} }
	return []scenario{
		{name: "ConsentGrantByEnterprise", req: request{method: "POST", url: "/api/v1/authorizations", as: "techadmin-session", body: body(e.codes["tech"], "pre_loan")},
			status: http.StatusCreated, expect: []string{`"status":"active"`, `"purpose_label":"贷前审查"`, `"receipt_url":"/api/v1/authorizations/`}},
		{name: "ConsentRequestByInstitution", req: request{method: "POST", url: "/api/v1/authorizations", as: "bank-token", body: body(e.codes["tech"], "credit_granting")},
			status: http.StatusCreated, expect: []string{`"status":"requested"`, `"mode":"one_time"`}, forbid: []string{`"receipt_url"`}},
		{name: "ConsentRequestBadPurpose", req: request{method: "POST", url: "/api/v1/authorizations", as: "bank-token", body: body(e.codes["tech"], "marketing")},
			status: http.StatusBadRequest, expect: []string{"purpose"}},
		{name: "ConsentRequestNoEnterpriseAccount", req: request{method: "POST", url: "/api/v1/authorizations", as: "bank-token", body: body(e.codes["trade"], "pre_loan")},
			status: http.StatusNotFound},
		{name: "ConsentCreateAnonymous", req: request{method: "POST", url: "/api/v1/authorizations", body: body(e.codes["tech"], "pre_loan")}, status: http.StatusUnauthorized},
		{name: "ConsentCreateProvider", req: request{method: "POST", url: "/api/v1/authorizations", as: "provider-token", body: body(e.codes["tech"], "pre_loan")}, status: http.StatusForbidden},
		{name: "ConsentListEnterprise", req: get("/api/v1/authorizations", "techadmin-session"), status: http.StatusOK, expect: []string{e.codes["auth-active"], e.codes["auth-req1"]}},
		{name: "ConsentListInstitution", req: get("/api/v1/authorizations?status=requested", "bank-token"), status: http.StatusOK,
			expect: []string{e.codes["auth-req1"]}, forbid: []string{e.codes["auth-active"]}},
		{name: "ConsentListOperator", req: get("/api/v1/authorizations", "op-token"), status: http.StatusOK, expect: []string{e.codes["auth-active"]}},
		{name: "ConsentListAnonymous", req: get("/api/v1/authorizations", ""), status: http.StatusUnauthorized},
		{name: "ConsentListProvider", req: get("/api/v1/authorizations", "provider-token"), status: http.StatusForbidden},
		{name: "ConsentGet", req: get(active, "bank-token"), status: http.StatusOK, expect: []string{`"status":"active"`, e.codes["tech"]}},
		{name: "ConsentGetMissing", req: get("/api/v1/authorizations/NOPE", "op-token"), status: http.StatusNotFound},
		{name: "ConsentGetAnonymous", req: get(active, ""), status: http.StatusUnauthorized},
		{name: "ConsentGetProvider", req: get(active, "provider-token"), status: http.StatusForbidden},
		{name: "ConsentApprove", req: post(req1+"/approve", "techadmin-session"), status: http.StatusOK, expect: []string{`"status":"active"`}},
		{name: "ConsentApproveAgain", req: post(req1+"/approve", "techadmin-session"), status: http.StatusConflict},
		{name: "ConsentApproveMissing", req: post("/api/v1/authorizations/NOPE/approve", "techadmin-session"), status: http.StatusNotFound},
		{name: "ConsentApproveAnonymous", req: post(req1+"/approve", ""), status: http.StatusUnauthorized},
		{name: "ConsentApproveByInstitution", req: post(req2+"/approve", "bank-token"), status: http.StatusForbidden},
		{name: "ConsentDecline", req: post(req2+"/decline", "techadmin-session"), status: http.StatusOK, expect: []string{`"status":"declined"`}},
		{name: "ConsentDeclineAgain", req: post(req2+"/decline", "techadmin-session"), status: http.StatusConflict},
		{name: "ConsentDeclineAnonymous", req: post(req2+"/decline", ""), status: http.StatusUnauthorized},
		{name: "ConsentDeclineByStaff", req: post(req2+"/decline", "techstaff-session"), status: http.StatusForbidden},
		{name: "ConsentReceipt", req: get(active+"/receipt", "bank-token"), status: http.StatusOK, file: true,
			expect: []string{"xinrong consent receipt v1\n", "status: active\n", "— api.test/consent "},
			header: map[string]string{"Content-Type": "text/plain; charset=utf-8"}},
		{name: "ConsentReceiptNone", req: get(req2+"/receipt", "techadmin-session"), status: http.StatusNotFound},
		{name: "ConsentReceiptAnonymous", req: get(active+"/receipt", ""), status: http.StatusUnauthorized},
		{name: "ConsentRevoke", req: post(active+"/revoke", "techadmin-session"), status: http.StatusOK, expect: []string{`"status":"revoked"`}},
		{name: "ConsentRevokeAgain", req: post(active+"/revoke", "techadmin-session"), status: http.StatusConflict},
		{name: "ConsentRevokeAnonymous", req: post(active+"/revoke", ""), status: http.StatusUnauthorized},
		{name: "ConsentRevokeByStaff", req: post(active+"/revoke", "techstaff-session"), status: http.StatusForbidden},
		{name: "ConsentRevokedReceipt", req: get(active+"/receipt", "op-token"), status: http.StatusOK, file: true, expect: []string{"status: revoked\n"}},
		{name: "ConsentVerifierKey", req: get("/api/v1/consent/verifier-key", ""), status: http.StatusOK, expect: []string{`"verifier_key":"api.test/consent+`}},
	}
}
