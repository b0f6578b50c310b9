// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"context"
	"net/http"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/usage"
)

// newUsage builds the usage service over the env's store.
func newUsage(t testing.TB, store *sqlstore.Store, col *ingest.Service, cat *catalog.Service, g *gate.Gate) *usage.Service {
	t.Helper()
	log, err := audit.New(context.Background(), store, audit.Options{Secret: []byte("api-test-node-secret-0123456789abcdef"), Origin: "api.test/audit"})
	if err != nil {
		t.Fatal(err)
	}
	return usage.New(store, log, col, cat, usage.Options{Witness: g})
}

// seedUsage makes two accesses to tech through the gate, an operator's
// query of the tax bureau's grade (released) and the
// institution's look at the profile (refused: it is not onboarded), and
// aggregates them for the usage feedback.
func (e *env) seedUsage(t testing.TB, g *gate.Gate, svc *usage.Service, operatorOrg string) {
	t.Helper()
	ctx := context.Background()
	as := func(orgID string, kind access.OrgKind, role access.Role) context.Context {
		return access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "seed-usage-" + string(role),
			OrgID: orgID, OrgKind: kind, Roles: []access.Role{role}})
	}
	_, err := g.Release(as(operatorOrg, access.OrgOperator, access.RoleOperator),
		gate.Request{Action: gate.ActionQuery, Subject: e.codes["tech"], Items: []string{"TAX.LEVEL"}}, nil)
	if err != nil {
		t.Fatalf("operator query: %v", err)
	}
	_, err = g.Release(as(e.codes["institution-org"], access.OrgInstitution, access.RoleInstitutionQueryOfficer),
		gate.Request{Action: gate.ActionProfile, Subject: e.codes["tech"], Purpose: "pre_loan"}, nil)
	if !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("institution's look: %v, want refused", err)
	}
	if _, err := svc.Aggregate(ctx); err != nil {
		t.Fatalf("Aggregate: %v", err)
	}
}

// usageScenarios cover the access log and the usage feedback.
func usageScenarios(e *env) []scenario {
	get := func(url, as string) request { return request{method: "GET", url: url, as: as} }
	file := func(name, url, as string, status int, ctype string, expect ...string) scenario {
		sc := scenario{name: name, req: get(url, as), status: status, expect: expect}
		if status == http.StatusOK {
			sc.file, sc.header = true, map[string]string{"Content-Type": ctype}
		}
		return sc
	}
	csv, xlsx := "text/csv; charset=utf-8", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
	return []scenario{
		{name: "AccessLogEnterprise", req: get("/api/v1/access-log", "techstaff-token"), status: http.StatusOK,
			expect: []string{`"action":"query"`, `"action_label":"查询"`, `"outcome":"denied"`, `"role_label":"机构查询员"`, `"code":"TAX.LEVEL"`},
			forbid: []string{"seed-usage-"}},
		{name: "AccessLogEnterpriseDenied", req: get("/api/v1/access-log?outcome=denied&limit=5", "techstaff-token"), status: http.StatusOK,
			expect: []string{`"outcome":"denied"`, `"purpose_label":"贷前审查"`}, forbid: []string{`"outcome":"ok"`}},
		{name: "AccessLogInstitution", req: get("/api/v1/access-log", "bank-token"), status: http.StatusOK,
			expect: []string{`"action":"profile"`, `"actor_id":"seed-usage-institution_query_officer"`}, forbid: []string{`"org_kind":"operator"`}},
		{name: "AccessLogOperator", req: get("/api/v1/access-log?uscc="+e.codes["tech"], "op-token"), status: http.StatusOK,
			expect: []string{`"action":"query"`, `"action":"access_log"`, `"action_label":"查看查询记录"`}},
		{name: "AccessLogOperatorNoEnterprise", req: get("/api/v1/access-log", "op-token"), status: http.StatusBadRequest, expect: []string{"uscc"}},
		{name: "AccessLogBadOutcome", req: get("/api/v1/access-log?outcome=maybe", "techstaff-token"), status: http.StatusBadRequest},
		{name: "AccessLogBadBefore", req: get("/api/v1/access-log?before=-3", "techstaff-token"), status: http.StatusBadRequest},
		{name: "AccessLogAnonymous", req: get("/api/v1/access-log", ""), status: http.StatusUnauthorized},
		{name: "AccessLogProvider", req: get("/api/v1/access-log", "provider-token"), status: http.StatusForbidden},
		{name: "UsageProvider", req: get("/api/v1/usage", "provider2-token"), status: http.StatusOK,
			expect: []string{`"provider":"` + sw + `"`, `"item":"TAX.LEVEL"`, `"action":"query"`, `"accesses":1`, `"total":1`, `"org_kind":"operator"`},
			forbid: []string{scjg}},
		{name: "UsageOtherMonth", req: get("/api/v1/usage?month=2020-01", "provider2-token"), status: http.StatusOK,
			expect: []string{`"month":"2020-01"`, `"items":[]`}},
		{name: "UsageOperator", req: get("/api/v1/usage?provider="+scjg, "op-token"), status: http.StatusOK,
			expect: []string{`"code":"` + scjg + `"`, `"items":[]`}, forbid: []string{sw}},
		{name: "UsageBadMonth", req: get("/api/v1/usage?month=2026-13", "provider-token"), status: http.StatusBadRequest, expect: []string{"month"}},
		{name: "UsageOtherProvider", req: get("/api/v1/usage?provider="+sw, "provider-token"), status: http.StatusForbidden},
		{name: "UsageAnonymous", req: get("/api/v1/usage", ""), status: http.StatusUnauthorized},
		{name: "UsageInstitution", req: get("/api/v1/usage", "bank-token"), status: http.StatusForbidden},
		file("UsageCSV", "/api/v1/usage.csv", "provider2-token", http.StatusOK, csv, "月份 Month", sw, "TAX.LEVEL", "查询 Query"),
		file("UsageCSVBadMonth", "/api/v1/usage.csv?month=x", "provider-token", http.StatusBadRequest, ""),
		file("UsageCSVAnonymous", "/api/v1/usage.csv", "", http.StatusUnauthorized, ""),
		file("UsageCSVInstitution", "/api/v1/usage.csv", "bank-token", http.StatusForbidden, ""),
		file("UsageXLSX", "/api/v1/usage.xlsx", "op-token", http.StatusOK, xlsx, "PK"),
		file("UsageXLSXBadMonth", "/api/v1/usage.xlsx?month=x", "op-token", http.StatusBadRequest, ""),
		file("UsageXLSXAnonymous", "/api/v1/usage.xlsx", "", http.StatusUnauthorized, ""),
		file("UsageXLSXInstitution", "/api/v1/usage.xlsx", "bank-token", http.StatusForbidden, ""),
	}
}
