// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/verify/psi"
)

// psiToken is the bearer token of the institution newPSI takes live for
// list matching; newEnv's scenarios run after it.
var psiToken string

// newPSI builds list matching over the env's gate, with a limit of three
// runs a day so that the scenarios reach it.
func newPSI(t testing.TB, store *sqlstore.Store, cat *catalog.Service, g *gate.Gate) *psi.Service {
	t.Helper()
	svc, err := psi.New(store, g, cat, psi.Options{Secret: []byte("api-test-node-secret-0123456789abcdef"),
		Limits: gate.ListMatchLimits{MinElements: 50, RunsPerDay: 3, ElementsPerDay: 10_000}})
	if err != nil {
		t.Fatal(err)
	}
	return svc
}

// seedPSI takes an institution live with an agreement naming
// list_matching and keeps its client's token for the scenarios.
func seedPSI(t testing.TB, acc *access.Service, onb *onboard.Service, opID string) {
	t.Helper()
	ctx := context.Background()
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	o, err := acc.CreateOrganization(sys, access.NewOrganization{Kind: access.OrgInstitution, Name: "名单比对银行", Code: "XR-PSIBANK"})
	if err != nil {
		t.Fatal(err)
	}
	gatetest.GoLive(t, onb, o.ID, opID, []string{gate.PurposeListMatching}, onboard.Limits{RatePerSecond: 100, Burst: 100, DailyQuota: 1000})
	c, secret, err := acc.CreateClient(sys, o.ID, "psi system", []access.Role{access.RoleInstitutionQueryOfficer})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := acc.IssueToken(ctx, c.ID, secret, "")
	if err != nil {
		t.Fatal(err)
	}
	psiToken = tok.Token
}

// psiBatch is the wire form of codes blinded under a fresh key.
func psiBatch(codes []string) string {
	k, err := psi.NewKey()
	if err != nil {
		panic(err)
	}
	var b bytes.Buffer
	_ = psi.WriteElements(&b, psi.HashBlind(k, codes))
	return b.String()
}

// openPSI opens a session of 60 elements as the list matching bank.
func (e *env) openPSI() string {
	r := httptest.NewRequest("POST", "/api/v1/psi/lists/abnormal-operations/sessions", strings.NewReader(`{"elements":60}`))
	r.Header.Set("Authorization", "Bearer "+psiToken)
	r.Header.Set("Content-Type", "application/json")
	w := httptest.NewRecorder()
	e.handler.ServeHTTP(w, r)
	var s psi.Session
	if err := json.Unmarshal(w.Body.Bytes(), &s); err != nil || w.Code != http.StatusCreated {
		panic(fmt.Sprintf("open psi session: %d %s", w.Code, w.Body))
	}
	return s.ID
}

func psiScenarios(e *env) []scenario {
	e.creds["psibank-token"] = cred{bearer: psiToken}
	s1, s2 := e.openPSI(), e.openPSI() // runs 1 and 2 of 3
	var codes []string
	for i := range 60 {
		codes = append(codes, fmt.Sprintf("91640104MA7Q%04dXY", i))
	}
	good, same := psiBatch(codes), psiBatch(slices.Repeat(codes[:1], 60))
	bin := map[string]string{"Content-Type": psi.ContentType}
	open := func(list, as, body string) request {
		return request{method: "POST", url: "/api/v1/psi/lists/" + list + "/sessions", as: as, body: body}
	}
	blind := func(id, as, body string) request {
		return request{method: "POST", url: "/api/v1/psi/sessions/" + id + "/blinded", as: as, body: body, headers: bin}
	}
	list := func(id, as string) request {
		return request{method: "GET", url: "/api/v1/psi/sessions/" + id + "/list", as: as}
	}
	return []scenario{
		{name: "psi lists", req: request{method: "GET", url: "/api/v1/psi/lists", as: "psibank-token"}, status: 200, expect: []string{"dishonest-debtors", "失信被执行人"}},
		{name: "psi lists anonymous", req: request{method: "GET", url: "/api/v1/psi/lists"}, status: 401},
		{name: "psi lists provider", req: request{method: "GET", url: "/api/v1/psi/lists", as: "provider-token"}, status: 403},
		{name: "psi open", req: open("abnormal-operations", "psibank-token", `{"elements":60}`), status: 201, expect: []string{`"list_version"`}},
		{name: "psi open fourth run", req: open("abnormal-operations", "psibank-token", `{"elements":60}`), status: 429},
		{name: "psi open zero", req: open("abnormal-operations", "psibank-token", `{"elements":0}`), status: 400},
		{name: "psi open anonymous", req: open("abnormal-operations", "", `{"elements":60}`), status: 401},
		{name: "psi open without list_matching", req: open("abnormal-operations", "bank-token", `{"elements":60}`), status: 403},
		{name: "psi open unknown list", req: open("no-such-list", "psibank-token", `{"elements":60}`), status: 404},
		{name: "psi blinded", req: blind(s1, "psibank-token", good), status: 200, file: true, header: map[string]string{"Content-Type": psi.ContentType}},
		{name: "psi blinded twice", req: blind(s1, "psibank-token", good), status: 409},
		{name: "psi blinded bad batch", req: blind(s2, "psibank-token", "XRP1 not a batch"), status: 400},
		{name: "psi blinded one code sixty times", req: blind(s2, "psibank-token", same), status: 403},
		{name: "psi blinded unknown session", req: blind("nope", "psibank-token", good), status: 404},
		{name: "psi blinded anonymous", req: blind(s1, "", good), status: 401},
		{name: "psi blinded provider", req: blind(s1, "provider-token", good), status: 403},
		{name: "psi list", req: list(s1, "psibank-token"), status: 200, file: true},
		{name: "psi list of another institution", req: list(s1, "bank-token"), status: 404},
		{name: "psi list anonymous", req: list(s1, ""), status: 401},
		{name: "psi list provider", req: list(s1, "provider-token"), status: 403},
	}
}
