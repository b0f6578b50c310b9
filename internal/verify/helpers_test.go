// SPDX-License-Identifier: Apache-2.0

package verify_test

import (
	"context"
	"encoding/json"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
	"github.com/xinrong/xinrong/internal/verify"
)

const (
	testPassword = "Xinrong-2024-pw"
	nameA        = "银川市核验测试商贸有限公司"
	commitment   = "本机构承诺仅在协议约定范围和用途内使用信用信息，依法保护信息主体权益。"
)

var (
	usccA  = mustCode("MA7X0001")                        // the enterprise with records
	t0     = time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC) // 2026-03-01 16:00 in China
	secret = []byte("verify-test-secret-0123456789abcdef")
)

type clock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *clock) Now() time.Time          { c.mu.Lock(); defer c.mu.Unlock(); return c.t }
func (c *clock) Advance(d time.Duration) { c.mu.Lock(); c.t = c.t.Add(d); c.mu.Unlock() }

// fixture is the verification service over real services and a fresh
// store: a bank taken live through onboarding with an agreement covering
// TAX, SOC, UTL and EST for pre-loan checks, enterprise A registered with
// its administrator signed in, and providers for the items the templates
// read.
type fixture struct {
	store   *sqlstore.Store
	clock   *clock
	aud     *audit.Service
	consent *consent.Service
	ingest  *ingest.Service
	gate    *gate.Gate
	svc     *verify.Service
	bankOrg access.Organization
	// signed-in contexts
	bank, ent, op, sys context.Context
}

func newFixture(tb testing.TB, lim verify.Limits) *fixture {
	tb.Helper()
	ctx := context.Background()
	s := storetest.Open(tb)
	f := &fixture{store: s, clock: &clock{t: t0}}
	acc := access.New(s, access.Options{Now: f.clock.Now,
		Hasher: access.NewHasher(access.PasswordParams{Time: 1, Memory: 64, Threads: 1, SaltLen: 16, KeyLen: 32}, 2)})
	var err error
	f.aud, err = audit.New(ctx, s, audit.Options{Secret: secret, Origin: "test.example/audit", Now: f.clock.Now})
	must(tb, err)
	base, err := catalog.Default()
	must(tb, err)
	cat, err := catalog.NewService(ctx, s, base)
	must(tb, err)
	subjects := subject.NewService(s)
	_, _, err = subjects.Register(ctx, subject.Subject{USCC: usccA, Name: nameA, Status: subject.StatusActive})
	must(tb, err)
	f.consent, err = consent.New(ctx, s, cat, f.aud, consent.Options{Secret: secret, Origin: "test.example/consent", Now: f.clock.Now})
	must(tb, err)
	ob := onboard.New(s, acc, cat, f.aud, onboard.Options{Now: f.clock.Now})
	f.sys = access.WithPrincipal(ctx, access.SystemPrincipal())
	mkOrg := func(kind access.OrgKind, name, code string) access.Organization {
		o, err := acc.CreateOrganization(f.sys, access.NewOrganization{Kind: kind, Name: name, Code: code})
		must(tb, err)
		return o
	}
	centre := mkOrg(access.OrgOperator, "信用中心", "XR-OPERATOR")
	f.bankOrg = mkOrg(access.OrgInstitution, "测试银行", "91640000MA76543210")
	entOrg := mkOrg(access.OrgEnterprise, nameA, usccA)
	user := func(org access.Organization, name string, role access.Role) context.Context {
		_, err := acc.CreateUser(f.sys, access.NewUser{OrgID: org.ID, Username: name, Roles: []access.Role{role}, Password: testPassword})
		must(tb, err)
		_, p, err := acc.Login(ctx, name, testPassword, access.LoginMeta{IP: "192.0.2.1"})
		must(tb, err)
		return access.WithPrincipal(ctx, p)
	}
	f.op = user(centre, "operator1", access.RoleOperator)
	bankAdmin := user(f.bankOrg, "bankadmin", access.RoleInstitutionAdmin)
	f.bank = user(f.bankOrg, "bankquery", access.RoleInstitutionQueryOfficer)
	f.ent = user(entOrg, "entadmin", access.RoleEnterpriseAdmin)

	// The bank goes live: application, assessment, agreement, signature.
	app, err := ob.Apply(bankAdmin, onboard.NewApplication{InstitutionType: onboard.TypeBank, LicenceNumber: "B0001H264010001",
		ContactName: "李联系", ContactPhone: "0951-1234567"})
	must(tb, err)
	_, err = ob.StartAssessment(f.op, app.ID)
	must(tb, err)
	var checks []onboard.CheckResult
	for _, c := range onboard.Checklist {
		checks = append(checks, onboard.CheckResult{Code: c.Code, Evidence: "材料 " + c.Code, Result: onboard.ResultPass, Reviewer: "张审核"})
	}
	_, err = ob.Assess(f.op, app.ID, onboard.NewAssessment{Checks: checks})
	must(tb, err)
	app, err = ob.Approve(f.op, app.ID, onboard.NewAgreement{Categories: []string{"TAX", "SOC", "UTL", "EST"},
		Purposes: []string{string(consent.PurposePreLoan)}, From: t0, Until: t0.AddDate(2, 0, 0),
		Limits: onboard.Limits{RatePerSecond: 50, Burst: 50, DailyQuota: 10000}})
	must(tb, err)
	_, err = ob.Sign(bankAdmin, app.ID, app.Agreement.Version, commitment)
	must(tb, err)
	_, err = ob.Activate(f.op, app.ID)
	must(tb, err)

	f.ingest = ingest.NewService(s, cat, s, nil)
	f.ingest.Master = subjects
	_, err = f.ingest.RegisterProvider(ctx, ingest.Provider{Code: "P-TEST", Name: "测试报送单位",
		Items: []string{"TAX.NSE", "TAX.LEVEL", "SOC.CBJF", "SOC.QF", "UTL.WATER", "UTL.ELEC", "UTL.GAS", "EST.DJ", "EST.CFDJ"}})
	must(tb, err)
	f.gate, err = gate.New(gate.Deps{Store: s, Subjects: subjects, Catalog: cat, Consent: f.consent, Agreements: ob, Audit: f.aud},
		gate.Options{Now: f.clock.Now})
	must(tb, err)
	f.svc, err = verify.New(ctx, s, f.gate, subjects, cat, verify.Options{Secret: secret, Origin: "test.example/verify",
		Now: f.clock.Now, Limits: lim})
	must(tb, err)
	return f
}

