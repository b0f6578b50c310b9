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

// Concurrent releases share transactions (group commit): every one gets
// its own audit leaf, and one whose authorization was revoked an instant
// before commit fails alone while the others in its group succeed.
func TestRelease_GroupCommit(t *testing.T) {
	e := gatetest.New(t)
	a := grant(t, e, []string{"TAX"}, consent.ModePeriod)
	ctx := context.Background()
	size0, err := e.Audit.Size(ctx)
	if err != nil {
		t.Fatal(err)
	}
	const n = 40
	errs := make(chan error, n)
	idx := make(chan int64, n)
	for i := range n {
		go func() {
			as := gatetest.Operator
			req := gate.Request{Action: gate.ActionProfile}
			if i%2 == 0 {
				as, req = gatetest.BankQuery, gate.Request{Action: gate.ActionQuery, Items: []string{"TAX.NSE"}, Purpose: "pre_loan"}
			}
			v, _, err := release(t, e, as, req)
			if err == nil {
				idx <- v.AuditIndex
			}
			errs <- err
		}()
		if i == n/2 {
			if _, err := e.Consent.Revoke(e.As[gatetest.EntAdmin], a.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	failed := 0
	for range n {
		if err := <-errs; err != nil {
			if !apperr.Is(err, apperr.Forbidden) {
				t.Fatalf("release: %v", err)
			}
			failed++
		}
	}
	close(idx)
	seen := map[int64]bool{}
	for i := range idx {
		if seen[i] {
			t.Fatalf("audit index %d given twice", i)
		}
		seen[i] = true
	}
	size1, _ := e.Audit.Size(ctx)
	// Each release left one leaf (ok or denied); the revocation one more.
	if got := size1 - size0; got != n+1 {
		t.Errorf("audit grew by %d, want %d (%d releases, %d refused)", got, n+1, n, failed)
	}
	if failed == 0 || len(seen) != n-failed {
		t.Errorf("%d refused, %d answered of %d", failed, len(seen), n)
	}
}

// Every release to an institution draws one query from its daily quota;
// when it is used up the release is refused with 429 and logged.
func TestRelease_DailyQuota(t *testing.T) {
	e := gatetest.New(t)
	app, err := e.Onboard.Mine(e.As[gatetest.BankQuery])
	if err != nil {
		t.Fatal(err)
	}
	l := app.Agreement.Limits
	l.DailyQuota = 2
	if _, err := e.Onboard.SetLimits(e.As[gatetest.Operator], app.ID, l); err != nil {
		t.Fatal(err)
	}
	req := gate.Request{Action: gate.ActionProfile, Purpose: "pre_loan"}
	for i := range 2 {
		if _, _, err := release(t, e, gatetest.BankQuery, req); err != nil {
			t.Fatalf("release %d: %v", i, err)
		}
	}
	_, _, err = release(t, e, gatetest.BankQuery, req)
	if !apperr.Is(err, apperr.TooMany) || !strings.Contains(err.Error(), "配额") {
		t.Fatalf("third release: %v, want too many (quota)", err)
	}
	recs, err := e.Audit.Events(context.Background(), audit.Reader{OrgKind: "operator"}, audit.Query{Subject: e.USCC, Limit: 5})
	if err != nil {
		t.Fatal(err)
	}
	if ev := recs[0].Event; ev.Outcome != audit.OutcomeDenied || !strings.Contains(ev.Details["reason"], "配额") {
		t.Errorf("last event = %+v, want the quota refusal", ev)
	}
	// The operator and the enterprise draw from no quota.
	if _, _, err := release(t, e, gatetest.Operator, gate.Request{Action: gate.ActionProfile}); err != nil {
		t.Errorf("operator: %v", err)
	}
}

// A search of the register is an event of its own, logged before its
// hits are sent.
func TestSearched_Logged(t *testing.T) {
	e := gatetest.New(t)
	if err := e.Gate.Searched(e.As[gatetest.BankQuery], "q=测试科技", 3); err != nil {
		t.Fatal(err)
	}
	recs, err := e.Audit.Events(context.Background(), audit.Reader{OrgKind: "operator"}, audit.Query{ActorOrgID: e.Orgs["bank"].ID, Limit: 1})
	if err != nil || len(recs) != 1 {
		t.Fatalf("events %v, %v", recs, err)
	}
	if ev := recs[0].Event; ev.Kind != "subject.searched/v1" || ev.Details["filter"] != "q=测试科技" || ev.Details["hits"] != "3" {
		t.Errorf("event = %+v", ev)
	}
	if _, err := e.Gate.Release(e.As[gatetest.Operator], gate.Request{Action: "search", Subject: e.USCC}, nil); err == nil {
		t.Errorf("Release accepted the search action")
	}
}
