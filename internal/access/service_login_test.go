// SPDX-License-Identifier: Apache-2.0

package access_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

var meta = access.LoginMeta{IP: "192.0.2.1", UserAgent: "Mozilla/5.0 test"}

func TestService_Login(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, access.Options{SessionTTL: time.Hour})
	u := f.mustUser(t, access.OrgInstitution, "Bank.Officer", access.RoleInstitutionQueryOfficer)
	if got, want := u.Username, "bank.officer"; got != want {
		t.Fatalf("Username=%q, want %q", got, want)
	}
	if u.PasswordHash != "" {
		t.Fatal("CreateUser returned the password hash")
	}

	sess, p, err := f.svc.Login(ctx, " BANK.officer ", testPassword, meta)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(sess.Token), 43; got != want {
		t.Fatalf("len(Token)=%d, want %d (32 bytes base64url)", got, want)
	}
	if sess.CSRFToken == "" || sess.CSRFToken == sess.Token {
		t.Fatalf("CSRFToken=%q", sess.CSRFToken)
	}
	if got, want := sess.ExpiresAt, f.clock.Now().Add(time.Hour); !got.Equal(want) {
		t.Fatalf("ExpiresAt=%v, want %v", got, want)
	}
	if p.Kind != access.PrincipalUser || p.UserID != u.ID || p.OrgID != f.orgs[access.OrgInstitution].ID ||
		p.OrgKind != access.OrgInstitution || !p.Has(access.RoleInstitutionQueryOfficer) || p.Has(access.RoleInstitutionAdmin) {
		t.Fatalf("principal=%+v", p)
	}

	// Only the SHA-256 of the token is stored.
	var stored string
	if err := f.store.DB().QueryRow("SELECT token_hash FROM sessions").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte(sess.Token))
	if got, want := stored, hex.EncodeToString(sum[:]); got != want {
		t.Fatalf("stored token_hash=%q, want sha256 of the token %q", got, want)
	}

	got, p2, err := f.svc.SessionPrincipal(ctx, sess.Token)
	if err != nil {
		t.Fatal(err)
	}
	if got.CSRFToken != sess.CSRFToken || p2.UserID != u.ID || p2.OrgName != f.orgs[access.OrgInstitution].Name {
		t.Fatalf("SessionPrincipal=%+v, %+v", got, p2)
	}
	users, err := f.svc.ListUsers(f.sys, access.UserFilter{OrgID: u.OrgID})
	if err != nil || len(users) != 1 {
		t.Fatalf("ListUsers=%v, %v", users, err)
	}
	if !users[0].LastLoginAt.Equal(f.clock.Now()) || users[0].PasswordHash != "" {
		t.Fatalf("LastLoginAt=%v PasswordHash=%q", users[0].LastLoginAt, users[0].PasswordHash)
	}
}

func TestService_Login_SameErrorForUnknownAndWrong(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, access.Options{})
	f.mustUser(t, access.OrgEnterprise, "ent.admin", access.RoleEnterpriseAdmin)
	_, _, wrong := f.svc.Login(ctx, "ent.admin", testPassword+"x", meta)
	_, _, unknown := f.svc.Login(ctx, "nobody", testPassword, meta)
	wantErr(t, wrong, access.ErrInvalidCredentials)
	wantErr(t, unknown, access.ErrInvalidCredentials)
	if wrong.Error() != unknown.Error() || apperr.Message(wrong) != apperr.Message(unknown) {
		t.Fatalf("errors differ: %q vs %q", wrong, unknown)
	}
	wantCode(t, wrong, apperr.Unauthenticated)
}