// grant has enterprise A authorize the bank for scope, pre-loan, until d from now.
func (f *fixture) grant(tb testing.TB, d time.Duration, scope ...string) consent.Authorization {
	tb.Helper()
	a, err := f.consent.Grant(f.ent, consent.Terms{EnterpriseUSCC: usccA, InstitutionOrgID: f.bankOrg.ID, Scope: scope,
		Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod, ValidUntil: f.clock.Now().Add(d)})
	must(tb, err)
	return a
}

var pushes int

// push delivers rows of item for enterprise A and checks all are accepted.
func (f *fixture) push(tb testing.TB, item string, rows ...map[string]string) {
	tb.Helper()
	for _, r := range rows {
		r["USCC"], r["NAME"] = usccA, nameA
	}
	pushes++
	b, err := f.ingest.Push(context.Background(), ingest.PushInput{Provider: "P-TEST", Item: item,
		IdempotencyKey: fmt.Sprintf("k%d", pushes), Rows: rows})
	must(tb, err)
	if b.Accepted+b.Updated+b.Revoked != int64(len(rows)) {
		tb.Fatalf("push %s: %+v, want all %d rows accepted", item, b.Counts, len(rows))
	}
}

// taxYear pushes twelve monthly total tax rows of yuan each, Mar 2025 to Feb 2026.
func (f *fixture) taxYear(tb testing.TB, yuan string) {
	tb.Helper()
	var rows []map[string]string
	for m := time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC); m.Before(time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)); m = m.AddDate(0, 1, 0) {
		rows = append(rows, map[string]string{"PERIOD_TYPE": "M", "PERIOD_FROM": m.Format(time.DateOnly),
			"PERIOD_TO": m.AddDate(0, 1, -1).Format(time.DateOnly), "TAX_TYPE": "合计", "TAX_PAID": yuan})
	}
	f.push(tb, "TAX.NSE", rows...)
}

func (f *fixture) ask(ctx context.Context, template string, params any) (verify.Answer, error) {
	var raw []byte
	if params != nil {
		raw, _ = json.Marshal(params)
	}
	return f.svc.Verify(ctx, verify.Ask{USCC: usccA, Template: template, Params: raw, Purpose: string(consent.PurposePreLoan)})
}

func (f *fixture) mustAsk(tb testing.TB, template string, params any) verify.Answer {
	tb.Helper()
	a, err := f.ask(f.bank, template, params)
	if err != nil {
		tb.Fatalf("Verify(%s, %v): %v", template, params, err)
	}
	return a
}

// lastEvent returns the newest audit event about enterprise A.
func (f *fixture) lastEvent(tb testing.TB) audit.Record {
	tb.Helper()
	recs, err := f.aud.Events(context.Background(), audit.Reader{OrgKind: "operator"}, audit.Query{Subject: usccA, Limit: 1})
	if err != nil || len(recs) != 1 {
		tb.Fatalf("Events: %v (%d)", err, len(recs))
	}
	return recs[0]
}

func mustCode(org string) string {
	c, err := subject.Make('9', '1', "640104", org)
	if err != nil {
		panic(err)
	}
	return c
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
		tb.Fatalf("err=%v (code %q), want %q", err, got, code)
	}
}
