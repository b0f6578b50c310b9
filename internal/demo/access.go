// SPDX-License-Identifier: Apache-2.0

package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/onboard"
)

// Access takes the demo bank through onboarding (security assessment,
// agreement for pre-loan and post-loan reviews of every category, signed
// commitment) and has the demo enterprise authorize it for its tax,
// social insurance, utilities and annual-report data, and the bank ask for
// one more authorization the enterprise can approve on its pages. It does
// nothing that is already done, so a restarted demo keeps its state.
func Access(ctx context.Context, acc *access.Service, onb *onboard.Service, cons *consent.Service, accounts []Account) error {
	orgs := map[access.OrgKind]access.Organization{}
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	for _, a := range accounts {
		o, _, err := acc.EnsureOrganization(sys, access.NewOrganization{Kind: a.OrgKind, Name: a.OrgName, Code: a.code})
		if err != nil {
			return err
		}
		orgs[a.OrgKind] = o
	}
	bank, op, ent := orgs[access.OrgInstitution], orgs[access.OrgOperator], orgs[access.OrgEnterprise]
	as := func(o access.Organization, role access.Role) context.Context {
		return access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "demo-" + string(role),
			OrgID: o.ID, OrgKind: o.Kind, OrgName: o.Name, Roles: []access.Role{role}})
	}
	admin, opc := as(bank, access.RoleInstitutionAdmin), as(op, access.RoleOperator)
	if _, err := onb.Mine(admin); apperr.Is(err, apperr.NotFound) {
		if err := goLive(admin, opc, onb); err != nil {
			return fmt.Errorf("demo: onboard the bank: %w", err)
		}
	} else if err != nil {
		return err
	}
	if ent.ID == "" {
		return nil
	}
	have, err := cons.List(as(ent, access.RoleEnterpriseAdmin), consent.Filter{InstitutionOrgID: bank.ID})
	if err != nil || len(have) > 0 {
		return err
	}
	terms := consent.Terms{EnterpriseUSCC: ent.Code, InstitutionOrgID: bank.ID, Scope: []string{"TAX", "SOC", "UTL", "REG"},
		Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod, ValidUntil: time.Now().AddDate(0, 2, 0)}
	if _, err := cons.Grant(as(ent, access.RoleEnterpriseAdmin), terms); err != nil {
		return fmt.Errorf("demo: authorize the bank: %w", err)
	}
	terms.Scope, terms.Purpose, terms.ValidUntil = []string{"EST", "CUS"}, consent.PurposePostLoan, time.Now().AddDate(0, 6, 0)
	if _, err := cons.Request(as(bank, access.RoleInstitutionQueryOfficer), terms); err != nil {
		return fmt.Errorf("demo: request an authorization: %w", err)
	}
	return nil
}

// goLive runs the onboarding steps for the bank.
func goLive(admin, op context.Context, onb *onboard.Service) error {
	a, err := onb.Apply(admin, onboard.NewApplication{InstitutionType: onboard.TypeBank, LicenceNumber: "B0001H264010001",
		ContactName: "演示联系人", ContactPhone: "0951-5550100"})
	if err != nil {
		return err
	}
	if _, err := onb.StartAssessment(op, a.ID); err != nil {
		return err
	}
	var checks []onboard.CheckResult
	for _, c := range onboard.Checklist {
		checks = append(checks, onboard.CheckResult{Code: c.Code, Evidence: "演示材料 " + c.Code, Result: onboard.ResultPass, Reviewer: "演示审核员"})
	}
	if _, err := onb.Assess(op, a.ID, onboard.NewAssessment{Checks: checks}); err != nil {
		return err
	}
	now := time.Now().UTC()
	a, err = onb.Approve(op, a.ID, onboard.NewAgreement{Categories: []string{"REG", "LIC", "PEN", "JUD", "DIS", "HON", "POL",
		"TAX", "SOC", "CUS", "UTL", "EST", "IPR", "RND", "ABN"}, Purposes: []string{"pre_loan", "post_loan"},
		From: now.Add(-time.Hour), Until: now.AddDate(1, 0, 0), Limits: onboard.Limits{RatePerSecond: 50, Burst: 100, DailyQuota: 10000}})
	if err != nil {
		return err
	}
	if _, err := onb.Sign(admin, a.ID, a.Agreement.Version, "本机构承诺仅在协议约定范围和用途内使用信用信息，依法保护信息主体权益。"); err != nil {
		return err
	}
	_, err = onb.Activate(op, a.ID)
	return err
}
