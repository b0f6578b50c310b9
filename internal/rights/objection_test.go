// SPDX-License-Identifier: Apache-2.0

package rights_test

import (
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/rights"
)

// TestObjection_ConfirmedFlow: filing marks the penalty 异议中 for a bank
// at once; the platform accepts and self-checks, the provider confirms,
// and the mark is gone. Every step is audited and notified.
func TestObjection_ConfirmedFlow(t *testing.T) {
	e := newEnv(t)
	rec := e.penalty(t, "2026")
	if r, ok := e.view(t, gatetest.BankQuery, rec); !ok || r.Disputed {
		t.Fatalf("before filing: shown %v disputed %v, want shown and not disputed", ok, r.Disputed)
	}
	o, err := e.svc.File(e.As[gatetest.EntStaff], rights.NewObjection{RecordID: rec, Reasons: "罚款已撤销，决定书附后", Evidence: "撤销决定书扫描件"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := o.Status, rights.StatusFiled; got != want {
		t.Fatalf("status %s, want %s", got, want)
	}
	if got, want := o.DueAt, e.svc.Calendar().AddWorkdays(o.CreatedAt, 2); !got.Equal(want) {
		t.Errorf("due %v, want %v", got, want)
	}
	if r, ok := e.view(t, gatetest.BankQuery, rec); !ok || !r.Disputed {
		t.Fatalf("after filing: shown %v disputed %v, want disputed", ok, r.Disputed)
	}
	if _, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{RecordID: rec, Reasons: "再次提出"}); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("second objection: %v, want conflict", err)
	}
	// Accepting without the self-check's finding starts the self-check;
	// the provider cannot decide before the case reaches it.
	if o, err = e.svc.Accept(e.As[gatetest.Operator], o.ID, ""); err != nil || o.Status != rights.StatusAccepted {
		t.Fatalf("Accept: %v %v", o.Status, err)
	}
	if _, err := e.svc.Decide(e.As[gatetest.Provider], o.ID, rights.OutcomeConfirmed, ""); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("provider decides during the self-check: %v, want conflict", err)
	}
	if _, err := e.svc.Accept(e.As[gatetest.EntAdmin], o.ID, "x"); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("enterprise accepts: %v, want forbidden", err)
	}
	if o, err = e.svc.Accept(e.As[gatetest.Operator], o.ID, "平台归集、关联处理无误"); err != nil || o.Status != rights.StatusProviderCheck {
		t.Fatalf("Accept with self-check: %v %v", o.Status, err)
	}
	if got, want := o.DueAt, e.svc.Calendar().AddWorkdays(o.UpdatedAt, 10); !got.Equal(want) {
		t.Errorf("provider due %v, want %v", got, want)
	}
	if r, _ := e.view(t, gatetest.BankQuery, rec); !r.Disputed {
		t.Errorf("still disputed during the provider check")
	}
	// The provider sees it in its inbox and decides.
	inbox, err := e.svc.ListObjections(e.As[gatetest.Provider], rights.Filter{})
	if err != nil || len(inbox) != 1 || inbox[0].ID != o.ID {
		t.Fatalf("provider inbox: %d %v", len(inbox), err)
	}
	if o, err = e.svc.Decide(e.As[gatetest.Provider], o.ID, rights.OutcomeConfirmed, "经核实，处罚决定有效"); err != nil {
		t.Fatal(err)
	}
	if got, want := o.Outcome, rights.OutcomeConfirmed; got != want || o.DecidedAt.IsZero() {
		t.Fatalf("outcome %s decided %v, want %s", got, o.DecidedAt, want)
	}
	if r, ok := e.view(t, gatetest.BankQuery, rec); !ok || r.Disputed || r.Note != "" {
		t.Errorf("after confirmation: shown %v disputed %v note %q, want shown, unmarked", ok, r.Disputed, r.Note)
	}
	if _, err := e.svc.Decide(e.As[gatetest.Operator], o.ID, rights.OutcomeDeleted, ""); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("deciding twice: %v, want conflict", err)
	}
	kinds := e.kinds(t)
	for _, k := range []string{"objection.filed/v1", "objection.accepted/v1", "objection.forwarded/v1", "objection.decided/v1"} {
		if kinds[k] != 1 {
			t.Errorf("audit leaves of %s: %d, want 1", k, kinds[k])
		}
	}
	for _, as := range []string{gatetest.EntAdmin, gatetest.Provider, gatetest.Operator} {
		if !e.notified(t, as, "objection.decided/v1", o.ID) {
			t.Errorf("%s not notified of the decision", as)
		}
	}
	if e.notified(t, gatetest.EntB, "objection.filed/v1", o.ID) {
		t.Errorf("another enterprise notified")
	}
}

