// SPDX-License-Identifier: Apache-2.0

package verify_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/verify"
)

type amount struct {
	Amount int64 `json:"amount"`
}

func TestVerify_TaxPaidYesAndNo(t *testing.T) {
	f := newFixture(t, verify.Limits{})
	f.grant(t, 30*24*time.Hour, "TAX")
	f.taxYear(t, "10000.00") // 12 × ¥10,000 = 12,000,000 fen
	yes := f.mustAsk(t, "tax_paid_12m_at_least", amount{12_000_000})
	if !yes.Result || yes.Template != "tax_paid_12m_at_least" || !yes.AsOf.Equal(t0) {
		t.Fatalf("answer = %+v, want yes as of %v", yes, t0)
	}
	ev := f.lastEvent(t).Event
	if got, want := ev.Kind, "verification.answered/v1"; got != want {
		t.Fatalf("audit kind = %q, want %q", got, want)
	}
	if ev.Outcome != audit.OutcomeOK || ev.Details["result"] != "yes" || ev.Details["template"] != "tax_paid_12m_at_least" ||
		!strings.HasPrefix(ev.Details["params_hash"], "sha256:") || ev.Authorization == "" {
		t.Fatalf("audit event = %+v", ev)
	}
	if got := f.lastEvent(t).Index; got != yes.AuditIndex {
		t.Fatalf("audit index = %d, answer says %d", got, yes.AuditIndex)
	}
	if no := f.mustAsk(t, "tax_paid_12m_at_least", amount{12_000_001}); no.Result {
		t.Fatalf("one fen above the total answered yes")
	}
	if got := f.lastEvent(t).Event.Details["result"]; got != "no" {
		t.Fatalf("audit result = %q, want no", got)
	}
}

