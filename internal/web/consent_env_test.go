// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/usage"
)

// Accounts of the consent and usage pages, one per caller of gatetest.
const (
	acctEnt      = "demo-ent-admin" // enterprise A's administrator
	acctEntStaff = "demo-ent-staff"
	acctEntB     = "demo-entb-admin" // enterprise B's administrator
	acctBank     = "demo-bank-query" // the live bank's query officer
	acctProvider = "demo-provider-sub"
	acctOp       = "demo-op"
)

// consentEnv is the UI over gatetest's services (a live bank, two
// enterprises, a provider with records) with the consent and usage
// pages wired in and a password account for each caller.
type consentEnv struct {
	*gatetest.Env
	usage *usage.Service
	srv   *httptest.Server
	h     *Handler
}

// serviceCatalog adapts the catalog service to the pages.
type serviceCatalog struct{ svc *catalog.Service }

func (c serviceCatalog) Current(ctx context.Context) (*catalog.Catalog, error) {
	cat, _, err := c.svc.Current(ctx)
	return cat, err
}

func newConsentEnv(t *testing.T) *consentEnv {
	t.Helper()
	g := gatetest.New(t)
	e := &consentEnv{Env: g, usage: usage.New(g.Store, g.Audit, g.Ingest, g.Catalog, usage.Options{})}
	sys := g.As[gatetest.System]
	for name, a := range map[string]struct {
		org  string
		role access.Role
	}{
		acctEnt: {"ent", access.RoleEnterpriseAdmin}, acctEntStaff: {"ent", access.RoleEnterpriseStaff},
		acctEntB: {"entb", access.RoleEnterpriseAdmin}, acctBank: {"bank", access.RoleInstitutionQueryOfficer},
		acctProvider: {"provider", access.RoleProviderSubmitter}, acctOp: {"op", access.RoleOperator},
	} {
		if _, _, err := g.Access.EnsureUser(sys, access.NewUser{OrgID: g.Orgs[a.org].ID, Username: name, DisplayName: "演示" + name,
			Roles: []access.Role{a.role}, Password: testPassword}); err != nil {
			t.Fatalf("user %s: %v", name, err)
		}
	}
	var err error
	e.h, err = New(Deps{Sessions: g.Access, Organizations: g.Access, Subjects: g.Subjects, Catalog: serviceCatalog{g.Catalog},
		Gate: g.Gate, Consent: g.Consent, Usage: e.usage, NodeName: "宁夏测试节点", Region: "640000", DefaultLang: LangZh,
		Log: slog.New(slog.NewTextHandler(testWriter{t}, &slog.HandlerOptions{Level: slog.LevelWarn}))})
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(chain(t, e.h, g.Access))
	t.Cleanup(e.srv.Close)
	return e
}

// loginAs signs a new client in as user through the form.
func (e *consentEnv) loginAs(t *testing.T, user string) *http.Client {
	t.Helper()
	ce := &collectEnv{testEnv: &testEnv{srv: e.srv}}
	return ce.loginAs(t, user)
}
