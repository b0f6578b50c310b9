// SPDX-License-Identifier: Apache-2.0

package onboard_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/onboard"
)

func TestAllowed_Scope(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	a := f.mustLive(t)
	// An assessment outlasting the term, so that the term check is reached.
	_, err := f.svc.Assess(f.op, a.ID, onboard.NewAssessment{Checks: passingChecks(), ExpiresAt: a.Agreement.Until.Add(24 * time.Hour)})
	must(t, err)
	at := f.clock.Now().Add(time.Hour)
	for _, tc := range []struct {
		name, item, purpose string
		at                  time.Time
		reason              string // "" = allowed
	}{
		{"OK_ByCategory", "REG.JBXX", "loan_precheck", at, ""},
		{"OK_ByItem", "LIC.XZXK", "loan_precheck", at, ""},
		{"ErrItem", "PEN.XZCF", "loan_precheck", at, "does not cover item"},
		{"ErrUnknownItem", "NO.SUCH", "loan_precheck", at, "does not cover item"},
		{"ErrPurpose", "REG.JBXX", "marketing", at, "does not cover purpose"},
		{"ErrBeforeTerm", "REG.JBXX", "loan_precheck", a.Agreement.From.Add(-time.Second), "not in term"},
		{"ErrAfterTerm", "REG.JBXX", "loan_precheck", a.Agreement.Until, "not in term"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := f.svc.Allowed(ctx, f.inst.ID, tc.item, tc.purpose, tc.at)
			if tc.reason == "" {
				must(t, err)
				return
			}
			wantCode(t, err, apperr.Forbidden)
			if !strings.Contains(apperr.Message(err), tc.reason) {
				t.Fatalf("message %q does not say %q", apperr.Message(err), tc.reason)
			}
		})
	}
	err = f.svc.Allowed(ctx, f.other.ID, "REG.JBXX", "loan_precheck", at)
	wantCode(t, err, apperr.Forbidden)
}

// The assessment holds up to, but not at, its expiry instant.
func TestAllowed_AssessmentExpiry(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	a := f.mustLive(t)
	exp := a.Assessment.ExpiresAt
	must(t, f.svc.Allowed(ctx, f.inst.ID, "REG.JBXX", "loan_precheck", exp.Add(-time.Microsecond)))
	err := f.svc.Allowed(ctx, f.inst.ID, "REG.JBXX", "loan_precheck", exp)
	wantCode(t, err, apperr.Forbidden)
	if !strings.Contains(apperr.Message(err), "expired") {
		t.Fatalf("message %q does not name the expiry", apperr.Message(err))
	}
	// A renewal restores access without leaving live.
	f.clock.Set(exp.Add(time.Hour))
	r, err := f.svc.Assess(f.op, a.ID, onboard.NewAssessment{Checks: passingChecks()})
	must(t, err)
	if r.Status != onboard.StatusLive {
		t.Fatalf("Status=%q after renewal, want live", r.Status)
	}
	must(t, f.svc.Allowed(ctx, f.inst.ID, "REG.JBXX", "loan_precheck", f.clock.Now()))
}

func TestAllowed_Status(t *testing.T) {
	f := newFixture(t, nil)
	ctx := context.Background()
	a := f.mustLive(t)
	at := f.clock.Now()
	_, err := f.svc.Suspend(f.opAdmin, a.ID)
	must(t, err)
	wantCode(t, f.svc.Allowed(ctx, f.inst.ID, "REG.JBXX", "loan_precheck", at), apperr.Forbidden)
	_, err = f.svc.Reinstate(f.opAdmin, a.ID)
	must(t, err)
	must(t, f.svc.Allowed(ctx, f.inst.ID, "REG.JBXX", "loan_precheck", at))
	_, err = f.svc.Revoke(f.opAdmin, a.ID)
	must(t, err)
	wantCode(t, f.svc.Allowed(ctx, f.inst.ID, "REG.JBXX", "loan_precheck", at), apperr.Forbidden)
}
