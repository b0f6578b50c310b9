// SPDX-License-Identifier: Apache-2.0

package sqlstore_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

var t0 = time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)

// Failures counted from many goroutines at once are all counted: the
// counter is one statement, not a read followed by a write.
func TestAccess_LoginFailures(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	if _, err := s.FindLoginFailure(ctx, "u", "ip"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("err=%v, want NotFound", err)
	}
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := s.AddLoginFailure(ctx, "u", "ip", t0, t0.Add(-time.Hour)); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	f, err := s.FindLoginFailure(ctx, "u", "ip")
	if err != nil {
		t.Fatal(err)
	}
	if got, want := f.Failures, 20; got != want {
		t.Fatalf("Failures=%d, want %d", got, want)
	}
	if err := s.LockLogin(ctx, "u", "ip", t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	f, err = s.FindLoginFailure(ctx, "u", "ip")
	if err != nil || !f.LockedUntil.Equal(t0.Add(time.Minute)) || !f.LastFailedAt.Equal(t0) {
		t.Fatalf("after lock: %+v, %v", f, err)
	}
	// A failure after the window restarts the count and clears the lock.
	later := t0.Add(2 * time.Hour)
	f, err = s.AddLoginFailure(ctx, "u", "ip", later, later.Add(-time.Hour))
	if err != nil {
		t.Fatal(err)
	}
	if f.Failures != 1 || !f.LockedUntil.IsZero() || !f.LastFailedAt.Equal(later) {
		t.Fatalf("after window: %+v", f)
	}
	n, err := s.DeleteExpiredAccess(ctx, later, later.Add(time.Second))
	if err != nil || n != 1 {
		t.Fatalf("DeleteExpiredAccess=%d, %v; want the one failure row", n, err)
	}
}

func TestAccess_OrganizationsAndSessions(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	// Organizations without a code do not collide; equal codes do.
	for i := 0; i < 2; i++ {
		o := access.Organization{ID: id.New(), Kind: access.OrgEnterprise, Name: "无代码企业", Status: access.OrgActive, CreatedAt: t0}
		if err := s.CreateOrganization(ctx, o); err != nil {
			t.Fatalf("organization %d without code: %v", i, err)
		}
	}
	bank := access.Organization{ID: id.New(), Kind: access.OrgInstitution, Name: "银行", Code: "91640000MA76543210", Status: access.OrgActive, CreatedAt: t0}
	if err := s.CreateOrganization(ctx, bank); err != nil {
		t.Fatal(err)
	}
	dup := bank
	dup.ID = id.New()
	if err := s.CreateOrganization(ctx, dup); !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("duplicate code: err=%v, want Conflict", err)
	}
	got, err := s.FindOrganizationByCode(ctx, bank.Code)
	if err != nil || got != bank {
		t.Fatalf("FindOrganizationByCode=%+v, %v; want %+v", got, err, bank)
	}

	u := access.User{ID: id.New(), OrgID: bank.ID, Username: "clerk", DisplayName: "柜员", Status: access.UserActive,
		Roles: []access.Role{access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}, PasswordHash: "$h", CreatedAt: t0}
	if err := s.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	bad := u
	bad.ID, bad.OrgID, bad.Username = id.New(), "missing", "other"
	if err := s.CreateUser(ctx, bad); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("user of a missing organization: err=%v, want Invalid (foreign key)", err)
	}
	st := access.StoredSession{TokenHash: "h1", UserID: u.ID, CSRFToken: "c", CreatedAt: t0, ExpiresAt: t0.Add(time.Hour), IP: "192.0.2.1", UserAgent: "ua"}
	if err := s.CreateSession(ctx, st); err != nil {
		t.Fatal(err)
	}
	gst, gu, gorg, err := s.FindSession(ctx, "h1")
	if err != nil {
		t.Fatal(err)
	}
	if gst != st || gorg != bank || gu.Username != "clerk" || len(gu.Roles) != 2 || gu.Roles[1] != access.RoleInstitutionApprover {
		t.Fatalf("FindSession=%+v %+v %+v", gst, gu, gorg)
	}
	if err := s.UpdateSessionExpiry(ctx, "nope", t0); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("UpdateSessionExpiry(missing): err=%v, want NotFound", err)
	}
	if err := s.DeleteOrganizationCredentials(ctx, bank.ID); err != nil {
		t.Fatal(err)
	}
	if _, _, _, err := s.FindSession(ctx, "h1"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("session after DeleteOrganizationCredentials: err=%v, want NotFound", err)
	}
}
