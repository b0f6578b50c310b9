// SPDX-License-Identifier: Apache-2.0

package sqlstore_test

import (
	"context"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// An application round-trips with its documents, and an update from a
// status that is no longer stored is a Conflict.
func TestStore_OnboardApplication(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	now := time.Date(2026, 3, 1, 1, 0, 0, 0, time.UTC)
	org := access.Organization{ID: id.New(), Kind: access.OrgInstitution, Name: "测试银行", Status: access.OrgActive, CreatedAt: now}
	if err := s.CreateOrganization(ctx, org); err != nil {
		t.Fatal(err)
	}
	a := onboard.Application{ID: id.New(), InstitutionOrgID: org.ID, InstitutionType: onboard.TypeBank, LicenceNumber: "B1",
		ContactName: "李", ContactPhone: "1", Status: onboard.StatusApplied, CreatedAt: now, UpdatedAt: now}
	err := s.OnboardTx(ctx, func(tx onboard.Tx) error { return tx.CreateApplication(ctx, a) })
	if err != nil {
		t.Fatal(err)
	}
	if got := s.OnboardTx(ctx, func(tx onboard.Tx) error { return tx.CreateApplication(ctx, a) }); apperr.CodeOf(got) != apperr.Conflict {
		t.Fatalf("second create: %v, want conflict", got)
	}
	a.Status = onboard.StatusAssessed
	a.Assessment = &onboard.Assessment{Result: onboard.ResultPass, AssessedAt: now, ExpiresAt: now.AddDate(1, 0, 0),
		Checks: []onboard.CheckResult{{Code: "mlps_filing", Evidence: "备案号 1", Result: onboard.ResultPass}}}
	if err := s.OnboardTx(ctx, func(tx onboard.Tx) error { return tx.UpdateApplication(ctx, a, onboard.StatusApplied) }); err != nil {
		t.Fatal(err)
	}
	stale := s.OnboardTx(ctx, func(tx onboard.Tx) error { return tx.UpdateApplication(ctx, a, onboard.StatusApplied) })
	if got, want := apperr.CodeOf(stale), apperr.Conflict; got != want {
		t.Fatalf("stale update: %v, want %s", stale, want)
	}
	got, err := s.FindApplicationByOrg(ctx, org.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != onboard.StatusAssessed || got.Assessment == nil || !got.Assessment.ExpiresAt.Equal(a.Assessment.ExpiresAt) ||
		got.Assessment.Checks[0].Evidence != "备案号 1" || got.Agreement != nil {
		t.Fatalf("read back %+v", got)
	}
	list, err := s.FindApplications(ctx, onboard.Filter{Status: onboard.StatusAssessed})
	if err != nil || len(list) != 1 {
		t.Fatalf("FindApplications=%d, %v; want 1", len(list), err)
	}
	if list, _ := s.FindApplications(ctx, onboard.Filter{Status: onboard.StatusLive}); len(list) != 0 {
		t.Fatalf("FindApplications(live)=%d, want 0", len(list))
	}
	// The day's counter never passes the quota; another day is separate.
	for i, want := range []bool{true, true, false} {
		ok, err := s.TakeQuota(ctx, org.ID, "2026-03-01", 2, 5)
		if err != nil || ok != want {
			t.Fatalf("take %d: %v, %v; want %v", i, ok, err, want)
		}
	}
	if ok, err := s.TakeQuota(ctx, org.ID, "2026-03-02", 5, 5); err != nil || !ok {
		t.Fatalf("next day: %v, %v", ok, err)
	}
}
