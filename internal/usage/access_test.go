// SPDX-License-Identifier: Apache-2.0

package usage_test

import (
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/usage"
)

// TestAccessLog_Visibility: enterprise A sees who looked at it (the bank,
// by role, and the refused second bank); enterprise B sees none of it; an
// institution sees only its own accesses.
func TestAccessLog_Visibility(t *testing.T) {
	e := gatetest.New(t)
	svc := newService(e, e.Store, 0)
	a, err := e.Consent.Grant(e.As[gatetest.EntAdmin], consent.Terms{EnterpriseUSCC: e.USCC, InstitutionOrgID: e.Orgs["bank"].ID,
		Scope: []string{"TAX"}, Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod, ValidUntil: time.Now().Add(24 * time.Hour)})
	if err != nil {
		t.Fatal(err)
	}
	release(t, e, gatetest.BankQuery, gate.ActionReport, e.USCC, "pre_loan")
	release(t, e, gatetest.Bank2Query, gate.ActionQuery, e.USCC, "pre_loan")
	release(t, e, gatetest.EntStaff, gate.ActionProfile, e.USCC, "")
	release(t, e, gatetest.BankQuery, gate.ActionProfile, e.USCCB, "pre_loan")

	page, err := svc.AccessLog(e.As[gatetest.EntAdmin], usage.LogQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(page.Entries), 3; got != want {
		t.Fatalf("enterprise A sees %d accesses, want %d: %+v", got, want, page.Entries)
	}
	self, denied, bank := page.Entries[0], page.Entries[1], page.Entries[2] // newest first
	if bank.OrgName != "测试银行" || bank.Action != gate.ActionReport || bank.Outcome != audit.OutcomeOK ||
		bank.Purpose != "pre_loan" || len(bank.Authorizations) != 1 || bank.Authorizations[0] != a.ID {
		t.Errorf("bank's report: %+v", bank)
	}
	if bank.ActorID != "" || bank.Role != "institution_query_officer" {
		t.Errorf("another organization's account shown: %q role %q", bank.ActorID, bank.Role)
	}
	if len(bank.Items) == 0 || bank.Items[0].Name == bank.Items[0].Code {
		t.Errorf("items not named: %+v", bank.Items)
	}
	if denied.OrgName != "未接入银行" || denied.Outcome != audit.OutcomeDenied {
		t.Errorf("refused attempt: %+v", denied)
	}
	if self.ActorID != "U-"+gatetest.EntStaff || self.Purpose != gate.PurposeSelf {
		t.Errorf("own staff's look: %+v", self)
	}
	if got := usage.PurposeLabel(bank.Purpose, "zh"); got != "贷前审查" {
		t.Errorf("purpose label %q", got)
	}
	if got := usage.ActionLabel(bank.Action, "en"); got != "Report" {
		t.Errorf("action label %q", got)
	}
	only, err := svc.AccessLog(e.As[gatetest.EntAdmin], usage.LogQuery{DeniedOnly: true})
	if err != nil || len(only.Entries) != 1 || only.Entries[0].Outcome != audit.OutcomeDenied {
		t.Fatalf("denied only: %+v %v", only.Entries, err)
	}

	// Enterprise B sees only the bank's look at B, whatever it asks for.
	b, err := svc.AccessLog(e.As[gatetest.EntB], usage.LogQuery{USCC: e.USCC})
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Entries) != 1 || b.Entries[0].USCC != e.USCCB {
		t.Fatalf("enterprise B sees %+v", b.Entries)
	}

	// The bank sees its own two accesses and not the other bank's.
	mine, err := svc.AccessLog(e.As[gatetest.BankQuery], usage.LogQuery{})
	if err != nil {
		t.Fatal(err)
	}
	if len(mine.Entries) != 2 {
		t.Fatalf("bank sees %d accesses, want 2", len(mine.Entries))
	}
	for _, en := range mine.Entries {
		if en.OrgID != e.Orgs["bank"].ID || en.ActorID == "" {
			t.Errorf("bank sees %+v", en)
		}
	}
	one, err := svc.AccessLog(e.As[gatetest.BankQuery], usage.LogQuery{USCC: e.USCCB})
	if err != nil || len(one.Entries) != 1 {
		t.Fatalf("bank's accesses to B: %+v %v", one.Entries, err)
	}

	// Paging: one at a time, every access once.
	var seen []int64
	q := usage.LogQuery{Limit: 1}
	for range 10 {
		p, err := svc.AccessLog(e.As[gatetest.EntAdmin], q)
		if err != nil {
			t.Fatal(err)
		}
		for _, en := range p.Entries {
			seen = append(seen, en.Index)
		}
		if p.Next == 0 {
			break
		}
		q.Before = p.Next
	}
	if len(seen) != 3 || seen[0] <= seen[1] || seen[1] <= seen[2] {
		t.Fatalf("paged indexes %v", seen)
	}

	if _, err := svc.AccessLog(e.As[gatetest.Operator], usage.LogQuery{}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("operator without an enterprise: %v", err)
	}
	// The credit centre's read is itself logged, first, and the
	// enterprise sees it.
	op, err := svc.AccessLog(e.As[gatetest.Operator], usage.LogQuery{USCC: e.USCC})
	if err != nil || len(op.Entries) != 4 || op.Entries[0].Action != gate.ActionAccessLog || op.Entries[0].Purpose != gate.PurposeOperation {
		t.Fatalf("operator reads A's log: %+v %v", op.Entries, err)
	}
	own, err := svc.AccessLog(e.As[gatetest.EntAdmin], usage.LogQuery{})
	if err != nil || len(own.Entries) == 0 || own.Entries[0].Action != gate.ActionAccessLog || own.Entries[0].OrgKind != access.OrgOperator {
		t.Fatalf("the enterprise does not see the credit centre's read: %+v %v", own.Entries, err)
	}
	if got := usage.ActionLabel(gate.ActionAccessLog, "zh"); got != "查看查询记录" {
		t.Errorf("label %q", got)
	}
	if _, err := svc.AccessLog(e.As[gatetest.Provider], usage.LogQuery{}); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("provider reads a log: %v", err)
	}
}
