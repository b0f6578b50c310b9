// SPDX-License-Identifier: Apache-2.0

package sqlstore_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// TestStore_Authorizations round-trips an authorization through create,
// the three lookups, update and the lapse query, on the selected backend.
func TestStore_Authorizations(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	t0 := time.Date(2026, 3, 1, 8, 0, 0, 123456000, time.UTC)
	ent := access.Organization{ID: id.New(), Kind: access.OrgEnterprise, Name: "企业", Code: "91640104MA7X00011A", Status: access.OrgActive, CreatedAt: t0}
	bank := access.Organization{ID: id.New(), Kind: access.OrgInstitution, Name: "银行", Status: access.OrgActive, CreatedAt: t0}
	for _, o := range []access.Organization{ent, bank} {
		if err := s.CreateOrganization(ctx, o); err != nil {
			t.Fatal(err)
		}
	}
	a := consent.Authorization{ID: id.New(), EnterpriseUSCC: ent.Code, EnterpriseOrgID: ent.ID, InstitutionOrgID: bank.ID,
		Scope: []string{"SOC.CBJF", "TAX"}, Purpose: consent.PurposePreLoan, Mode: consent.ModePeriod,
		ValidFrom: t0, ValidUntil: t0.Add(24 * time.Hour), Status: consent.StatusRequested, RequestedBy: "U1",
		CreatedAt: t0, UpdatedAt: t0}
	if err := s.ConsentTx(ctx, func(tx consent.Tx) error { return tx.CreateAuthorization(ctx, a) }); err != nil {
		t.Fatal(err)
	}
	got, err := s.FindAuthorizationByID(ctx, a.ID)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(got.Scope, " ") != "SOC.CBJF TAX" || !got.ValidFrom.Equal(t0) || !got.DecidedAt.IsZero() || got.Status != consent.StatusRequested {
		t.Fatalf("FindAuthorizationByID=%+v", got)
	}
	for _, f := range []consent.Filter{{EnterpriseOrgID: ent.ID}, {InstitutionOrgID: bank.ID, EnterpriseUSCC: ent.Code},
		{Status: consent.StatusRequested}, {}} {
		if as, err := s.FindAuthorizations(ctx, f); err != nil || len(as) != 1 {
			t.Fatalf("FindAuthorizations(%+v)=%d, %v; want 1", f, len(as), err)
		}
	}
	if as, err := s.FindAuthorizations(ctx, consent.Filter{InstitutionOrgID: ent.ID}); err != nil || len(as) != 0 {
		t.Fatalf("FindAuthorizations(other)=%d, %v; want 0", len(as), err)
	}
	a.Status, a.GrantedBy, a.DecidedBy, a.DecidedAt, a.UpdatedAt, a.ReceiptNote = consent.StatusActive, "U2", "U2", t0.Add(time.Minute), t0.Add(time.Minute), "note\n"
	err = s.ConsentTx(ctx, func(tx consent.Tx) error {
		if _, err := tx.FindAuthorizationForUpdate(ctx, a.ID); err != nil {
			return err
		}
		return tx.UpdateAuthorization(ctx, a)
	})
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := s.FindAuthorizationByID(ctx, a.ID); got.Status != consent.StatusActive || got.ReceiptNote != "note\n" || !got.DecidedAt.Equal(a.DecidedAt) {
		t.Fatalf("after update: %+v", got)
	}
	for at, want := range map[time.Time]int{a.ValidUntil.Add(-time.Microsecond): 0, a.ValidUntil: 1} {
		if as, err := s.FindLapsedAuthorizations(ctx, at, 10); err != nil || len(as) != want {
			t.Fatalf("FindLapsedAuthorizations(%s)=%d, %v; want %d", at, len(as), err, want)
		}
	}
	missing := a
	missing.ID = id.New()
	err = s.ConsentTx(ctx, func(tx consent.Tx) error { return tx.UpdateAuthorization(ctx, missing) })
	if apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("update of a missing row: %v, want NotFound", err)
	}
	if _, err := s.FindAuthorizationByID(ctx, missing.ID); apperr.CodeOf(err) != apperr.NotFound {
		t.Fatalf("find missing: %v, want NotFound", err)
	}
}