func TestService_Login_Lockout(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, access.Options{MaxFailures: 3, LockoutBase: time.Minute, LockoutMax: 10 * time.Minute})
	f.mustUser(t, access.OrgProvider, "tax.submitter", access.RoleProviderSubmitter)
	fail := func(user string) error {
		_, _, err := f.svc.Login(ctx, user, "Wrong-password-1", meta)
		return err
	}
	for i := 0; i < 3; i++ {
		wantErr(t, fail("tax.submitter"), access.ErrInvalidCredentials)
	}
	// Locked: even the right password is refused, without saying whether it was right.
	_, _, err := f.svc.Login(ctx, "tax.submitter", testPassword, meta)
	wantErr(t, err, access.ErrLockedOut)
	wantCode(t, err, apperr.TooMany)
	// Another process sharing the database agrees.
	other := access.New(f.store, access.Options{Now: f.clock.Now, Hasher: access.NewHasher(cheapParams, 1)})
	_, _, err = other.Login(ctx, "tax.submitter", testPassword, meta)
	wantErr(t, err, access.ErrLockedOut)

	// The lock is per user name and address: the same user elsewhere signs in.
	if _, _, err := f.svc.Login(ctx, "tax.submitter", testPassword, access.LoginMeta{IP: "198.51.100.7"}); err != nil {
		t.Fatalf("login from another address: %v", err)
	}
	// Unknown names lock the same way, so locks reveal nothing.
	for i := 0; i < 3; i++ {
		wantErr(t, fail("ghost"), access.ErrInvalidCredentials)
	}
	wantErr(t, fail("ghost"), access.ErrLockedOut)

	// The lock ends after LockoutBase; one more failure locks for twice as long.
	f.clock.Advance(time.Minute)
	wantErr(t, fail("tax.submitter"), access.ErrInvalidCredentials)
	f.clock.Advance(time.Minute + 30*time.Second)
	_, _, err = f.svc.Login(ctx, "tax.submitter", testPassword, meta)
	wantErr(t, err, access.ErrLockedOut)
	f.clock.Advance(30 * time.Second)
	if _, _, err := f.svc.Login(ctx, "tax.submitter", testPassword, meta); err != nil {
		t.Fatalf("login after the lock: %v", err)
	}
	// Success forgets the failures: three more are needed for a new lock.
	for i := 0; i < 2; i++ {
		wantErr(t, fail("tax.submitter"), access.ErrInvalidCredentials)
	}
	if _, _, err := f.svc.Login(ctx, "tax.submitter", testPassword, meta); err != nil {
		t.Fatalf("login after two failures: %v", err)
	}
}

func TestService_Login_FailuresForgottenAfterWindow(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, access.Options{MaxFailures: 3, FailureWindow: 10 * time.Minute})
	f.mustUser(t, access.OrgRegulator, "pboc.viewer", access.RoleRegulatorViewer)
	for i := 0; i < 2; i++ {
		_, _, err := f.svc.Login(ctx, "pboc.viewer", "Wrong-password-1", meta)
		wantErr(t, err, access.ErrInvalidCredentials)
	}
	f.clock.Advance(11 * time.Minute)
	for i := 0; i < 2; i++ {
		_, _, err := f.svc.Login(ctx, "pboc.viewer", "Wrong-password-1", meta)
		wantErr(t, err, access.ErrInvalidCredentials)
	}
	if _, _, err := f.svc.Login(ctx, "pboc.viewer", testPassword, meta); err != nil {
		t.Fatalf("old failures counted: %v", err)
	}
}

func TestService_SessionExpiry(t *testing.T) {
	ctx := context.Background()
	t.Run("Fixed", func(t *testing.T) {
		f := newFixture(t, access.Options{SessionTTL: time.Hour})
		f.mustUser(t, access.OrgOperator, "op.one", access.RoleOperator)
		sess, _ := f.mustLogin(t, "op.one")
		f.clock.Advance(59 * time.Minute)
		if _, _, err := f.svc.SessionPrincipal(ctx, sess.Token); err != nil {
			t.Fatalf("before expiry: %v", err)
		}
		f.clock.Advance(time.Minute)
		_, _, err := f.svc.SessionPrincipal(ctx, sess.Token)
		wantErr(t, err, access.ErrSessionExpired)
		wantCode(t, err, apperr.Unauthenticated)
	})
	t.Run("Sliding", func(t *testing.T) {
		f := newFixture(t, access.Options{SessionTTL: time.Hour, SlidingSessions: true, SessionMaxAge: 3 * time.Hour})
		f.mustUser(t, access.OrgOperator, "op.two", access.RoleOperator)
		sess, _ := f.mustLogin(t, "op.two")
		limit := f.clock.Now().Add(3 * time.Hour)
		for i := 0; i < 4; i++ { // used every 40 minutes: alive past the TTL, up to the 3h cap
			f.clock.Advance(40 * time.Minute)
			got, _, err := f.svc.SessionPrincipal(ctx, sess.Token)
			if err != nil {
				t.Fatalf("use %d: %v", i, err)
			}
			want := f.clock.Now().Add(time.Hour)
			if want.After(limit) {
				want = limit
			}
			if !got.ExpiresAt.Equal(want) {
				t.Fatalf("use %d: ExpiresAt=%v, want %v", i, got.ExpiresAt, want)
			}
		}
		f.clock.Advance(40 * time.Minute) // 3h20m after sign-in: past the cap
		_, _, err := f.svc.SessionPrincipal(ctx, sess.Token)
		wantErr(t, err, access.ErrSessionExpired)
	})
}

