// SPDX-License-Identifier: Apache-2.0

package consent_test

import (
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/consent"
)

// start brings a fresh authorization to status st and returns its ID.
func (f *fixture) start(t *testing.T, st consent.Status) string {
	t.Helper()
	tm := f.terms()
	switch st {
	case consent.StatusRequested:
		return f.MustRequest(t, tm).ID
	case consent.StatusDeclined:
		a := f.MustRequest(t, tm)
		if _, err := f.svc.Decline(f.as["ent"], a.ID); err != nil {
			t.Fatal(err)
		}
		return a.ID
	case consent.StatusRevoked:
		a := f.MustGrant(t, tm)
		if _, err := f.svc.Revoke(f.as["ent"], a.ID); err != nil {
			t.Fatal(err)
		}
		return a.ID
	case consent.StatusExpired:
		tm.ValidUntil = f.clock.Now().Add(time.Hour)
		a := f.MustGrant(t, tm)
		f.clock.Advance(time.Hour)
		return a.ID
	case consent.StatusUsed:
		tm.Mode = consent.ModeOneTime
		a := f.MustGrant(t, tm)
		if _, err := f.use(t, a.ID, "TAX.NSE"); err != nil {
			t.Fatal(err)
		}
		return a.ID
	}
	return f.MustGrant(t, tm).ID
}

// TestService_Transitions tries every decision on every status by every
// kind of caller: only the enterprise's administrator moves an
// authorization, only along requested→active|declined and active→revoked,
// and each move (and nothing else) writes one audit leaf.
func TestService_Transitions(t *testing.T) {
	statuses := []consent.Status{consent.StatusRequested, consent.StatusActive, consent.StatusDeclined,
		consent.StatusRevoked, consent.StatusExpired, consent.StatusUsed}
	actions := map[string]func(f *fixture, as, id string) (consent.Authorization, error){
		"approve": func(f *fixture, as, id string) (consent.Authorization, error) { return f.svc.Approve(f.as[as], id) },
		"decline": func(f *fixture, as, id string) (consent.Authorization, error) { return f.svc.Decline(f.as[as], id) },
		"revoke":  func(f *fixture, as, id string) (consent.Authorization, error) { return f.svc.Revoke(f.as[as], id) },
	}
	allowed := map[[2]string]consent.Status{
		{"approve", "requested"}: consent.StatusActive,
		{"decline", "requested"}: consent.StatusDeclined,
		{"revoke", "active"}:     consent.StatusRevoked,
	}
	callers := map[string]apperr.Code{"entStaff": apperr.Forbidden, "bank": apperr.Forbidden, "op": apperr.Forbidden,
		"provider": apperr.Forbidden, "entB": apperr.NotFound}
	f := MustFixture(t)
	for _, st := range statuses {
		for verb, act := range actions {
			t.Run(verb+"_"+string(st), func(t *testing.T) {
				id := f.start(t, st)
				for as, want := range callers {
					n := f.auditSize(t)
					_, err := act(f, as, id)
					if got := apperr.CodeOf(err); got != want {
						t.Fatalf("%s by %s: %v, want %s", verb, as, err, want)
					}
					if got := f.auditSize(t); got != n {
						t.Fatalf("%s by %s refused but wrote %d audit leaves", verb, as, got-n)
					}
				}
				n := f.auditSize(t)
				a, err := act(f, "ent", id)
				want, ok := allowed[[2]string{verb, string(st)}]
				if !ok {
					if got := apperr.CodeOf(err); got != apperr.Conflict {
						t.Fatalf("%s on %s: %v, want Conflict", verb, st, err)
					}
					if got := f.auditSize(t); got != n {
						t.Fatalf("refused %s wrote %d audit leaves", verb, got-n)
					}
					return
				}
				if err != nil {
					t.Fatalf("%s on %s: %v", verb, st, err)
				}
				if got := a.Status; got != want {
					t.Fatalf("status=%s, want %s", got, want)
				}
				if got, want := f.auditSize(t), n+1; got != want {
					t.Fatalf("audit size=%d, want %d", got, want)
				}
				if got, want := f.lastKind(t), "consent."+verb+"d/v1"; verb != "approve" && got != want {
					t.Fatalf("audit kind=%s, want %s", got, want)
				}
				if got, err := f.svc.Get(f.as["bank"], id); err != nil || got.Status != want {
					t.Fatalf("Get=%v, %v; want %s", got.Status, err, want)
				}
			})
		}
	}
}

// TestService_GrantRequestRoles: only the enterprise's administrator
// grants, for its own code; only institution staff request.
func TestService_GrantRequestRoles(t *testing.T) {
	f := MustFixture(t)
	for as, want := range map[string]apperr.Code{"ent": okCode, "entStaff": apperr.Forbidden, "entB": apperr.Forbidden,
		"bank": apperr.Forbidden, "op": apperr.Forbidden, "provider": apperr.Forbidden} {
		n := f.auditSize(t)
		a, err := f.svc.Grant(f.as[as], f.terms())
		if got := apperr.CodeOf(err); got != want {
			t.Fatalf("Grant by %s: %v, want %s", as, err, want)
		}
		if want == okCode {
			if a.Status != consent.StatusActive || a.ReceiptNote == "" || f.lastKind(t) != "consent.granted/v1" {
				t.Fatalf("Grant: status %s, receipt %q, audit %s", a.Status, a.ReceiptNote, f.lastKind(t))
			}
		} else if f.auditSize(t) != n {
			t.Fatalf("refused Grant by %s wrote an audit leaf", as)
		}
	}
	for as, want := range map[string]apperr.Code{"bank": okCode, "bankB": okCode, "bankAdmin": apperr.Forbidden,
		"ent": apperr.Forbidden, "op": apperr.Forbidden} {
		a, err := f.svc.Request(f.as[as], f.terms())
		if got := apperr.CodeOf(err); got != want {
			t.Fatalf("Request by %s: %v, want %s", as, err, want)
		}
		if want == okCode && (a.Status != consent.StatusRequested || a.ReceiptNote != "" || a.InstitutionOrgID != f.orgs[as].ID) {
			t.Fatalf("Request by %s: %+v", as, a)
		}
	}
	tm := f.terms()
	tm.EnterpriseUSCC = "91640104MA7X0099XX"
	if _, err := f.svc.Request(f.as["bank"], tm); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("Request for an enterprise without account: %v, want NotFound", err)
	}
	tm = f.terms()
	tm.InstitutionOrgID = f.orgs["op"].ID
	if _, err := f.svc.Grant(f.as["ent"], tm); apperr.CodeOf(err) != apperr.Invalid {
		t.Fatalf("Grant to a non-institution: %v, want Invalid", err)
	}
}

// TestService_List: each party sees its own, operators all, others none.
func TestService_List(t *testing.T) {
	f := MustFixture(t)
	f.MustGrant(t, f.terms())
	tm := f.terms()
	tm.InstitutionOrgID = f.orgs["bankB"].ID
	f.MustGrant(t, tm)
	for as, want := range map[string]int{"ent": 2, "entB": 0, "bank": 1, "bankB": 1, "op": 2} {
		as2, err := f.svc.List(f.as[as], consent.Filter{})
		if err != nil || len(as2) != want {
			t.Fatalf("List as %s: %d, %v; want %d", as, len(as2), err, want)
		}
	}
	if _, err := f.svc.List(f.as["provider"], consent.Filter{}); apperr.CodeOf(err) != apperr.Forbidden {
		t.Fatalf("List as provider: %v, want Forbidden", err)
	}
}

// okCode is apperr.CodeOf(nil).
const okCode apperr.Code = ""
