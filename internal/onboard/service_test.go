// SPDX-License-Identifier: Apache-2.0

package onboard_test

import (
	"context"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/onboard"
)

func TestService_Lifecycle(t *testing.T) {
	f := newFixture(t, nil)
	a := f.mustLive(t)
	if got, want := a.Status, onboard.StatusLive; got != want {
		t.Fatalf("Status=%q, want %q", got, want)
	}
	got, err := f.svc.Mine(f.instQuery)
	must(t, err)
	if got.ID != a.ID || !got.Agreement.Signed() || got.Agreement.Commitment != commitment {
		t.Fatalf("Mine=%+v, want the signed application %s", got, a.ID)
	}
	if got, want := got.Assessment.ExpiresAt, got.Assessment.AssessedAt.Add(onboard.DefaultValidity); !got.Equal(want) {
		t.Fatalf("ExpiresAt=%v, want %v", got, want)
	}
	// Suspend → reinstate returns to live; revoke is final.
	s, err := f.svc.Suspend(f.opAdmin, a.ID)
	must(t, err)
	if s.Status != onboard.StatusSuspended {
		t.Fatalf("Status=%q after Suspend", s.Status)
	}
	_, err = f.svc.Suspend(f.opAdmin, a.ID)
	wantCode(t, err, apperr.Conflict)
	r, err := f.svc.Reinstate(f.opAdmin, a.ID)
	must(t, err)
	if r.Status != onboard.StatusLive {
		t.Fatalf("Status=%q after Reinstate, want live", r.Status)
	}
	o, err := f.acc.FindOrganization(f.opAdmin, f.inst.ID)
	must(t, err)
	if o.Status != access.OrgActive {
		t.Fatalf("org status=%q after Reinstate, want active", o.Status)
	}
	_, err = f.svc.Revoke(f.opAdmin, a.ID)
	must(t, err)
	_, err = f.svc.Reinstate(f.opAdmin, a.ID)
	wantCode(t, err, apperr.Conflict)
	_, err = f.svc.Assess(f.op, a.ID, onboard.NewAssessment{Checks: passingChecks()})
	wantCode(t, err, apperr.Conflict)
}

func TestService_ForbiddenByRole(t *testing.T) {
	f := newFixture(t, nil)
	newApp := onboard.NewApplication{InstitutionType: onboard.TypeGuarantor, LicenceNumber: "G-1", ContactName: "王", ContactPhone: "123"}
	_, err := f.svc.Apply(f.op, newApp)
	wantCode(t, err, apperr.Forbidden)
	_, err = f.svc.Apply(f.instQuery, newApp)
	wantCode(t, err, apperr.Forbidden)
	_, err = f.svc.Apply(context.Background(), newApp)
	wantCode(t, err, apperr.Unauthenticated)
	a, err := f.svc.Apply(f.instAdmin, newApp)
	must(t, err)
	_, err = f.svc.Apply(f.instAdmin, newApp)
	wantCode(t, err, apperr.Conflict)

	for name, call := range map[string]func(ctx context.Context) error{
		"StartAssessment": func(ctx context.Context) error { _, err := f.svc.StartAssessment(ctx, a.ID); return err },
		"Assess": func(ctx context.Context) error {
			_, err := f.svc.Assess(ctx, a.ID, onboard.NewAssessment{Checks: passingChecks()})
			return err
		},
		"Approve":  func(ctx context.Context) error { _, err := f.svc.Approve(ctx, a.ID, f.terms()); return err },
		"Activate": func(ctx context.Context) error { _, err := f.svc.Activate(ctx, a.ID); return err },
		"List":     func(ctx context.Context) error { _, err := f.svc.List(ctx, onboard.Filter{}); return err },
	} {
		if err := call(f.instAdmin); apperr.CodeOf(err) != apperr.Forbidden {
			t.Errorf("%s by institution admin: err=%v, want forbidden", name, err)
		}
	}
	// Only operator_admin cuts an institution off.
	_, err = f.svc.Suspend(f.op, a.ID)
	wantCode(t, err, apperr.Forbidden)
	_, err = f.svc.Revoke(f.instAdmin, a.ID)
	wantCode(t, err, apperr.Forbidden)
	// Another institution sees nothing of this one.
	_, err = f.svc.Get(f.otherAdmin, a.ID)
	wantCode(t, err, apperr.NotFound)
	_, err = f.svc.Sign(f.otherAdmin, a.ID, 1, commitment)
	wantCode(t, err, apperr.NotFound)
}

