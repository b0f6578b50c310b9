// SPDX-License-Identifier: Apache-2.0

package verify_test

import (
	"github.com/xinrong/xinrong/internal/audit"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/verify"
)

func TestVerify_DailyLimits(t *testing.T) {
	f := newFixture(t, verify.Limits{PerEnterprise: 7})
	f.grant(t, 60*24*time.Hour, "TAX", "EST")
	f.taxYear(t, "10000.00")
	for i := range 5 {
		if _, err := f.ask(f.bank, "tax_paid_12m_at_least", amount{1}); err != nil {
			t.Fatalf("ask %d: %v", i, err)
		}
	}
	_, err := f.ask(f.bank, "tax_paid_12m_at_least", amount{1})
	wantCode(t, err, apperr.TooMany)
	if !strings.Contains(err.Error(), "上限") || !strings.Contains(err.Error(), "daily limit") {
		t.Fatalf("message %q is not Chinese and English", err)
	}
	f.mustAsk(t, "estate_no_seizure", nil)
	f.mustAsk(t, "estate_no_seizure", nil)
	_, err = f.ask(f.bank, "estate_no_seizure", nil) // the 8th ask about the enterprise today
	wantCode(t, err, apperr.TooMany)
	// The enterprise sees the refused attempt in its log, with the reason.
	if ev := f.lastEvent(t).Event; ev.Outcome != audit.OutcomeDenied || ev.Kind != "verification.answered/v1" ||
		!strings.Contains(ev.Details["reason"], "上限") || ev.Details["template"] != "estate_no_seizure" {
		t.Fatalf("audit event after the limit = %+v, want a denied verification with its reason", ev)
	}
	f.clock.Advance(24 * time.Hour)
	f.mustAsk(t, "tax_paid_12m_at_least", amount{1})
}

func TestVerify_ThresholdWalkingRefusedAtThirdValue(t *testing.T) {
	f := newFixture(t, verify.Limits{})
	f.grant(t, 90*24*time.Hour, "TAX")
	f.taxYear(t, "10000.00")
	f.mustAsk(t, "tax_paid_12m_at_least", amount{10_000_000})
	f.clock.Advance(24 * time.Hour)
	f.mustAsk(t, "tax_paid_12m_at_least", amount{15_000_000})
	f.mustAsk(t, "tax_paid_12m_at_least", amount{10_000_000}) // asking again is not walking
	_, err := f.ask(f.bank, "tax_paid_12m_at_least", amount{12_500_000})
	wantCode(t, err, apperr.Forbidden)
	if !strings.Contains(err.Error(), "阈值试探") || !strings.Contains(err.Error(), "threshold walking") {
		t.Fatalf("message %q", err)
	}
	_, err = f.ask(f.bank, "tax_paid_12m_at_least", amount{12_600_000}) // still refused
	wantCode(t, err, apperr.Forbidden)
	alerts, err := f.svc.Alerts(f.op, verify.AlertFilter{})
	must(t, err)
	if len(alerts) != 2 || alerts[0].OrgID != f.bankOrg.ID || alerts[0].USCC != usccA ||
		alerts[0].Template != "tax_paid_12m_at_least" || alerts[0].DistinctParams != 3 {
		t.Fatalf("alerts = %+v", alerts)
	}
	if _, err := f.svc.Alerts(f.bank, verify.AlertFilter{}); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("bank listing alerts: %v", err)
	}
	f.clock.Advance(31 * 24 * time.Hour) // the first two values age out of the window
	f.mustAsk(t, "tax_paid_12m_at_least", amount{12_500_000})
}

// TestVerify_ConcurrentAsksRespectTheLimit: ten asks at once, five places.
func TestVerify_ConcurrentAsksRespectTheLimit(t *testing.T) {
	f := newFixture(t, verify.Limits{})
	f.grant(t, 30*24*time.Hour, "EST")
	var wg sync.WaitGroup
	var mu sync.Mutex
	codes := map[apperr.Code]int{}
	for range 10 {
		wg.Go(func() {
			_, err := f.ask(f.bank, "estate_no_seizure", nil)
			mu.Lock()
			codes[apperr.CodeOf(err)]++
			mu.Unlock()
		})
	}
	wg.Wait()
	if codes[""] != 5 || codes[apperr.TooMany] != 5 {
		t.Fatalf("outcomes = %v, want 5 answered and 5 too many", codes)
	}
}