// TestVerify_EveryTemplateOverRealRecords answers each built-in template
// yes and no over records put in through collection.
func TestVerify_EveryTemplateOverRealRecords(t *testing.T) {
	type step struct {
		push   func(f *fixture)
		params any
		want   bool
	}
	elec := func(period, arrears string) map[string]string {
		r := map[string]string{"ACCOUNT_NO": "E-1", "PERIOD": period, "USAGE": "1200.5", "AMOUNT": "980.00"}
		if arrears != "" {
			r["ARREARS"] = arrears
		}
		return r
	}
	cases := []struct {
		template string
		scope    string
		steps    []step
	}{
		{"tax_grade_in", "TAX", []step{
			{params: map[string][]string{"grades": {"A", "B"}}, want: false}, // no grade on file
			{push: func(f *fixture) {
				f.push(t, "TAX.LEVEL", map[string]string{"EVAL_YEAR": "2024", "LEVEL": "A"}, map[string]string{"EVAL_YEAR": "2025", "LEVEL": "B"})
			}, params: map[string][]string{"grades": {"B", "A"}}, want: true},
			{params: map[string][]string{"grades": {"A"}}, want: false}, // the latest grade is B
		}},
		{"insured_at_least", "SOC", []step{
			{push: func(f *fixture) {
				f.push(t, "SOC.CBJF",
					map[string]string{"PERIOD": "2026-01", "INSURANCE_TYPE": "基本养老保险", "INSURED": "60", "PAID": "52000.00"},
					map[string]string{"PERIOD": "2026-02", "INSURANCE_TYPE": "基本养老保险", "INSURED": "48", "PAID": "41000.00"},
					map[string]string{"PERIOD": "2026-02", "INSURANCE_TYPE": "工伤保险", "INSURED": "45", "PAID": "900.00"})
			}, params: map[string]int{"count": 48}, want: true},
			{params: map[string]int{"count": 49}, want: false}, // 60 was January's
		}},
		{"utilities_no_arrears_6m", "UTL", []step{
			{want: false}, // no bills at all
			{push: func(f *fixture) {
				f.push(t, "UTL.WATER", map[string]string{"ACCOUNT_NO": "W-1", "PERIOD": "2026-01", "USAGE": "30", "AMOUNT": "120.00", "ARREARS": "0"})
				f.push(t, "UTL.GAS", map[string]string{"ACCOUNT_NO": "G-1", "PERIOD": "2026-02", "USAGE": "80", "AMOUNT": "300.00"})
				f.push(t, "UTL.ELEC", elec("2025-12", ""), elec("2025-06", "77.00")) // June 2025 is outside the window
			}, want: true},
			{push: func(f *fixture) { f.push(t, "UTL.ELEC", elec("2026-02", "120.50")) }, want: false},
		}},
		{"estate_no_seizure", "EST", []step{
			{want: true},
			{push: func(f *fixture) {
				f.push(t, "EST.CFDJ", map[string]string{"UNIT_NO": "640104001001GB00001F00010001", "SEIZURE_ORGAN": "银川市兴庆区人民法院",
					"SEIZURE_DOC": "（2026）宁0104执保12号", "SEIZURE_TYPE": "查封", "SEIZURE_FROM": "2026-01-10", "SEIZURE_TO": "2029-01-09"})
			}, want: false},
			{push: func(f *fixture) {
				f.push(t, "EST.CFDJ", map[string]string{"UNIT_NO": "640104001001GB00001F00010001", "SEIZURE_ORGAN": "银川市兴庆区人民法院",
					"SEIZURE_DOC": "（2026）宁0104执保12号", "SEIZURE_TYPE": "查封", "SEIZURE_FROM": "2026-01-10", "SEIZURE_TO": "2029-01-09",
					"RELEASE_DATE": "2026-02-20"})
			}, want: true}, // released
		}},
		{"social_insurance_no_arrears", "SOC", []step{
			{want: true},
			{push: func(f *fixture) {
				f.push(t, "SOC.QF", map[string]string{"INSURANCE_TYPE": "失业保险", "PERIOD_FROM": "2025-11", "PERIOD_TO": "2026-01",
					"ARREARS": "3600.00", "NOTICE_DATE": "2026-02-10"})
			}, want: false},
		}},
		{"estate_title_held", "EST", []step{
			{want: false},
			{push: func(f *fixture) {
				f.push(t, "EST.DJ", map[string]string{"CERT_NO": "宁（2020）银川市不动产权第0012345号", "UNIT_NO": "640104001001GB00001F00010001",
					"LOCATION": "银川市兴庆区解放西街1号", "REG_DATE": "2020-05-06"})
			}, want: true},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.template, func(t *testing.T) {
			f := newFixture(t, verify.Limits{})
			f.grant(t, 30*24*time.Hour, tc.scope)
			for i, s := range tc.steps {
				if s.push != nil {
					s.push(f)
				}
				if got := f.mustAsk(t, tc.template, s.params).Result; got != s.want {
					t.Fatalf("step %d: %s(%v) = %v, want %v", i, tc.template, s.params, got, s.want)
				}
			}
		})
	}
}

func TestVerify_WithoutAuthorizationRefusedAndLogged(t *testing.T) {
	f := newFixture(t, verify.Limits{})
	f.taxYear(t, "10000.00")
	// Refusals reveal nothing: they count neither towards the daily limit
	// of 5 nor as distinct values, so each of the 7 reaches the gate.
	for i := range 7 {
		_, err := f.ask(f.bank, "tax_paid_12m_at_least", amount{int64(i)})
		wantCode(t, err, apperr.Forbidden)
		if !strings.Contains(err.Error(), "企业未向本机构授权") {
			t.Fatalf("ask %d: %v, want the gate's refusal for want of an authorization", i, err)
		}
	}
	if alerts, err := f.svc.Alerts(f.op, verify.AlertFilter{}); err != nil || len(alerts) != 0 {
		t.Fatalf("alerts = %v, %v; want none", alerts, err)
	}
	ev := f.lastEvent(t).Event
	if ev.Outcome != audit.OutcomeDenied || ev.Kind != "verification.answered/v1" || ev.Details["template"] != "tax_paid_12m_at_least" {
		t.Fatalf("audit event = %+v, want a denied verification", ev)
	}
}

func TestVerify_RevokedOrExpiredAuthorizationRefused(t *testing.T) {
	f := newFixture(t, verify.Limits{})
	f.taxYear(t, "10000.00")
	a := f.grant(t, 30*24*time.Hour, "TAX")
	f.mustAsk(t, "tax_paid_12m_at_least", amount{1})
	_, err := f.consent.Revoke(f.ent, a.ID)
	must(t, err)
	_, err = f.ask(f.bank, "tax_paid_12m_at_least", amount{1})
	wantCode(t, err, apperr.Forbidden)

	f.grant(t, time.Hour, "TAX")
	f.mustAsk(t, "tax_paid_12m_at_least", amount{1})
	f.clock.Advance(2 * time.Hour)
	_, err = f.ask(f.bank, "tax_paid_12m_at_least", amount{1})
	wantCode(t, err, apperr.Forbidden)
	if got := f.lastEvent(t).Event.Outcome; got != audit.OutcomeDenied {
		t.Fatalf("outcome = %q, want denied", got)
	}
}

func TestVerify_ReceiptVerifiesOfflineAndNotWhenAltered(t *testing.T) {
	f := newFixture(t, verify.Limits{})
	f.grant(t, 30*24*time.Hour, "TAX")
	f.taxYear(t, "10000.00")
	ans := f.mustAsk(t, "tax_paid_12m_at_least", amount{5_000_000})
	r, err := verify.VerifyReceipt([]byte(ans.Receipt), f.svc.VerifierKey())
	must(t, err)
	if !r.Result || r.Template != ans.Template || r.Enterprise != usccA || r.Institution != f.bankOrg.ID ||
		r.Purpose != string(consent.PurposePreLoan) || !r.AsOf.Equal(ans.AsOf) || r.AuditIndex != ans.AuditIndex {
		t.Fatalf("receipt = %+v, answer %+v", r, ans)
	}
	p, err := verify.ParseParams(mustTemplate(t, f, "tax_paid_12m_at_least"), []byte(`{"amount":5000000}`))
	must(t, err)
	if r.ParamsHash != p.Hash() {
		t.Fatalf("receipt params hash %s, recomputed %s", r.ParamsHash, p.Hash())
	}
	if got := f.lastEvent(t).Event.Details["verification_id"]; got != r.ID {
		t.Fatalf("audit leaf names verification %q, receipt %q", got, r.ID)
	}
	for _, alter := range []func(string) string{
		func(s string) string { return strings.Replace(s, "result: yes", "result: no", 1) },
		func(s string) string { return strings.Replace(s, usccA, mustCode("MA7X0002"), 1) },
		func(s string) string { return strings.Replace(s, "amount", "amount", 1)[:len(s)-10] },
	} {
		if _, err := verify.VerifyReceipt([]byte(alter(ans.Receipt)), f.svc.VerifierKey()); !errors.Is(err, verify.ErrBadReceipt) {
			t.Errorf("altered receipt: err = %v, want ErrBadReceipt", err)
		}
	}
	other := newFixture(t, verify.Limits{}) // another node's key
	if other.svc.VerifierKey() == f.svc.VerifierKey() {
		t.Skip("same key twice")
	}
	if _, err := verify.VerifyReceipt([]byte(ans.Receipt), other.svc.VerifierKey()); !errors.Is(err, verify.ErrBadReceipt) {
		t.Errorf("receipt checked with another key: err = %v", err)
	}
}

func mustTemplate(tb testing.TB, f *fixture, code string) verify.Template {
	tb.Helper()
	tp, err := f.svc.Template(code)
	must(tb, err)
	return tp
}

// TestVerify_VerifyOnlyItemNeverReleased: water bills answer a
// verification, but the bank can never read them through the gate.
func TestVerify_VerifyOnlyItemNeverReleased(t *testing.T) {
	f := newFixture(t, verify.Limits{})
	f.grant(t, 30*24*time.Hour, "UTL")
	f.push(t, "UTL.WATER", map[string]string{"ACCOUNT_NO": "W-1", "PERIOD": "2026-02", "USAGE": "31.5", "AMOUNT": "126.00"})
	if !f.mustAsk(t, "utilities_no_arrears_6m", nil).Result {
		t.Fatal("water bills without arrears answered no")
	}
	for _, a := range []gate.Action{gate.ActionQuery, gate.ActionProfile, gate.ActionReport, gate.ActionExport} {
		_, err := f.gate.Release(f.bank, gate.Request{Action: a, Subject: usccA, Items: []string{"UTL.WATER"},
			Purpose: string(consent.PurposePreLoan)}, nil)
		wantCode(t, err, apperr.Forbidden)
	}
	v, err := f.gate.Release(f.bank, gate.Request{Action: gate.ActionProfile, Subject: usccA, Purpose: string(consent.PurposePreLoan)}, nil)
	must(t, err)
	if iv, ok := v.Item("UTL.WATER"); !ok || iv.Shown() || len(iv.Records) != 0 {
		t.Fatalf("water item in a full profile: %+v", iv)
	}
}

func TestVerify_RefusesBadAsks(t *testing.T) {
	f := newFixture(t, verify.Limits{})
	f.grant(t, 30*24*time.Hour, "TAX")
	for _, tc := range []struct {
		template string
		params   string
		code     apperr.Code
	}{
		{"no_such_template", `{}`, apperr.NotFound},
		{"tax_paid_12m_at_least", `{}`, apperr.Invalid},
		{"tax_paid_12m_at_least", `{"amount":-1}`, apperr.Invalid},
		{"tax_paid_12m_at_least", `{"amount":1.5}`, apperr.Invalid},
		{"tax_paid_12m_at_least", `{"amount":1,"extra":2}`, apperr.Invalid},
		{"tax_grade_in", `{"grades":[]}`, apperr.Invalid},
		{"tax_grade_in", `{"grades":["AA"]}`, apperr.Invalid},
	} {
		_, err := f.svc.Verify(f.bank, verify.Ask{USCC: usccA, Template: tc.template, Params: []byte(tc.params), Purpose: "pre_loan"})
		if got := apperr.CodeOf(err); got != tc.code {
			t.Errorf("%s %s: err = %v, want %s", tc.template, tc.params, err, tc.code)
		}
	}
	_, err := f.svc.Verify(f.bank, verify.Ask{USCC: mustCode("MA7X0099"), Template: "estate_no_seizure", Purpose: "pre_loan"})
	if !apperr.Is(err, apperr.NotFound) && !apperr.Is(err, apperr.Invalid) {
		t.Errorf("unknown enterprise: %v", err)
	}
	_, err = f.svc.Verify(context.Background(), verify.Ask{USCC: usccA, Template: "estate_no_seizure", Purpose: "pre_loan"})
	wantCode(t, err, apperr.Unauthenticated)
}
