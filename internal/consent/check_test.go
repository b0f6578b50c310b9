// SPDX-License-Identifier: Apache-2.0

package consent_test

import (
	"context"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/consent"
)

func (f *fixture) check(t *testing.T, item string, p consent.Purpose, at time.Time) consent.Reason {
	t.Helper()
	_, err := f.svc.Check(context.Background(), f.orgs["bank"].ID, usccA, item, p, at)
	if err == nil {
		return ""
	}
	if apperr.CodeOf(err) != apperr.Forbidden {
		t.Fatalf("Check(%s): %v, want Forbidden", item, err)
	}
	return consent.DeniedReason(err)
}

// TestService_ExpiryBoundary: access ends exactly at ValidUntil, with or
// without the sweep, and the sweep marks it once with an audit leaf.
func TestService_ExpiryBoundary(t *testing.T) {
	f := MustFixture(t)
	tm := f.terms()
	until := t0.Add(24 * time.Hour)
	tm.ValidUntil = until
	a := f.MustGrant(t, tm)
	if got, want := f.check(t, "TAX.NSE", consent.PurposePreLoan, until.Add(-time.Microsecond)), consent.Reason(""); got != want {
		t.Fatalf("a microsecond before the end: %q, want allowed", got)
	}
	if got, want := f.check(t, "TAX.NSE", consent.PurposePreLoan, until), consent.ReasonExpired; got != want {
		t.Fatalf("at the end: %q, want %q", got, want)
	}
	f.clock.Set(until)
	if got, err := f.svc.Get(f.as["ent"], a.ID); err != nil || got.Status != consent.StatusExpired {
		t.Fatalf("Get at the end: %s, %v; want expired before any sweep", got.Status, err)
	}
	if _, err := f.svc.Revoke(f.as["ent"], a.ID); apperr.CodeOf(err) != apperr.Conflict {
		t.Fatalf("Revoke after expiry: %v, want Conflict", err)
	}
	n := f.auditSize(t)
	if got, err := f.svc.Sweep(context.Background()); err != nil || got != 1 {
		t.Fatalf("Sweep=%d, %v; want 1", got, err)
	}
	if got, want := f.lastKind(t), "consent.expired/v1"; got != want || f.auditSize(t) != n+1 {
		t.Fatalf("audit kind=%s size %d, want %s size %d", got, f.auditSize(t), want, n+1)
	}
	if got, err := f.store.FindAuthorizationByID(context.Background(), a.ID); err != nil || got.Status != consent.StatusExpired {
		t.Fatalf("stored status=%s, %v; want expired", got.Status, err)
	}
	if got, err := f.svc.Sweep(context.Background()); err != nil || got != 0 {
		t.Fatalf("second Sweep=%d, %v; want 0", got, err)
	}
}

// TestService_OneTimeUse: a one-time authorization serves one use, then
// is used; a period one serves any number.
func TestService_OneTimeUse(t *testing.T) {
	f := MustFixture(t)
	tm := f.terms()
	tm.Mode = consent.ModeOneTime
	once := f.MustGrant(t, tm)
	n := f.auditSize(t)
	if _, err := f.use(t, once.ID, "SOC.QF"); consent.DeniedReason(err) != consent.ReasonOutOfScope {
		t.Fatalf("Use out of scope: %v, want out_of_scope", err)
	}
	if f.auditSize(t) != n {
		t.Fatalf("refused Use wrote an audit leaf")
	}
	a, err := f.use(t, once.ID, "TAX.NSE")
	if err != nil || a.Status != consent.StatusUsed {
		t.Fatalf("Use=%s, %v; want used", a.Status, err)
	}
	if got, want := f.lastKind(t), "consent.used/v1"; got != want {
		t.Fatalf("audit kind=%s, want %s", got, want)
	}
	if _, err := f.use(t, once.ID, "TAX.NSE"); consent.DeniedReason(err) != consent.ReasonUsed {
		t.Fatalf("second Use: %v, want used", err)
	}
	if got, want := f.check(t, "TAX.NSE", consent.PurposePreLoan, t0), consent.ReasonUsed; got != want {
		t.Fatalf("Check after use: %q, want %q", got, want)
	}
	period := f.MustGrant(t, f.terms())
	for range 3 {
		if a, err := f.use(t, period.ID, "TAX.NSE"); err != nil || a.Status != consent.StatusActive {
			t.Fatalf("Use of a period authorization: %s, %v", a.Status, err)
		}
	}
}

