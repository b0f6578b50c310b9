// SPDX-License-Identifier: Apache-2.0

package consent_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

var (
	t0     = time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	secret = []byte("consent-test-secret-0123456789abcdef")
)

const (
	usccA = "91640104MA7X00011A"
	usccB = "91640205MA7X00022B"
)

// clock is a settable test clock.
type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)         { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) Advance(d time.Duration) { c.Set(c.Now().Add(d)) }

// fixture is the consent service over a fresh store with two enterprises,
// two institutions, an operator and a provider, and a context for each
// kind of caller.
type fixture struct {
	store *sqlstore.Store
	svc   *consent.Service
	clock *clock
	orgs  map[string]access.Organization
	as    map[string]context.Context // "ent", "entStaff", "entB", "bank", "bankAdmin", "bankB", "op", "provider"
}

func MustFixture(tb testing.TB) *fixture {
	tb.Helper()
	ctx := context.Background()
	s := storetest.Open(tb)
	clk := &clock{t: t0}
	log, err := audit.New(ctx, s, audit.Options{Secret: secret, Origin: "test.example/audit", Now: clk.Now})
	if err != nil {
		tb.Fatal(err)
	}
	base, err := catalog.Default()
	if err != nil {
		tb.Fatal(err)
	}
	cat, err := catalog.NewService(ctx, s, base)
	if err != nil {
		tb.Fatal(err)
	}
	svc, err := consent.New(ctx, s, cat, log, consent.Options{Secret: secret, Origin: "test.example/consent", Now: clk.Now})
	if err != nil {
		tb.Fatal(err)
	}
	f := &fixture{store: s, svc: svc, clock: clk, orgs: map[string]access.Organization{}, as: map[string]context.Context{}}
	for name, o := range map[string]access.Organization{
		"ent": {Kind: access.OrgEnterprise, Code: usccA}, "entB": {Kind: access.OrgEnterprise, Code: usccB},
		"bank": {Kind: access.OrgInstitution, Code: "XR-BANK"}, "bankB": {Kind: access.OrgInstitution, Code: "XR-BANKB"},
		"op": {Kind: access.OrgOperator}, "provider": {Kind: access.OrgProvider},
	} {
		o.ID, o.Name, o.Status, o.CreatedAt = id.New(), "测试"+name, access.OrgActive, t0
		if err := s.CreateOrganization(ctx, o); err != nil {
			tb.Fatal(err)
		}
		f.orgs[name] = o
	}
	for name, p := range map[string]struct {
		org  string
		role access.Role
	}{
		"ent": {"ent", access.RoleEnterpriseAdmin}, "entStaff": {"ent", access.RoleEnterpriseStaff},
		"entB": {"entB", access.RoleEnterpriseAdmin}, "bank": {"bank", access.RoleInstitutionQueryOfficer},
		"bankAdmin": {"bank", access.RoleInstitutionAdmin}, "bankB": {"bankB", access.RoleInstitutionApprover},
		"op": {"op", access.RoleOperator}, "provider": {"provider", access.RoleProviderSubmitter},
	} {
		o := f.orgs[p.org]
		f.as[name] = access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "U-" + name,
			Username: name, OrgID: o.ID, OrgKind: o.Kind, Roles: []access.Role{p.role}})
	}
	return f
}

// terms are period pre-loan terms for enterprise A and the bank.
func (f *fixture) terms() consent.Terms {
	return consent.Terms{EnterpriseUSCC: usccA, InstitutionOrgID: f.orgs["bank"].ID, Scope: []string{"TAX", "SOC.CBJF", "PEN.XZCF"},
		Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod, ValidUntil: f.clock.Now().Add(30 * 24 * time.Hour)}
}

// MustGrant grants t as enterprise A's administrator.
func (f *fixture) MustGrant(tb testing.TB, t consent.Terms) consent.Authorization {
	tb.Helper()
	a, err := f.svc.Grant(f.as["ent"], t)
	if err != nil {
		tb.Fatalf("Grant: %v", err)
	}
	return a
}

// MustRequest requests t as the bank's query officer.
func (f *fixture) MustRequest(tb testing.TB, t consent.Terms) consent.Authorization {
	tb.Helper()
	a, err := f.svc.Request(f.as["bank"], t)
	if err != nil {
		tb.Fatalf("Request: %v", err)
	}
	return a
}

// use uses an authorization for item in a transaction of its own, as the gate would.
func (f *fixture) use(tb testing.TB, authID, item string) (consent.Authorization, error) {
	tb.Helper()
	var out consent.Authorization
	err := f.store.ConsentTx(context.Background(), func(tx consent.Tx) error {
		var err error
		out, err = f.svc.Use(context.Background(), tx, authID, item)
		return err
	})
	return out, err
}

// auditSize returns the number of committed audit leaves.
func (f *fixture) auditSize(tb testing.TB) int64 {
	tb.Helper()
	n, err := f.store.AuditTreeSize(context.Background())
	if err != nil {
		tb.Fatal(err)
	}
	return n
}

// lastKind returns the kind of the newest audit leaf.
func (f *fixture) lastKind(tb testing.TB) string {
	tb.Helper()
	n := f.auditSize(tb)
	ls, err := f.store.AuditLeaves(context.Background(), n-1, n, false)
	if err != nil || len(ls) != 1 {
		tb.Fatalf("AuditLeaves: %v (%d)", err, len(ls))
	}
	return ls[0].Kind
}
