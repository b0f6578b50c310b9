// SPDX-License-Identifier: Apache-2.0

package audit_test

import (
	"context"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
)

// An enterprise sees who accessed its own information and nothing else; an
// institution sees what it did itself; the credit centre and regulators
// see everything.
func TestService_Events(t *testing.T) {
	ctx := context.Background()
	s, svc := MustLog(t)
	MustAppend(t, s, svc, 0, 40)
	own := "91440300192203820" + "3" // the subject of events 3, 13, 23, 33
	t.Run("OKEnterpriseOwn", func(t *testing.T) {
		recs, err := svc.Events(ctx, audit.Reader{OrgKind: "enterprise", OrgCode: own}, audit.Query{Subject: " " + own + " "})
		if err != nil {
			t.Fatal(err)
		}
		if got, want := len(recs), 4; got != want {
			t.Fatalf("%d events, want %d", got, want)
		}
		if got, want := recs[0].Index, int64(33); got != want {
			t.Fatalf("newest first: index %d, want %d", got, want)
		}
		e := recs[0].Event
		if e.Subject != own || e.Actor.OrgID != "BANK1" || e.Purpose != "loan_precheck" || e.Details["n"] != "33" {
			t.Fatalf("event %+v", e)
		}
	})
	t.Run("ErrEnterpriseOther", func(t *testing.T) {
		_, err := svc.Events(ctx, audit.Reader{OrgKind: "enterprise", OrgCode: own}, audit.Query{Subject: "914403001922038204"})
		if !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("err=%v, want Forbidden", err)
		}
	})
	t.Run("ErrEnterpriseAll", func(t *testing.T) {
		if _, err := svc.Events(ctx, audit.Reader{OrgKind: "enterprise", OrgCode: own}, audit.Query{}); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("err=%v, want Forbidden", err)
		}
	})
	t.Run("OKInstitutionOwnActions", func(t *testing.T) {
		recs, err := svc.Events(ctx, audit.Reader{OrgKind: "institution", OrgID: "BANK0"}, audit.Query{ActorOrgID: "BANK0", Limit: 5})
		if err != nil || len(recs) != 5 {
			t.Fatalf("%d events, %v", len(recs), err)
		}
		more, err := svc.Events(ctx, audit.Reader{OrgKind: "institution", OrgID: "BANK0"}, audit.Query{ActorOrgID: "BANK0", Before: recs[4].Index, Limit: 100})
		if err != nil || len(more) != 15 || more[0].Index != recs[4].Index-2 {
			t.Fatalf("next page: %d events, %v", len(more), err)
		}
	})
	t.Run("ErrInstitutionOther", func(t *testing.T) {
		if _, err := svc.Events(ctx, audit.Reader{OrgKind: "institution", OrgID: "BANK0"}, audit.Query{ActorOrgID: "BANK1"}); !apperr.Is(err, apperr.Forbidden) {
			t.Fatalf("err=%v, want Forbidden", err)
		}
	})
	t.Run("ErrUnknownReader", func(t *testing.T) {
		for _, r := range []audit.Reader{{}, {OrgKind: "provider"}, {OrgKind: "enterprise"}} {
			if _, err := svc.Events(ctx, r, audit.Query{ActorOrgID: ""}); !apperr.Is(err, apperr.Forbidden) {
				t.Fatalf("reader %+v: err=%v, want Forbidden", r, err)
			}
		}
	})
	t.Run("OKRegulator", func(t *testing.T) {
		recs, err := svc.Events(ctx, audit.Reader{OrgKind: "regulator"}, audit.Query{Limit: 1000})
		if err != nil || len(recs) != 40 {
			t.Fatalf("%d events, %v", len(recs), err)
		}
	})
}