// TestService_CheckReasons: Check says why not, most specific first.
func TestService_CheckReasons(t *testing.T) {
	f := MustFixture(t)
	if got, want := f.check(t, "TAX.NSE", consent.PurposePreLoan, t0), consent.ReasonNone; got != want {
		t.Fatalf("no authorization: %q, want %q", got, want)
	}
	f.MustRequest(t, f.terms())
	if got, want := f.check(t, "TAX.NSE", consent.PurposePreLoan, t0), consent.ReasonNone; got != want {
		t.Fatalf("only a request: %q, want %q", got, want)
	}
	a := f.MustGrant(t, f.terms())
	for _, c := range []struct {
		item    string
		purpose consent.Purpose
		at      time.Time
		want    consent.Reason
	}{
		{"TAX.NSE", consent.PurposePreLoan, t0, ""},  // the category TAX covers it
		{"SOC.CBJF", consent.PurposePreLoan, t0, ""}, // listed itself
		{"SOC.QF", consent.PurposePreLoan, t0, consent.ReasonOutOfScope},
		{"TAX.NSE", consent.PurposePostLoan, t0, consent.ReasonWrongPurpose},
		{"TAX.NSE", consent.PurposePreLoan, t0.Add(-time.Second), consent.ReasonNotYetValid},
	} {
		if got := f.check(t, c.item, c.purpose, c.at); got != c.want {
			t.Errorf("Check(%s, %s, %s)=%q, want %q", c.item, c.purpose, c.at, got, c.want)
		}
	}
	if got, err := f.svc.Check(context.Background(), f.orgs["bank"].ID, usccA, "TAX.NSE", consent.PurposePreLoan, t0); err != nil || got.ID != a.ID {
		t.Fatalf("Check=%s, %v; want %s", got.ID, err, a.ID)
	}
	if _, err := f.svc.Check(context.Background(), f.orgs["bankB"].ID, usccA, "TAX.NSE", consent.PurposePreLoan, t0); consent.DeniedReason(err) != consent.ReasonNone {
		t.Fatalf("another institution: %v, want none", err)
	}
	if _, err := f.svc.Check(context.Background(), f.orgs["bank"].ID, usccA, "NO.SUCH", consent.PurposePreLoan, t0); apperr.CodeOf(err) != apperr.NotFound && apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("unknown item: %v, want NotFound or Invalid", err)
	}
	if _, err := f.svc.Revoke(f.as["ent"], a.ID); err != nil {
		t.Fatal(err)
	}
	if got, want := f.check(t, "TAX.NSE", consent.PurposePreLoan, t0), consent.ReasonRevoked; got != want {
		t.Fatalf("after revocation: %q, want %q", got, want)
	}
}

// TestTerms_Validate covers the field rules and purpose caps.
func TestTerms_Validate(t *testing.T) {
	f := MustFixture(t)
	for name, edit := range map[string]func(*consent.Terms){
		"ErrEmptyScope":   func(tm *consent.Terms) { tm.Scope = nil },
		"ErrUnknownCode":  func(tm *consent.Terms) { tm.Scope = []string{"TAX.NOPE"} },
		"ErrPurpose":      func(tm *consent.Terms) { tm.Purpose = "marketing" },
		"ErrOtherNoText":  func(tm *consent.Terms) { tm.Purpose = consent.PurposeOther },
		"ErrTextNewline":  func(tm *consent.Terms) { tm.Purpose, tm.PurposeText = consent.PurposeOther, "a\nstatus: revoked" },
		"ErrMode":         func(tm *consent.Terms) { tm.Mode = "forever" },
		"ErrPast":         func(tm *consent.Terms) { tm.ValidUntil = t0.Add(-time.Hour) },
		"ErrPreLoanCap":   func(tm *consent.Terms) { tm.ValidUntil = t0.Add(91 * 24 * time.Hour) },
		"ErrPostLoanCap":  func(tm *consent.Terms) { tm.Purpose, tm.ValidUntil = consent.PurposePostLoan, t0.Add(367*24*time.Hour) },
		"ErrStartTooLate": func(tm *consent.Terms) { tm.ValidFrom = t0.Add(40 * 24 * time.Hour) },
		"ErrUntilBeforeStart": func(tm *consent.Terms) {
			tm.ValidFrom, tm.ValidUntil = t0.Add(48*time.Hour), t0.Add(24*time.Hour)
		},
	} {
		t.Run(name, func(t *testing.T) {
			tm := f.terms()
			edit(&tm)
			if _, err := f.svc.Grant(f.as["ent"], tm); apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("Grant: %v, want Invalid", err)
			}
		})
	}
	t.Run("OK", func(t *testing.T) {
		tm := f.terms()
		tm.Purpose, tm.PurposeText, tm.ValidUntil = consent.PurposePostLoan, "", t0.Add(365*24*time.Hour)
		tm.Scope = []string{" tax ", "TAX", "reg.jbxx"}
		a := f.MustGrant(t, tm)
		if got, want := len(a.Scope), 2; got != want || a.Scope[0] != "REG.JBXX" {
			t.Fatalf("scope=%v, want [REG.JBXX TAX]", a.Scope)
		}
	})
}