func TestService_Logout(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, access.Options{})
	f.mustUser(t, access.OrgEnterprise, "ent.staff", access.RoleEnterpriseStaff)
	sess, _ := f.mustLogin(t, "ent.staff")
	other, _ := f.mustLogin(t, "ent.staff")
	if err := f.svc.Logout(ctx, sess.Token); err != nil {
		t.Fatal(err)
	}
	_, _, err := f.svc.SessionPrincipal(ctx, sess.Token)
	wantErr(t, err, access.ErrSessionExpired)
	if _, _, err := f.svc.SessionPrincipal(ctx, other.Token); err != nil {
		t.Fatalf("logout ended another session: %v", err)
	}
	if err := f.svc.Logout(ctx, sess.Token); err != nil {
		t.Fatalf("second logout: %v", err)
	}
	_, _, err = f.svc.SessionPrincipal(ctx, "not-a-token")
	wantErr(t, err, access.ErrSessionExpired)
}

func TestService_PasswordChangeEndsSessions(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, access.Options{})
	f.mustUser(t, access.OrgInstitution, "bank.admin", access.RoleInstitutionAdmin)
	staff := f.mustUser(t, access.OrgInstitution, "bank.clerk", access.RoleInstitutionApprover)
	clerkSess, clerkCtx := f.mustLogin(t, "bank.clerk")
	_, adminCtx := f.mustLogin(t, "bank.admin")

	wantCode(t, f.svc.SetPassword(adminCtx, staff.ID, "short"), apperr.Invalid)
	wantErr(t, f.svc.ChangePassword(clerkCtx, "Wrong-current-1", "New-password-2026"), access.ErrInvalidCredentials)
	if err := f.svc.SetPassword(adminCtx, staff.ID, "Reset-by-admin-2026"); err != nil {
		t.Fatal(err)
	}
	_, _, err := f.svc.SessionPrincipal(ctx, clerkSess.Token)
	wantErr(t, err, access.ErrSessionExpired)
	_, _, err = f.svc.Login(ctx, "bank.clerk", testPassword, meta)
	wantErr(t, err, access.ErrInvalidCredentials)
	if _, _, err := f.svc.Login(ctx, "bank.clerk", "Reset-by-admin-2026", meta); err != nil {
		t.Fatalf("login with the new password: %v", err)
	}
}

func TestService_SetUserStatus(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, access.Options{})
	admin := f.mustUser(t, access.OrgEnterprise, "ent.admin", access.RoleEnterpriseAdmin)
	staff := f.mustUser(t, access.OrgEnterprise, "ent.staff", access.RoleEnterpriseStaff)
	_, adminCtx := f.mustLogin(t, "ent.admin")
	staffSess, staffCtx := f.mustLogin(t, "ent.staff")

	wantCode(t, f.svc.SetUserStatus(staffCtx, admin.ID, access.UserSuspended), apperr.Forbidden)
	wantCode(t, f.svc.SetUserStatus(adminCtx, admin.ID, access.UserSuspended), apperr.Forbidden)
	wantCode(t, f.svc.SetUserStatus(adminCtx, staff.ID, "deleted"), apperr.Invalid)
	if err := f.svc.SetUserStatus(adminCtx, staff.ID, access.UserSuspended); err != nil {
		t.Fatal(err)
	}
	_, _, err := f.svc.SessionPrincipal(ctx, staffSess.Token)
	wantErr(t, err, access.ErrSessionExpired)
	_, _, err = f.svc.Login(ctx, "ent.staff", testPassword, meta)
	wantCode(t, err, apperr.Forbidden)
	if err := f.svc.SetUserStatus(adminCtx, staff.ID, access.UserActive); err != nil {
		t.Fatal(err)
	}
	if _, _, err := f.svc.Login(ctx, "ent.staff", testPassword, meta); err != nil {
		t.Fatalf("login after reinstatement: %v", err)
	}
}
