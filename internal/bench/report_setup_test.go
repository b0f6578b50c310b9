// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/onboard"
)

// reportSetup is the bank and the enterprises that authorized it, kept
// next to the database so that runs reuse them.
type reportSetup struct {
	ClientID, Secret string
	Authorized       []string // codes of enterprises that authorized the bank
}

// setupReports takes a bank live and has k enterprises authorize it for
// pre-loan reviews of every category, once per directory.
func setupReports(t *testing.T, a *app.App, dir string, k int) reportSetup {
	path := filepath.Join(dir, "setup.json")
	var s reportSetup
	if b, err := os.ReadFile(path); err == nil && json.Unmarshal(b, &s) == nil && len(s.Authorized) >= k {
		return s
	}
	ctx := context.Background()
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	bank, _, err := a.Access.EnsureOrganization(sys, access.NewOrganization{Kind: access.OrgInstitution, Name: "压测银行", Code: "XR-BENCH-BANK"})
	must(err)
	op, _, err := a.Access.EnsureOrganization(sys, access.NewOrganization{Kind: access.OrgOperator, Name: "信用中心", Code: "XR-BENCH-OP"})
	must(err)
	now := time.Now().UTC()
	gatetest.GoLive(t, a.Onboard, bank.ID, op.ID, []string{"pre_loan"}, onboard.Limits{RatePerSecond: 10_000, Burst: 10_000, DailyQuota: 100_000_000})
	c, secret, err := a.Access.CreateClient(sys, bank.ID, "压测系统", []access.Role{access.RoleInstitutionQueryOfficer})
	must(err)
	s = reportSetup{ClientID: c.ID, Secret: secret}
	rows, err := a.Store.DB().QueryContext(ctx, "SELECT uscc FROM subjects ORDER BY seq LIMIT ?", k)
	must(err)
	var codes []string
	for rows.Next() {
		var code string
		must(rows.Scan(&code))
		codes = append(codes, code)
	}
	rows.Close()
	for _, code := range codes {
		ent, _, err := a.Access.EnsureOrganization(sys, access.NewOrganization{Kind: access.OrgEnterprise, Name: "企业 " + code, Code: code})
		must(err)
		ec := access.WithPrincipal(ctx, access.Principal{Kind: access.PrincipalUser, UserID: "U-bench-" + code, OrgID: ent.ID,
			OrgKind: access.OrgEnterprise, Roles: []access.Role{access.RoleEnterpriseAdmin}})
		_, err = a.Consent.Grant(ec, consent.Terms{EnterpriseUSCC: code, InstitutionOrgID: bank.ID, Scope: []string{"TAX", "SOC", "UTL", "REG"},
			Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod, ValidUntil: now.Add(80 * 24 * time.Hour)})
		must(err)
		s.Authorized = append(s.Authorized, code)
	}
	b, _ := json.Marshal(s)
	must(os.WriteFile(path, b, 0o600))
	return s
}