// TestObjection_Undeterminable: the note is shown beside the record and
// the dispute mark ends.
func TestObjection_Undeterminable(t *testing.T) {
	e := newEnv(t)
	rec := e.penalty(t, "2026")
	o, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{RecordID: rec, Reasons: "处罚金额有误"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Accept(e.As[gatetest.Operator], o.ID, "平台处理无误"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Decide(e.As[gatetest.Provider], o.ID, rights.OutcomeUndeterminable, ""); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("undeterminable without a note: %v, want invalid", err)
	}
	if _, err := e.svc.Decide(e.As[gatetest.Provider], o.ID, rights.OutcomeUndeterminable, "原始档案缺失，企业与报送单位说法不一"); err != nil {
		t.Fatal(err)
	}
	for _, as := range []string{gatetest.BankQuery, gatetest.EntAdmin} {
		r, ok := e.view(t, as, rec)
		if !ok || r.Disputed || !strings.Contains(r.Note, "异议未决：原始档案缺失") {
			t.Errorf("%s: shown %v disputed %v note %q, want the note", as, ok, r.Disputed, r.Note)
		}
	}
}

// TestObjection_OnlyTheEnterprise: nobody else may object to a record,
// and another enterprise cannot even learn it exists.
func TestObjection_OnlyTheEnterprise(t *testing.T) {
	e := newEnv(t)
	rec := e.penalty(t, "2026")
	in := rights.NewObjection{RecordID: rec, Reasons: "不是本企业的记录"}
	for as, code := range map[string]apperr.Code{gatetest.EntB: apperr.NotFound, gatetest.BankQuery: apperr.Forbidden,
		gatetest.Operator: apperr.Forbidden, gatetest.Provider: apperr.Forbidden, gatetest.Regulator: apperr.Forbidden} {
		if _, err := e.svc.File(e.As[as], in); !apperr.Is(err, code) {
			t.Errorf("%s files: %v, want %s", as, err, code)
		}
	}
	if _, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{RecordID: rec}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("no reasons: %v, want invalid", err)
	}
	o, err := e.svc.File(e.As[gatetest.EntAdmin], in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.GetObjection(e.As[gatetest.EntB], o.ID); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("another enterprise reads it: %v, want not found", err)
	}
	if list, err := e.svc.ListObjections(e.As[gatetest.EntB], rights.Filter{}); err != nil || len(list) != 0 {
		t.Errorf("another enterprise lists %d (%v), want 0", len(list), err)
	}
	if _, err := e.svc.ListObjections(e.As[gatetest.BankQuery], rights.Filter{}); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("bank lists: %v, want forbidden", err)
	}
	// A rejection ends the dispute mark.
	if _, err := e.svc.Reject(e.As[gatetest.Operator], o.ID, "不属于本平台归集的信息"); err != nil {
		t.Fatal(err)
	}
	if r, _ := e.view(t, gatetest.BankQuery, rec); r.Disputed {
		t.Errorf("still disputed after rejection")
	}
	if e.kinds(t)["objection.rejected/v1"] != 1 {
		t.Errorf("no audit leaf of the rejection")
	}
}

// TestObjection_DeadlineOverHoliday: filed on the eve of 国庆 2026, the
// platform has until the end of the second working day after it.
func TestObjection_DeadlineOverHoliday(t *testing.T) {
	e := newEnv(t)
	e.now = cst("2026-09-30 16:30")
	o, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{RecordID: e.penalty(t, "2026"), Reasons: "金额有误"})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := o.DueAt.In(rights.Shanghai).Format("2006-01-02 15:04"), "2026-10-10 00:00"; got != want {
		t.Fatalf("due %s, want %s (10-08 and 10-09 are the two working days)", got, want)
	}
	e.now = cst("2026-10-09 23:00")
	if n, err := e.svc.Escalate(e.As[gatetest.System]); err != nil || n != 0 {
		t.Fatalf("Escalate before the limit: %d %v, want 0", n, err)
	}
	// The adjusted working Saturday 10-10 does not extend the limit: the
	// second working day has ended.
	e.now = cst("2026-10-10 00:00").Add(time.Second)
	if n, err := e.svc.Escalate(e.As[gatetest.System]); err != nil || n != 1 {
		t.Fatalf("Escalate after the limit: %d %v, want 1", n, err)
	}
	if n, err := e.svc.Escalate(e.As[gatetest.System]); err != nil || n != 0 {
		t.Fatalf("Escalate again: %d %v, want 0", n, err)
	}
	got, err := e.svc.GetObjection(e.As[gatetest.Operator], o.ID)
	if err != nil || !got.Escalated {
		t.Fatalf("escalated %v %v, want true", got.Escalated, err)
	}
	if !e.notified(t, gatetest.Operator, "objection.escalated/v1", o.ID) || e.kinds(t)["objection.escalated/v1"] != 1 {
		t.Errorf("escalation not notified to operators or not audited")
	}
	// Taking the step clears the escalation and sets the next limit.
	if got, err = e.svc.Accept(e.As[gatetest.Operator], o.ID, ""); err != nil || got.Escalated {
		t.Fatalf("Accept: escalated %v %v", got.Escalated, err)
	}
	if got, want := got.DueAt.In(rights.Shanghai).Format("2006-01-02 15:04"), "2026-10-14 00:00"; got != want {
		t.Errorf("self-check due %s, want %s", got, want)
	}
}
