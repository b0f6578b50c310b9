// SPDX-License-Identifier: Apache-2.0

package rights_test

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/gate/gatetest"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/rights"
)

// report releases the penalties to the bank as a credit report does.
func (e *env) report(t *testing.T) {
	t.Helper()
	if _, err := e.gate.Release(e.As[gatetest.BankQuery], gate.Request{Action: gate.ActionReport, Subject: e.USCC,
		Items: []string{"PEN.XZCF"}, Purpose: string(consent.PurposePreLoan)}, nil); err != nil {
		t.Fatal(err)
	}
}

// decide takes an objection to the record through acceptance and the
// provider's decision, at the rights clock's time.
func (e *env) decide(t *testing.T, rec string, out rights.Outcome) rights.Objection {
	t.Helper()
	o, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{RecordID: rec, Reasons: "处罚内容有误"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Accept(e.As[gatetest.Operator], o.ID, "平台归集无误"); err != nil {
		t.Fatal(err)
	}
	if o, err = e.svc.Decide(e.As[gatetest.Provider], o.ID, out, "已核查"); err != nil {
		t.Fatal(err)
	}
	return o
}

// TestPropagate_NinetyDays: the bank that received the penalties in a
// report is told of a decision 30 days later, not of one 100 days later;
// both decisions are in the outbox that evaluations and peer nodes read.
func TestPropagate_NinetyDays(t *testing.T) {
	e := newEnv(t)
	recent := e.pushPenalty(t, "宁市监罚〔2026〕31号", time.Now().AddDate(0, -1, 0))
	older := e.pushPenalty(t, "宁市监罚〔2026〕32号", time.Now().AddDate(0, -2, 0))
	e.report(t)
	bank := e.Orgs["bank"].ID

	e.now = time.Now().AddDate(0, 0, 30)
	o := e.decide(t, recent, rights.OutcomeCorrected)
	if !e.notified(t, gatetest.BankQuery, rights.ChangeRecord, o.ID) {
		t.Errorf("the bank that got the record 30 days ago was not told")
	}
	if got := e.sent.to(bank, o.ID); !slices.Equal(got, []string{"email", "sms"}) {
		t.Errorf("delivered to the bank on %v, want email and sms", got)
	}
	if e.notified(t, "bank2", rights.ChangeRecord, o.ID) {
		t.Errorf("an institution that never got the record was told")
	}

	e.now = time.Now().AddDate(0, 0, 100)
	o2 := e.decide(t, older, rights.OutcomeDeleted)
	if e.notified(t, gatetest.BankQuery, rights.ChangeRecord, o2.ID) {
		t.Errorf("the bank that got the record 100 days ago was told")
	}

	cs, err := e.svc.Changes(e.As[gatetest.Operator], 0, 0)
	if err != nil {
		t.Fatal(err)
	}
	if len(cs) != 2 || cs[0].CaseID != o.ID || cs[0].Outcome != "corrected" || !slices.Equal(cs[0].Notified, []string{bank}) ||
		cs[1].CaseID != o2.ID || len(cs[1].Notified) != 0 || cs[1].Kind != rights.ChangeRecord {
		t.Fatalf("outbox %+v", cs)
	}
	// The bank reads the entries it was told of, and only those.
	if cs, err := e.svc.Changes(e.As[gatetest.BankQuery], 0, 0); err != nil || len(cs) != 1 || cs[0].CaseID != o.ID {
		t.Errorf("bank's changes %+v %v", cs, err)
	}
	if _, err := e.svc.Changes(e.As[gatetest.EntAdmin], 0, 0); err == nil {
		t.Errorf("an enterprise read the outbox")
	}
}

// TestObjection_CorrectedReportChanges: the enterprise objects, the
// provider decides "corrected" and re-sends the record; the enterprise's
// self-query and the bank's report show the new version without 异议中,
// and the history keeps both versions with their provenance.
func TestObjection_CorrectedReportChanges(t *testing.T) {
	e := newEnv(t)
	no := "宁市监罚〔2026〕41号"
	rec := e.pushPenalty(t, no, time.Now().AddDate(0, -1, 0))
	o, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{RecordID: rec, Reasons: "罚款金额应为0.10万元"})
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := e.view(t, gatetest.BankQuery, rec); !r.Disputed || r.Data["CF_NR"] != "罚款0.20万元" {
		t.Fatalf("during the objection: %+v", r)
	}
	if _, err := e.svc.Accept(e.As[gatetest.Operator], o.ID, "平台归集无误"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.Decide(e.As[gatetest.Provider], o.ID, rights.OutcomeCorrected, "金额录入错误，已更正"); err != nil {
		t.Fatal(err)
	}
	// The provider re-sends the record, corrected, through collection.
	recs, err := e.Store.CurrentRecords(context.Background(), e.USCC, []string{"PEN.XZCF"})
	if err != nil {
		t.Fatal(err)
	}
	var row map[string]string
	for _, r := range recs {
		if r.ID == rec {
			row = r.Data
		}
	}
	row["CF_NR"], row["CF_NR_FK"] = "罚款0.10万元", "0.10"
	if b, err := e.Ingest.Push(e.As[gatetest.System], ingest.PushInput{Provider: gatetest.ProviderCode, Item: "PEN.XZCF",
		IdempotencyKey: "rights-corrected", Rows: []map[string]string{row}}); err != nil || b.Updated != 1 {
		t.Fatalf("re-send: %+v %v", b.Counts, err)
	}
	r, ok := e.view(t, gatetest.BankQuery, rec)
	if !ok || r.Disputed || r.Data["CF_NR"] != "罚款0.10万元" || r.Version != 2 {
		t.Fatalf("bank's report after the correction: %+v", r)
	}
	v, err := e.gate.Release(e.As[gatetest.EntAdmin], gate.Request{Action: gate.ActionQuery, Subject: e.USCC, Purpose: gate.PurposeSelf}, nil)
	if err != nil {
		t.Fatal(err)
	}
	hist, err := e.svc.History(e.As[gatetest.EntAdmin], v)
	if err != nil {
		t.Fatal(err)
	}
	vs := hist[rec]
	if len(vs) != 2 || vs[0].Version != 1 || vs[1].Version != 2 || !vs[1].Current || vs[0].Current ||
		vs[0].Data["CF_NR"] != "罚款0.20万元" || !slices.Contains(vs[1].Changed, "CF_NR") || slices.Contains(vs[1].Changed, "CF_WSH") ||
		vs[1].Provider != gatetest.ProviderCode || vs[1].Batch == "" || vs[1].Batch == vs[0].Batch || vs[1].Channel == "" {
		t.Fatalf("history %+v", vs)
	}
	// Only the enterprise itself (or operators, on their own view) see every version.
	bv, err := e.gate.Release(e.As[gatetest.BankQuery], gate.Request{Action: gate.ActionReport, Subject: e.USCC,
		Items: []string{"PEN.XZCF"}, Purpose: string(consent.PurposePreLoan)}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.svc.History(e.As[gatetest.BankQuery], bv); err == nil {
		t.Errorf("the bank read the history")
	}
	if _, err := e.svc.History(e.As[gatetest.EntB], v); err == nil {
		t.Errorf("another enterprise read the history through this view")
	}
}

// TestNotifications_DeliveredAndRead: every notification is delivered on
// each channel after the commit and records the results; marking read
// touches only the caller's organization.
func TestNotifications_DeliveredAndRead(t *testing.T) {
	e := newEnv(t)
	o, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{RecordID: e.penalty(t, "2026"), Reasons: "金额有误"})
	if err != nil {
		t.Fatal(err)
	}
	if got := e.sent.to(rights.OperatorsInbox, o.ID); !slices.Equal(got, []string{"email", "sms"}) {
		t.Errorf("operators' channels %v", got)
	}
	ns, err := e.svc.Notifications(e.As[gatetest.EntAdmin], 0)
	if err != nil || len(ns) != 1 || ns[0].Channels != "email:sent sms:sent" || !ns[0].ReadAt.IsZero() {
		t.Fatalf("notifications %+v %v", ns, err)
	}
	if n, err := e.svc.MarkRead(e.As[gatetest.EntAdmin], nil); err != nil || n != 1 {
		t.Fatalf("MarkRead: %d %v", n, err)
	}
	if n, _ := e.svc.Unread(e.As[gatetest.EntAdmin]); n != 0 {
		t.Errorf("unread after marking: %d", n)
	}
	if n, _ := e.svc.Unread(e.As[gatetest.Operator]); n != 1 {
		t.Errorf("operators' unread: %d, want 1 (not touched)", n)
	}
	// A failed objection writes nothing and delivers nothing.
	before := len(e.sent.msgs)
	if _, err := e.svc.File(e.As[gatetest.EntAdmin], rights.NewObjection{RecordID: o.RecordID, Reasons: "再次"}); err == nil {
		t.Fatal("second objection accepted")
	}
	if len(e.sent.msgs) != before {
		t.Errorf("a rolled-back change was delivered")
	}
}

// TestRestructuring: an operator adds a 破产重整 annotation; anyone signed
// in reads it; an enterprise cannot add one.
func TestRestructuring(t *testing.T) {
	e := newEnv(t)
	in := rights.NewRestructuring{USCC: e.USCC, Court: "银川市中级人民法院", CaseNo: "（2026）宁01破3号", ApprovedOn: "2026-07-01"}
	if _, err := e.svc.AddRestructuring(e.As[gatetest.EntAdmin], in); err == nil {
		t.Fatal("the enterprise added an annotation")
	}
	x, err := e.svc.AddRestructuring(e.As[gatetest.Operator], in)
	if err != nil {
		t.Fatal(err)
	}
	xs, err := e.svc.Restructurings(e.As[gatetest.BankQuery], strings.ToLower(e.USCC))
	if err != nil || len(xs) != 1 || xs[0].ID != x.ID || xs[0].CaseNo != in.CaseNo {
		t.Fatalf("restructurings %+v %v", xs, err)
	}
	if e.kinds(t)["restructuring.added/v1"] != 1 {
		t.Errorf("not audited")
	}
	in.ApprovedOn = "2026-13-01"
	if _, err := e.svc.AddRestructuring(e.As[gatetest.Operator], in); err == nil {
		t.Errorf("a bad date was accepted")
	}
	// Every report about the enterprise carries the annotation.
	reps, err := report.New(context.Background(), e.Store, e.gate, e.Catalog, report.Options{Secret: gatetest.Secret, Origin: "rights.test/report"})
	if err != nil {
		t.Fatal(err)
	}
	reps.SetAnnotations(e.svc.ReportNotes)
	r, err := reps.Issue(e.As[gatetest.BankQuery], report.Ask{Subject: e.USCC, Purpose: string(consent.PurposePreLoan), Format: "json"})
	if err != nil {
		t.Fatal(err)
	}
	if len(r.Notes) == 0 || !strings.Contains(r.Notes[0], "（2026）宁01破3号") {
		t.Fatalf("report notes %q", r.Notes)
	}
	var html bytes.Buffer
	if err := report.WriteHTML(&html, r, "en"); err != nil || !strings.Contains(html.String(), "Bankruptcy restructuring approved by") {
		t.Errorf("English HTML report lacks the annotation: %v", err)
	}
}

// TestRepair_ClockCrossesMinimum: a penalty decided a month ago cannot be
// repaired today; the same application three months later is accepted,
// granted by the provider, hidden from the bank and told to it.
func TestRepair_ClockCrossesMinimum(t *testing.T) {
	e := newEnv(t)
	rec := e.pushPenalty(t, "宁市监罚〔2026〕51号", time.Now().AddDate(0, -1, 0))
	e.report(t)
	in := rights.NewRepair{RecordID: rec, Evidence: "罚款已缴清", Commitment: commitment}
	if _, err := e.svc.Apply(e.As[gatetest.EntAdmin], in); err == nil || !strings.Contains(err.Error(), "最短公示期") {
		t.Fatalf("apply after a month: %v, want refused", err)
	}
	e.now = time.Now().AddDate(0, 2, 2)
	r, err := e.svc.Apply(e.As[gatetest.EntAdmin], in)
	if err != nil {
		t.Fatalf("apply after three months: %v", err)
	}
	if r, err = e.svc.DecideRepair(e.As[gatetest.Provider], r.ID, true, "已履行"); err != nil || r.Status != rights.StatusGranted {
		t.Fatalf("grant: %v %v", r.Status, err)
	}
	if _, ok := e.view(t, gatetest.BankQuery, rec); ok {
		t.Errorf("the bank still sees the repaired record")
	}
	if !e.notified(t, gatetest.BankQuery, rights.ChangeRecord, r.ID) {
		t.Errorf("the bank was not told of the repair")
	}
}
