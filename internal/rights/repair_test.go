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

const commitment = "本企业已全面履行行政处罚决定，承诺今后严格遵守法律法规，如有违反愿承担相应责任。"

// TestRepair_RefusedBeforeMinimum: a general penalty decided a month ago
// is published for at least 3 months; one decided in 2020 is no longer
// published at all; a positive item has nothing to repair.
func TestRepair_RefusedBeforeMinimum(t *testing.T) {
	e := newEnv(t)
	in := rights.NewRepair{RecordID: e.penalty(t, "2026"), Evidence: "罚款缴纳凭证", Commitment: commitment}
	_, err := e.svc.Apply(e.As[gatetest.EntAdmin], in)
	if !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "最短公示期 3 个月") {
		t.Fatalf("recent penalty: %v, want conflict naming the 3-month minimum", err)
	}
	in.RecordID = e.penalty(t, gatetest.OldPenaltyNo)
	if _, err := e.svc.Apply(e.As[gatetest.EntAdmin], in); !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "已自动停止公示") {
		t.Fatalf("2020 penalty: %v, want conflict saying publication already stopped", err)
	}
	in.Commitment = ""
	if _, err := e.svc.Apply(e.As[gatetest.EntAdmin], in); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("no commitment: %v, want invalid", err)
	}
	if e.kinds(t)["repair.applied/v1"] != 0 {
		t.Errorf("a refused application was recorded")
	}
}

// TestRepair_GrantedHidesFromInstitutions: after the minimum period the
// application goes to the provider, which grants it; banks no longer see
// the record, the enterprise still does, marked repaired.
func TestRepair_GrantedHidesFromInstitutions(t *testing.T) {
	e := newEnv(t)
	rec := e.pushPenalty(t, "宁市监罚〔2026〕88号", time.Now().In(rights.Shanghai).AddDate(0, -5, 0))
	if _, ok := e.view(t, gatetest.BankQuery, rec); !ok {
		t.Fatalf("the pushed penalty is not shown to the bank before repair")
	}
	if _, err := e.svc.Apply(e.As[gatetest.EntB], rights.NewRepair{RecordID: rec, Evidence: "x", Commitment: commitment}); !apperr.Is(err, apperr.NotFound) {
		t.Errorf("another enterprise applies: %v, want not found", err)
	}
	r, err := e.svc.Apply(e.As[gatetest.EntStaff], rights.NewRepair{RecordID: rec, Evidence: "罚款已于2026年7月缴清，缴款书附后", Commitment: commitment})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Status, rights.StatusPending; got != want {
		t.Fatalf("status %s, want %s", got, want)
	}
	if got, want := r.DueAt, e.svc.Calendar().AddWorkdays(r.CreatedAt, 10); !got.Equal(want) {
		t.Errorf("due %v, want %v", got, want)
	}
	if _, err := e.svc.Apply(e.As[gatetest.EntAdmin], rights.NewRepair{RecordID: rec, Evidence: "x", Commitment: commitment}); !apperr.Is(err, apperr.Conflict) {
		t.Errorf("second application: %v, want conflict", err)
	}
	if _, err := e.svc.DecideRepair(e.As[gatetest.BankQuery], r.ID, true, ""); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("bank decides: %v, want forbidden", err)
	}
	if _, err := e.svc.DecideRepair(e.As[gatetest.EntAdmin], r.ID, true, ""); !apperr.Is(err, apperr.Forbidden) {
		t.Errorf("enterprise decides: %v, want forbidden", err)
	}
	if inbox, err := e.svc.ListRepairs(e.As[gatetest.Provider], rights.Filter{Status: rights.StatusPending}); err != nil || len(inbox) != 1 {
		t.Fatalf("provider inbox: %d %v", len(inbox), err)
	}
	if r, err = e.svc.DecideRepair(e.As[gatetest.Provider], r.ID, true, "已履行义务，准予修复"); err != nil || r.Status != rights.StatusGranted {
		t.Fatalf("DecideRepair: %v %v", r.Status, err)
	}
	if _, ok := e.view(t, gatetest.BankQuery, rec); ok {
		t.Errorf("the bank still sees the repaired record")
	}
	own, ok := e.view(t, gatetest.EntAdmin, rec)
	if !ok || !strings.Contains(own.Hidden, "信用修复") {
		t.Errorf("enterprise: shown %v hidden %q, want shown marked repaired", ok, own.Hidden)
	}
	if op, ok := e.view(t, gatetest.Operator, rec); !ok || op.Hidden == "" {
		t.Errorf("operator: shown %v hidden %q, want shown marked", ok, op.Hidden)
	}
	// The other penalty is untouched.
	if _, ok := e.view(t, gatetest.BankQuery, e.penalty(t, "2026〕1号")); !ok {
		t.Errorf("the other penalty disappeared")
	}
	kinds := e.kinds(t)
	if kinds["repair.applied/v1"] != 1 || kinds["repair.granted/v1"] != 1 {
		t.Errorf("audit leaves: applied %d granted %d, want 1 and 1", kinds["repair.applied/v1"], kinds["repair.granted/v1"])
	}
	if !e.notified(t, gatetest.EntAdmin, "repair.granted/v1", r.ID) || !e.notified(t, gatetest.Provider, "repair.applied/v1", r.ID) {
		t.Errorf("enterprise or provider not notified")
	}
}

// TestRepair_RefusalAndEscalation: an overdue application is escalated
// once; a refusal needs a reason and leaves the record published.
func TestRepair_RefusalAndEscalation(t *testing.T) {
	e := newEnv(t)
	rec := e.pushPenalty(t, "宁市监罚〔2026〕89号", time.Now().In(rights.Shanghai).AddDate(0, -4, 0))
	r, err := e.svc.Apply(e.As[gatetest.EntAdmin], rights.NewRepair{RecordID: rec, Evidence: "已整改", Commitment: commitment})
	if err != nil {
		t.Fatal(err)
	}
	e.now = r.DueAt.Add(time.Minute)
	if n, err := e.svc.Escalate(e.As[gatetest.System]); err != nil || n != 1 {
		t.Fatalf("Escalate: %d %v, want 1", n, err)
	}
	if got, err := e.svc.GetRepair(e.As[gatetest.EntAdmin], r.ID); err != nil || !got.Escalated {
		t.Fatalf("escalated %v %v", got.Escalated, err)
	}
	if _, err := e.svc.DecideRepair(e.As[gatetest.Provider], r.ID, false, ""); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("refusal without a reason: %v, want invalid", err)
	}
	if r, err = e.svc.DecideRepair(e.As[gatetest.Operator], r.ID, false, "未提交缴款凭证"); err != nil || r.Status != rights.StatusRefused {
		t.Fatalf("refuse: %v %v", r.Status, err)
	}
	if _, ok := e.view(t, gatetest.BankQuery, rec); !ok {
		t.Errorf("a refused repair hid the record")
	}
	if e.kinds(t)["repair.escalated/v1"] != 1 || e.kinds(t)["repair.refused/v1"] != 1 {
		t.Errorf("escalation or refusal not audited")
	}
}
