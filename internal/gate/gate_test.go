// SPDX-License-Identifier: Apache-2.0

package gate_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
)

func grant(t *testing.T, e *gatetest.Env, scope []string, mode consent.Mode) consent.Authorization {
	t.Helper()
	a, err := e.Consent.Grant(e.As[gatetest.EntAdmin], consent.Terms{EnterpriseUSCC: e.USCC, InstitutionOrgID: e.Orgs["bank"].ID,
		Scope: scope, Purpose: consent.PurposePreLoan, Mode: mode, ValidUntil: time.Now().Add(30 * 24 * time.Hour)})
	if err != nil {
		t.Fatalf("Grant: %v", err)
	}
	return a
}

func release(t *testing.T, e *gatetest.Env, as string, req gate.Request) (*gate.View, string, error) {
	t.Helper()
	if req.Action == "" {
		req.Action = gate.ActionReport
	}
	if req.Subject == "" {
		req.Subject = e.USCC
	}
	v, err := e.Gate.Release(e.As[as], req, nil)
	if err != nil {
		return nil, "", err
	}
	b, _ := json.Marshal(v)
	return v, string(b), nil
}

func TestRelease_InstitutionPublicOnlyWithoutAuthorization(t *testing.T) {
	e := gatetest.New(t)
	v, out, err := release(t, e, gatetest.BankQuery, gate.Request{Purpose: string(consent.PurposePreLoan)})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out, gatetest.PenaltyText) {
		t.Errorf("public penalty missing from the view")
	}
	for _, s := range append(gatetest.Secrets, gatetest.OldPenaltyNo) {
		if strings.Contains(out, s) {
			t.Errorf("view leaks %q without authorization", s)
		}
	}
	tax, _ := v.Item("TAX.NSE")
	if tax.Shown() || len(tax.Records) != 0 || !strings.Contains(tax.Withheld, "未向本机构授权") {
		t.Errorf("TAX.NSE = shown %v, %d records, withheld %q; want withheld for no authorization", tax.Shown(), len(tax.Records), tax.Withheld)
	}
	nb, _ := v.Item("REG.NB")
	if !nb.Shown() || len(nb.Records) != 1 || nb.Records[0].Data["EMPLOYEES"] != "" {
		t.Errorf("REG.NB public part: %+v", nb.Records)
	}
	if got := nb.Records[0].Data["PHONE"]; got != "138****8000" {
		t.Errorf("phone masked as %q, want 138****8000", got)
	}
	if len(v.Authorizations) != 0 || v.AuditIndex < 0 {
		t.Errorf("authorizations %v, audit index %d", v.Authorizations, v.AuditIndex)
	}
}

func TestRelease_AuthorizationOpensItsScopeOnly(t *testing.T) {
	e := gatetest.New(t)
	a := grant(t, e, []string{"TAX.NSE", "REG.NB"}, consent.ModePeriod)
	v, out, err := release(t, e, gatetest.BankQuery, gate.Request{Purpose: string(consent.PurposePreLoan)})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{gatetest.TaxPaidFen, gatetest.AssetsFen} {
		if !strings.Contains(out, want) {
			t.Errorf("authorized value %q missing", want)
		}
	}
	for _, s := range []string{gatetest.WaterAccount, gatetest.LegalRepID, gatetest.Phone} {
		if strings.Contains(out, s) {
			t.Errorf("view leaks %q", s)
		}
	}
	if len(v.Authorizations) != 1 || v.Authorizations[0] != a.ID {
		t.Errorf("authorizations = %v, want [%s]", v.Authorizations, a.ID)
	}
	// The wrong purpose gets nothing authorized.
	_, out, err = release(t, e, gatetest.BankQuery, gate.Request{Purpose: string(consent.PurposePostLoan)})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(out, gatetest.TaxPaidFen) {
		t.Errorf("post-loan purpose read pre-loan authorized data")
	}
}

func TestRelease_OneTimeAuthorizationIsConsumed(t *testing.T) {
	e := gatetest.New(t)
	grant(t, e, []string{"TAX"}, consent.ModeOneTime)
	req := gate.Request{Action: gate.ActionQuery, Items: []string{"TAX.NSE"}, Purpose: string(consent.PurposePreLoan)}
	if _, out, err := release(t, e, gatetest.BankQuery, req); err != nil || !strings.Contains(out, gatetest.TaxPaidFen) {
		t.Fatalf("first use: err %v", err)
	}
	_, _, err := release(t, e, gatetest.BankQuery, req)
	if !apperr.Is(err, apperr.Forbidden) || !strings.Contains(err.Error(), "单次授权已使用") {
		t.Fatalf("second use: err = %v, want forbidden, used", err)
	}
}

func TestRelease_RefusalsAreLogged(t *testing.T) {
	e := gatetest.New(t)
	for _, tc := range []struct {
		as   string
		req  gate.Request
		want string
	}{
		{gatetest.BankAdmin, gate.Request{Purpose: "pre_loan"}, "role"},
		{gatetest.Provider, gate.Request{}, "role"},
		{gatetest.Bank2Query, gate.Request{Purpose: "pre_loan"}, "onboarded"},
		{gatetest.EntB, gate.Request{}, "own"},
		{gatetest.BankQuery, gate.Request{Action: gate.ActionQuery, Items: []string{"UTL.WATER"}, Purpose: "pre_loan"}, "verif"},
	} {
		_, _, err := release(t, e, tc.as, tc.req)
		if !apperr.Is(err, apperr.Forbidden) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s %+v: err = %v, want forbidden mentioning %q", tc.as, tc.req, err, tc.want)
		}
	}
	recs, err := e.Audit.Events(context.Background(), audit.Reader{OrgKind: "operator"}, audit.Query{Subject: e.USCC, Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	denied := 0
	for _, r := range recs {
		if r.Event.Outcome == audit.OutcomeDenied {
			denied++
		}
	}
	if denied != 5 { // every refusal above is about enterprise A
		t.Errorf("denied leaves about the enterprise = %d, want 5", denied)
	}
}

func TestRelease_SelfAndOperatorSeeHiddenRecords(t *testing.T) {
	e := gatetest.New(t)
	for _, as := range []string{gatetest.EntStaff, gatetest.Operator} {
		v, out, err := release(t, e, as, gate.Request{})
		if err != nil {
			t.Fatalf("%s: %v", as, err)
		}
		if !strings.Contains(out, gatetest.OldPenaltyNo) || strings.Contains(out, gatetest.LegalRepID) {
			t.Errorf("%s: old penalty shown %v, ID in clear %v", as, strings.Contains(out, gatetest.OldPenaltyNo), strings.Contains(out, gatetest.LegalRepID))
		}
		pen, _ := v.Item("PEN.XZCF")
		hidden := 0
		for _, r := range pen.Records {
			if r.Hidden != "" {
				hidden++
			}
		}
		if hidden != 1 {
			t.Errorf("%s: %d hidden penalties, want 1", as, hidden)
		}
	}
	v, out, _ := release(t, e, gatetest.EntAdmin, gate.Request{})
	if !strings.Contains(out, gatetest.WaterAccount) || !v.Self {
		t.Errorf("the enterprise does not see its own verify-only data")
	}
	_, out, _ = release(t, e, gatetest.Operator, gate.Request{})
	if strings.Contains(out, gatetest.WaterAccount) || !strings.Contains(out, gatetest.TaxPaidFen) {
		t.Errorf("operator: verify-only shown %v, authorized shown %v", strings.Contains(out, gatetest.WaterAccount), strings.Contains(out, gatetest.TaxPaidFen))
	}
}
