// SPDX-License-Identifier: Apache-2.0

// Package gatetest builds a node's services over a fresh test store with
// every kind of caller, a live institution and collected records, so that
// the gate and everything behind it can be tested on real storage.
package gatetest

import (
	"context"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// Secret is the node secret every service of the env shares.
var Secret = []byte("gatetest-node-secret-0123456789abcdef")

// The callers of an Env, by name.
const (
	Operator     = "op"        // 信用中心业务人员
	System       = "system"    // the node itself (CLI)
	BankQuery    = "bank"      // live institution's query officer
	BankApprover = "bankappr"  // live institution's approver
	BankAdmin    = "bankadmin" // live institution's administrator
	Bank2Query   = "bank2"     // a second institution, never onboarded
	EntAdmin     = "ent"       // enterprise A's administrator
	EntStaff     = "entstaff"  // enterprise A's staff
	EntB         = "entb"      // enterprise B's administrator
	Regulator    = "reg"       // regulator viewer
	Provider     = "provider"  // data submitter
)

// Env is the services and callers.
type Env struct {
	Store    *sqlstore.Store
	Access   *access.Service
	Catalog  *catalog.Service
	Subjects *subject.Service
	Audit    *audit.Service
	Consent  *consent.Service
	Onboard  *onboard.Service
	Ingest   *ingest.Service
	Gate     *gate.Gate
	Orgs     map[string]access.Organization // "op", "bank", "bank2", "ent", "entb", "reg", "provider"
	As       map[string]context.Context     // a context carrying each caller
	USCC     string                         // enterprise A, with records
	USCCB    string                         // enterprise B, without records
}

// New builds an Env on a fresh store.
func New(tb testing.TB) *Env {
	tb.Helper()
	ctx := context.Background()
	s := storetest.Open(tb)
	e := &Env{Store: s, Orgs: map[string]access.Organization{}, As: map[string]context.Context{}}
	var err error
	e.Access = access.New(s, access.Options{Hasher: access.NewHasher(access.PasswordParams{Time: 1, Memory: 64, Threads: 1, SaltLen: 16, KeyLen: 32}, 2)})
	base, err := catalog.Default()
	must(tb, err)
	e.Catalog, err = catalog.NewService(ctx, s, base)
	must(tb, err)
	e.Subjects = subject.NewService(s)
	e.Audit, err = audit.New(ctx, s, audit.Options{Secret: Secret, Origin: "gate.test/audit"})
	must(tb, err)
	e.Consent, err = consent.New(ctx, s, e.Catalog, e.Audit, consent.Options{Secret: Secret, Origin: "gate.test/consent"})
	must(tb, err)
	e.Onboard = onboard.New(s, e.Access, e.Catalog, e.Audit, onboard.Options{})
	e.Ingest = ingest.NewService(s, e.Catalog, s, nil)
	e.Ingest.Master = e.Subjects
	e.Gate, err = gate.New(gate.Deps{Store: s, Subjects: e.Subjects, Catalog: e.Catalog, Consent: e.Consent,
		Agreements: e.Onboard, Audit: e.Audit}, gate.Options{})
	must(tb, err)
	e.USCC, e.USCCB = mustUSCC(tb, "MA7GATE1"), mustUSCC(tb, "MA7GATE2")
	e.seedOrgs(tb)
	e.seedSubjects(tb)
	e.seedOnboard(tb)
	e.seedRecords(tb)
	return e
}

func must(tb testing.TB, err error) {
	tb.Helper()
	if err != nil {
		tb.Fatal(err)
	}
}

func mustUSCC(tb testing.TB, base string) string {
	tb.Helper()
	c, err := subject.Make('9', '1', "640104", base[:8])
	must(tb, err)
	return c
}

// seedOrgs creates an organization per kind and a signed-in caller per role.
func (e *Env) seedOrgs(tb testing.TB) {
	ctx := context.Background()
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	e.As[System] = sys
	for key, o := range map[string]access.NewOrganization{
		"op": {Kind: access.OrgOperator, Name: "测试信用中心", Code: "XR-OP"}, "bank": {Kind: access.OrgInstitution, Name: "测试银行", Code: "XR-BANK"},
		"bank2": {Kind: access.OrgInstitution, Name: "未接入银行", Code: "XR-BANK2"}, "ent": {Kind: access.OrgEnterprise, Name: "宁夏测试科技有限公司", Code: e.USCC},
		"entb": {Kind: access.OrgEnterprise, Name: "宁夏另一有限公司", Code: e.USCCB}, "reg": {Kind: access.OrgRegulator, Name: "测试监管局", Code: "XR-REG"},
		"provider": {Kind: access.OrgProvider, Name: "银川市市场监督管理局", Code: "XR-PROV"},
	} {
		org, err := e.Access.CreateOrganization(sys, o)
		must(tb, err)
		e.Orgs[key] = org
	}
	for name, u := range map[string]struct {
		org  string
		role access.Role
	}{
		Operator: {"op", access.RoleOperator}, BankQuery: {"bank", access.RoleInstitutionQueryOfficer},
		BankApprover: {"bank", access.RoleInstitutionApprover}, BankAdmin: {"bank", access.RoleInstitutionAdmin},
		Bank2Query: {"bank2", access.RoleInstitutionQueryOfficer}, EntAdmin: {"ent", access.RoleEnterpriseAdmin},
		EntStaff: {"ent", access.RoleEnterpriseStaff}, EntB: {"entb", access.RoleEnterpriseAdmin},
		Regulator: {"reg", access.RoleRegulatorViewer}, Provider: {"provider", access.RoleProviderSubmitter},
	} {
		o := e.Orgs[u.org]
		e.As[name] = access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "U-" + name,
			Username: name, DisplayName: "测试用户" + name, OrgID: o.ID, OrgKind: o.Kind, OrgName: o.Name, Roles: []access.Role{u.role}})
	}
}

func (e *Env) seedSubjects(tb testing.TB) {
	ctx := context.Background()
	for _, s := range []subject.Subject{
		{USCC: e.USCC, Name: "宁夏测试科技有限公司", LegalRep: "张三", RegionCode: "640104", IndustryCode: "6513",
			Status: subject.StatusActive, RegisteredCapitalFen: 500_000_000, Address: "宁夏银川市兴庆区解放西街1号",
			RegisteredAt: time.Date(2018, 5, 1, 0, 0, 0, 0, time.UTC)},
		{USCC: e.USCCB, Name: "宁夏另一有限公司", LegalRep: "李四", RegionCode: "640104", IndustryCode: "1311", Status: subject.StatusActive},
	} {
		_, _, err := e.Subjects.Register(ctx, s)
		must(tb, err)
	}
}

// seedOnboard takes the bank live for pre-loan and post-loan reviews of
// every category.
func (e *Env) seedOnboard(tb testing.TB) {
	GoLive(tb, e.Onboard, e.Orgs["bank"].ID, e.Orgs["op"].ID, []string{string(consent.PurposePreLoan), string(consent.PurposePostLoan)},
		onboard.Limits{RatePerSecond: 1000, Burst: 1000, DailyQuota: 1_000_000})
}
