// SPDX-License-Identifier: Apache-2.0

package onboard_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

const testPassword = "Xinrong-2024-pw"

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Set(t time.Time)         { c.mu.Lock(); c.t = t; c.mu.Unlock() }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// fixture is the onboarding service over a fresh real store, with the
// credit centre, one institution and signed-in contexts for each role.
type fixture struct {
	store *sqlstore.Store
	clock *clock
	acc   *access.Service
	aud   *audit.Service
	cat   *catalog.Service
	svc   *onboard.Service
	inst  access.Organization
	other access.Organization // a second institution
	// contexts carrying signed-in principals
	opAdmin, op, instAdmin, instQuery, otherAdmin context.Context
}

func newFixture(tb testing.TB, store *sqlstore.Store) *fixture {
	tb.Helper()
	ctx := context.Background()
	if store == nil {
		store = storetest.Open(tb)
	}
	f := &fixture{store: store, clock: &clock{t: time.Date(2026, 3, 1, 1, 0, 0, 0, time.UTC)}}
	f.acc = access.New(store, access.Options{Now: f.clock.Now,
		Hasher: access.NewHasher(access.PasswordParams{Time: 1, Memory: 64, Threads: 1, SaltLen: 16, KeyLen: 32}, 2)})
	var err error
	if f.aud, err = audit.New(ctx, store, audit.Options{Secret: []byte("0123456789abcdef0123456789abcdef"), Origin: "test.example/audit", Now: f.clock.Now}); err != nil {
		tb.Fatal(err)
	}
	base, err := catalog.Default()
	if err != nil {
		tb.Fatal(err)
	}
	if f.cat, err = catalog.NewService(ctx, store, base); err != nil {
		tb.Fatal(err)
	}
	f.svc = onboard.New(store, f.acc, f.cat, f.aud, onboard.Options{Now: f.clock.Now})
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	mk := func(kind access.OrgKind, name, code string) access.Organization {
		o, err := f.acc.CreateOrganization(sys, access.NewOrganization{Kind: kind, Name: name, Code: code})
		if err != nil {
			tb.Fatalf("CreateOrganization(%s): %v", code, err)
		}
		return o
	}
	centre := mk(access.OrgOperator, "信用中心", "XR-OPERATOR")
	f.inst = mk(access.OrgInstitution, "测试银行", "91640000MA76543210")
	f.other = mk(access.OrgInstitution, "另一银行", "91640000MA76543229")
	user := func(org access.Organization, name string, role access.Role) context.Context {
		if _, err := f.acc.CreateUser(sys, access.NewUser{OrgID: org.ID, Username: name, Roles: []access.Role{role}, Password: testPassword}); err != nil {
			tb.Fatalf("CreateUser(%s): %v", name, err)
		}
		_, p, err := f.acc.Login(ctx, name, testPassword, access.LoginMeta{IP: "192.0.2.1"})
		if err != nil {
			tb.Fatalf("Login(%s): %v", name, err)
		}
		return access.WithPrincipal(ctx, p)
	}
	f.opAdmin = user(centre, "opadmin", access.RoleOperatorAdmin)
	f.op = user(centre, "operator1", access.RoleOperator)
	f.instAdmin = user(f.inst, "bankadmin", access.RoleInstitutionAdmin)
	f.instQuery = user(f.inst, "bankquery", access.RoleInstitutionQueryOfficer)
	f.otherAdmin = user(f.other, "otheradmin", access.RoleInstitutionAdmin)
	return f
}

func passingChecks() []onboard.CheckResult {
	var out []onboard.CheckResult
	for _, c := range onboard.Checklist {
		out = append(out, onboard.CheckResult{Code: c.Code, Evidence: "材料编号 " + c.Code, Result: onboard.ResultPass, Reviewer: "张审核"})
	}
	return out
}

func (f *fixture) terms() onboard.NewAgreement {
	now := f.clock.Now()
	return onboard.NewAgreement{Categories: []string{"REG"}, Items: []string{"LIC.XZXK"}, Purposes: []string{"loan_precheck"},
		From: now, Until: now.AddDate(2, 0, 0), Limits: onboard.Limits{RatePerSecond: 5, Burst: 2, DailyQuota: 10}}
}

const commitment = "本机构承诺仅在协议约定范围和用途内使用信用信息，依法保护信息主体权益。"

// mustLive takes the fixture's institution from application to live.
func (f *fixture) mustLive(tb testing.TB) onboard.Application {
	tb.Helper()
	a, err := f.svc.Apply(f.instAdmin, onboard.NewApplication{InstitutionType: onboard.TypeBank, LicenceNumber: "B0001H264010001", ContactName: "李联系", ContactPhone: "0951-1234567"})
	must(tb, err)
	_, err = f.svc.StartAssessment(f.op, a.ID)
	must(tb, err)
	_, err = f.svc.Assess(f.op, a.ID, onboard.NewAssessment{Checks: passingChecks()})
	must(tb, err)
	a, err = f.svc.Approve(f.op, a.ID, f.terms())
	must(tb, err)
	_, err = f.svc.Sign(f.instAdmin, a.ID, a.Agreement.Version, commitment)
	must(tb, err)
	a, err = f.svc.Activate(f.op, a.ID)
	must(tb, err)
	return a
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func wantCode(tb testing.TB, err error, code apperr.Code) {
	tb.Helper()
	if got := apperr.CodeOf(err); got != code {
		tb.Fatalf("err=%v (code %q), want code %q", err, got, code)
	}
}