func TestService_ForbiddenTransitions(t *testing.T) {
	f := newFixture(t, nil)
	a, err := f.svc.Apply(f.instAdmin, onboard.NewApplication{InstitutionType: onboard.TypeBank, LicenceNumber: "B-1", ContactName: "李", ContactPhone: "1"})
	must(t, err)
	_, err = f.svc.Approve(f.op, a.ID, f.terms())
	wantCode(t, err, apperr.Conflict) // not assessed
	_, err = f.svc.Activate(f.op, a.ID)
	wantCode(t, err, apperr.Conflict) // nothing signed

	failing := passingChecks()
	failing[2].Result = onboard.ResultFail
	a, err = f.svc.Assess(f.op, a.ID, onboard.NewAssessment{Checks: failing})
	must(t, err)
	if a.Status != onboard.StatusAssessed || a.Assessment.Result != onboard.ResultFail {
		t.Fatalf("after failing assessment: %q/%q", a.Status, a.Assessment.Result)
	}
	_, err = f.svc.Approve(f.op, a.ID, f.terms())
	wantCode(t, err, apperr.Forbidden) // failed assessment

	_, err = f.svc.Assess(f.op, a.ID, onboard.NewAssessment{Checks: passingChecks()[:3]})
	wantCode(t, err, apperr.Invalid) // checklist incomplete
	_, err = f.svc.Assess(f.op, a.ID, onboard.NewAssessment{Checks: passingChecks()})
	must(t, err)
	bad := f.terms()
	bad.Items = []string{"NO.SUCH"}
	_, err = f.svc.Approve(f.op, a.ID, bad)
	wantCode(t, err, apperr.Invalid)
	a, err = f.svc.Approve(f.op, a.ID, f.terms())
	must(t, err)
	a, err = f.svc.Approve(f.op, a.ID, f.terms()) // revised terms: version 2
	must(t, err)
	_, err = f.svc.Sign(f.instAdmin, a.ID, 1, commitment)
	wantCode(t, err, apperr.Conflict) // signing a superseded version
	_, err = f.svc.Sign(f.instAdmin, a.ID, 2, "太短")
	wantCode(t, err, apperr.Invalid)
	_, err = f.svc.Sign(f.instAdmin, a.ID, 2, commitment)
	must(t, err)
	_, err = f.svc.Sign(f.instAdmin, a.ID, 2, commitment)
	wantCode(t, err, apperr.Conflict)
}

// Every change leaves exactly one audit leaf, written in its transaction;
// a refused change leaves none.
func TestService_AuditInSameTransaction(t *testing.T) {
	f := newFixture(t, nil)
	before, err := f.aud.Size(context.Background())
	must(t, err)
	a := f.mustLive(t)
	after, err := f.aud.Size(context.Background())
	must(t, err)
	if got, want := after-before, int64(6); got != want {
		t.Fatalf("leaves added=%d, want %d (apply, assessing, assessed, approved, signed, activated)", got, want)
	}
	_, err = f.svc.Activate(f.op, a.ID)
	wantCode(t, err, apperr.Conflict)
	_, err = f.svc.Suspend(f.opAdmin, a.ID)
	must(t, err)
	recs, err := f.aud.Events(context.Background(), audit.Reader{OrgID: "x", OrgKind: "operator"}, audit.Query{Limit: 10})
	must(t, err)
	if got, want := int64(len(recs)), after-before+1; got < want {
		t.Fatalf("events=%d, want at least %d", got, want)
	}
	last := recs[0].Event
	if got, want := last.Kind, "onboard.suspended/v1"; got != want {
		t.Fatalf("last kind=%q, want %q", got, want)
	}
	if got, want := last.Details["application"], a.ID; got != want {
		t.Fatalf("application=%q, want %q", got, want)
	}
	if got, want := last.Authorization, "agreement:"+a.ID+"/v1"; got != want {
		t.Fatalf("authorization=%q, want %q", got, want)
	}
	if n, err := f.aud.Size(context.Background()); err != nil || n != after+1 {
		t.Fatalf("size=%d err=%v, want %d", n, err, after+1)
	}
}

// failingAuditor appends the leaf and then fails, as if the log's write
// had failed: the business change must roll back with it.
type failingAuditor struct{ *audit.Service }

func (a failingAuditor) Append(ctx context.Context, tx audit.Appender, events ...audit.Event) ([]int64, error) {
	if _, err := a.Service.Append(ctx, tx, events...); err != nil {
		return nil, err
	}
	return nil, apperr.E(apperr.Unavailable, "audit log unavailable", nil)
}

func TestService_AuditFailureRollsBack(t *testing.T) {
	f := newFixture(t, nil)
	svc := onboard.New(f.store, f.acc, f.cat, failingAuditor{f.aud}, onboard.Options{Now: f.clock.Now})
	before, err := f.aud.Size(context.Background())
	must(t, err)
	_, err = svc.Apply(f.instAdmin, onboard.NewApplication{InstitutionType: onboard.TypeBank, LicenceNumber: "B-1", ContactName: "李", ContactPhone: "1"})
	wantCode(t, err, apperr.Unavailable)
	_, err = f.svc.Mine(f.instAdmin)
	wantCode(t, err, apperr.NotFound)
	if n, err := f.aud.Size(context.Background()); err != nil || n != before {
		t.Fatalf("size=%d err=%v, want %d", n, err, before)
	}
}
