// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/subject"
)

// newGate builds the gate and report service of a test env over the real
// catalog, audit, consent and onboarding services, with the institution
// taken live under an agreement for pre-loan reviews of every category.
func newGate(t *testing.T, store *sqlstore.Store, subj *subject.Service, institutionID, operatorID string) (*gate.Gate, *report.Service) {
	t.Helper()
	ctx := context.Background()
	secret := []byte("web-test-node-secret-0123456789abcdef")
	base, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.NewService(ctx, store, base)
	if err != nil {
		t.Fatal(err)
	}
	log, err := audit.New(ctx, store, audit.Options{Secret: secret, Origin: "web.test/audit"})
	if err != nil {
		t.Fatal(err)
	}
	cons, err := consent.New(ctx, store, cat, log, consent.Options{Secret: secret, Origin: "web.test/consent"})
	if err != nil {
		t.Fatal(err)
	}
	onb := onboard.New(store, access.New(store, access.Options{}), cat, log, onboard.Options{})
	goLive(t, onb, institutionID, operatorID)
	g, err := gate.New(gate.Deps{Store: store, Subjects: subj, Catalog: cat, Consent: cons, Agreements: onb, Audit: log}, gate.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, err := report.New(ctx, store, g, cat, report.Options{Secret: secret, Origin: "web.test/report", Node: "宁夏测试节点"})
	if err != nil {
		t.Fatal(err)
	}
	return g, r
}

// goLive takes the institution from application to live.
func goLive(t *testing.T, onb *onboard.Service, institutionID, operatorID string) {
	t.Helper()
	ctx := context.Background()
	admin := access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "U-inst-seed", OrgID: institutionID,
		OrgKind: access.OrgInstitution, Roles: []access.Role{access.RoleInstitutionAdmin}})
	op := access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "U-op-seed", OrgID: operatorID,
		OrgKind: access.OrgOperator, Roles: []access.Role{access.RoleOperator}})
	a, err := onb.Apply(admin, onboard.NewApplication{InstitutionType: onboard.TypeBank, LicenceNumber: "B0001H264010077",
		ContactName: "王联系", ContactPhone: "0951-1234567"})
	if err == nil {
		_, err = onb.StartAssessment(op, a.ID)
	}
	var checks []onboard.CheckResult
	for _, c := range onboard.Checklist {
		checks = append(checks, onboard.CheckResult{Code: c.Code, Evidence: "材料", Result: onboard.ResultPass, Reviewer: "张审核"})
	}
	if err == nil {
		_, err = onb.Assess(op, a.ID, onboard.NewAssessment{Checks: checks})
	}
	now := time.Now().UTC()
	if err == nil {
		a, err = onb.Approve(op, a.ID, onboard.NewAgreement{Categories: []string{"REG", "LIC", "PEN", "JUD", "DIS", "HON", "POL", "TAX",
			"SOC", "CUS", "UTL", "EST", "IPR", "RND", "ABN"}, Purposes: []string{"pre_loan"}, From: now.Add(-time.Hour),
			Until: now.AddDate(1, 0, 0), Limits: onboard.Limits{RatePerSecond: 100, Burst: 100, DailyQuota: 10000}})
	}
	if err == nil {
		_, err = onb.Sign(admin, a.ID, a.Agreement.Version, "本机构承诺仅在协议约定范围和用途内使用信用信息，依法保护信息主体权益。")
	}
	if err == nil {
		_, err = onb.Activate(op, a.ID)
	}
	if err != nil {
		t.Fatalf("onboard the institution: %v", err)
	}
}
