// SPDX-License-Identifier: Apache-2.0

package gatetest

import (
	"context"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/onboard"
)

// AllCategories are the built-in catalog's categories, for an agreement
// that covers everything.
var AllCategories = []string{"REG", "LIC", "PEN", "JUD", "DIS", "HON", "POL", "TAX", "SOC", "CUS", "UTL", "EST", "IPR", "RND", "ABN", "CMT", "SLF"}

// GoLive takes the institution institutionID from application to live
// through the real onboarding steps: application, a passing security
// assessment, an agreement over every category for purposes with limits,
// its signature and activation. opID is the credit centre's organization.
func GoLive(tb testing.TB, onb *onboard.Service, institutionID, opID string, purposes []string, limits onboard.Limits) onboard.Application {
	tb.Helper()
	ctx := context.Background()
	admin := access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "U-admin-" + institutionID,
		OrgID: institutionID, OrgKind: access.OrgInstitution, Roles: []access.Role{access.RoleInstitutionAdmin}})
	op := access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "U-op-" + opID,
		OrgID: opID, OrgKind: access.OrgOperator, Roles: []access.Role{access.RoleOperator}})
	a, err := onb.Apply(admin, onboard.NewApplication{InstitutionType: onboard.TypeBank, LicenceNumber: "B0001H264010001",
		ContactName: "李联系", ContactPhone: "0951-1234567"})
	must(tb, err)
	_, err = onb.StartAssessment(op, a.ID)
	must(tb, err)
	var checks []onboard.CheckResult
	for _, c := range onboard.Checklist {
		checks = append(checks, onboard.CheckResult{Code: c.Code, Evidence: "材料 " + c.Code, Result: onboard.ResultPass, Reviewer: "张审核"})
	}
	_, err = onb.Assess(op, a.ID, onboard.NewAssessment{Checks: checks})
	must(tb, err)
	now := time.Now().UTC()
	a, err = onb.Approve(op, a.ID, onboard.NewAgreement{Categories: AllCategories, Purposes: purposes,
		From: now.Add(-time.Hour), Until: now.AddDate(1, 0, 0), Limits: limits})
	must(tb, err)
	_, err = onb.Sign(admin, a.ID, a.Agreement.Version, "本机构承诺仅在协议约定范围和用途内使用信用信息，依法保护信息主体权益。")
	must(tb, err)
	a, err = onb.Activate(op, a.ID)
	must(tb, err)
	return a
}
