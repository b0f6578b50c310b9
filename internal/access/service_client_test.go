// SPDX-License-Identifier: Apache-2.0

package access_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

func TestService_ClientCredentials(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, access.Options{TokenTTL: 30 * time.Minute})
	bank := f.orgs[access.OrgInstitution]
	c, secret, err := f.svc.CreateClient(f.sys, bank.ID, "信贷审批系统", []access.Role{access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover})
	if err != nil {
		t.Fatal(err)
	}
	if len(secret) != 43 || c.SecretHash != "" {
		t.Fatalf("secret=%q hash=%q", secret, c.SecretHash)
	}
	var stored string
	if err := f.store.DB().QueryRow("SELECT secret_hash FROM api_clients").Scan(&stored); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(stored, "$argon2id$v=19$") || strings.Contains(stored, secret) {
		t.Fatalf("stored secret_hash=%q, want an argon2id PHC string", stored)
	}

	t.Run("OK", func(t *testing.T) {
		tok, err := f.svc.IssueToken(ctx, c.ID, secret, "")
		if err != nil {
			t.Fatal(err)
		}
		if tok.TokenType != "Bearer" || tok.ExpiresIn != 30*time.Minute || tok.Scope != "institution_query_officer institution_approver" {
			t.Fatalf("token=%+v", tok)
		}
		p, err := f.svc.TokenPrincipal(ctx, tok.Token)
		if err != nil {
			t.Fatal(err)
		}
		if p.Kind != access.PrincipalClient || p.ClientID != c.ID || p.OrgID != bank.ID || !p.Has(access.RoleInstitutionApprover) {
			t.Fatalf("principal=%+v", p)
		}
	})
	t.Run("NarrowScope", func(t *testing.T) {
		tok, err := f.svc.IssueToken(ctx, c.ID, secret, "institution_query_officer")
		if err != nil {
			t.Fatal(err)
		}
		p, err := f.svc.TokenPrincipal(ctx, tok.Token)
		if err != nil {
			t.Fatal(err)
		}
		if !p.Has(access.RoleInstitutionQueryOfficer) || p.Has(access.RoleInstitutionApprover) {
			t.Fatalf("roles=%v, want only the requested scope", p.Roles)
		}
	})
	t.Run("ErrInvalidScope", func(t *testing.T) {
		_, err := f.svc.IssueToken(ctx, c.ID, secret, "institution_query_officer institution_admin")
		wantErr(t, err, access.ErrInvalidScope)
	})
	t.Run("ErrInvalidClient", func(t *testing.T) {
		// Change the last character: a fixed replacement would equal the
		// real secret once in 64 runs.
		last := "A"
		if strings.HasSuffix(secret, "A") {
			last = "B"
		}
		_, wrong := f.svc.IssueToken(ctx, c.ID, secret[:len(secret)-1]+last, "")
		_, unknown := f.svc.IssueToken(ctx, "01UNKNOWNCLIENT00000000000", secret, "")
		wantErr(t, wrong, access.ErrInvalidClient)
		wantErr(t, unknown, access.ErrInvalidClient)
		wantCode(t, wrong, apperr.Unauthenticated)
	})
	t.Run("Expired", func(t *testing.T) {
		tok, err := f.svc.IssueToken(ctx, c.ID, secret, "")
		if err != nil {
			t.Fatal(err)
		}
		f.clock.Advance(30 * time.Minute)
		_, err = f.svc.TokenPrincipal(ctx, tok.Token)
		wantErr(t, err, access.ErrSessionExpired)
	})
	t.Run("Revoked", func(t *testing.T) {
		tok, err := f.svc.IssueToken(ctx, c.ID, secret, "")
		if err != nil {
			t.Fatal(err)
		}
		if err := f.svc.RevokeClient(f.sys, c.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.TokenPrincipal(ctx, tok.Token)
		wantErr(t, err, access.ErrSessionExpired)
		_, err = f.svc.IssueToken(ctx, c.ID, secret, "")
		wantErr(t, err, access.ErrInvalidClient)
		cs, err := f.svc.ListClients(f.sys, bank.ID)
		if err != nil || len(cs) != 1 || cs[0].Status != access.ClientRevoked || cs[0].SecretHash != "" {
			t.Fatalf("ListClients=%+v, %v", cs, err)
		}
	})
}

func TestService_CreateClient_Roles(t *testing.T) {
	f := newFixture(t, access.Options{})
	tests := []struct {
		name  string
		kind  access.OrgKind
		roles []access.Role
		code  apperr.Code
	}{
		{"OK", access.OrgProvider, []access.Role{access.RoleProviderSubmitter}, ""},
		{"ErrAdminRole", access.OrgProvider, []access.Role{access.RoleProviderAdmin}, apperr.Invalid},
		{"ErrOtherKind", access.OrgProvider, []access.Role{access.RoleInstitutionQueryOfficer}, apperr.Invalid},
		{"ErrNoRoles", access.OrgInstitution, nil, apperr.Invalid},
		{"ErrUnknownRole", access.OrgInstitution, []access.Role{"superuser"}, apperr.Invalid},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := f.svc.CreateClient(f.sys, f.orgs[tt.kind].ID, "push", tt.roles)
			if got := apperr.CodeOf(err); got != tt.code {
				t.Fatalf("err=%v, want code %q", err, tt.code)
			}
		})
	}
}

func TestService_SuspendOrganization(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, access.Options{})
	bank := f.orgs[access.OrgInstitution]
	f.mustUser(t, access.OrgInstitution, "bank.officer", access.RoleInstitutionQueryOfficer)
	sess, _ := f.mustLogin(t, "bank.officer")
	c, secret, err := f.svc.CreateClient(f.sys, bank.ID, "API", []access.Role{access.RoleInstitutionQueryOfficer})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := f.svc.IssueToken(ctx, c.ID, secret, "")
	if err != nil {
		t.Fatal(err)
	}
	f.mustUser(t, access.OrgOperator, "centre.admin", access.RoleOperatorAdmin)
	_, adminCtx := f.mustLogin(t, "centre.admin")
	wantCode(t, f.svc.SuspendOrganization(adminCtx, f.orgs[access.OrgOperator].ID), apperr.Forbidden)
	if err := f.svc.SuspendOrganization(adminCtx, bank.ID); err != nil {
		t.Fatal(err)
	}

	_, _, err = f.svc.SessionPrincipal(ctx, sess.Token)
	wantCode(t, err, apperr.Unauthenticated)
	_, err = f.svc.TokenPrincipal(ctx, tok.Token)
	wantCode(t, err, apperr.Unauthenticated)
	_, _, err = f.svc.Login(ctx, "bank.officer", testPassword, meta)
	wantCode(t, err, apperr.Forbidden)
	_, err = f.svc.IssueToken(ctx, c.ID, secret, "")
	wantErr(t, err, access.ErrUnauthorizedClient)

	// Reinstating lets people sign in again but revives nothing old.
	if err := f.svc.ReinstateOrganization(adminCtx, bank.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.svc.SessionPrincipal(ctx, sess.Token)
	wantErr(t, err, access.ErrSessionExpired)
	sess2, _ := f.mustLogin(t, "bank.officer")
	if err := f.svc.RevokeOrganization(adminCtx, bank.ID); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.svc.SessionPrincipal(ctx, sess2.Token)
	wantCode(t, err, apperr.Unauthenticated)
	wantCode(t, f.svc.ReinstateOrganization(adminCtx, bank.ID), apperr.Conflict)
}

// The status is checked on every lookup, so a suspension written by any
// process (here straight into the store, with no credential cleanup)
// shuts the organization out at once.
func TestService_SuspendOrganization_CheckedOnEveryRequest(t *testing.T) {
	ctx := context.Background()
	f := newFixture(t, access.Options{})
	prov := f.orgs[access.OrgProvider]
	f.mustUser(t, access.OrgProvider, "tax.clerk", access.RoleProviderSubmitter)
	sess, _ := f.mustLogin(t, "tax.clerk")
	c, secret, err := f.svc.CreateClient(f.sys, prov.ID, "push", []access.Role{access.RoleProviderSubmitter})
	if err != nil {
		t.Fatal(err)
	}
	tok, err := f.svc.IssueToken(ctx, c.ID, secret, "")
	if err != nil {
		t.Fatal(err)
	}
	if err := f.store.UpdateOrganizationStatus(ctx, prov.ID, access.OrgSuspended, f.clock.Now()); err != nil {
		t.Fatal(err)
	}
	_, _, err = f.svc.SessionPrincipal(ctx, sess.Token)
	wantCode(t, err, apperr.Forbidden)
	_, err = f.svc.TokenPrincipal(ctx, tok.Token)
	wantErr(t, err, access.ErrUnauthorizedClient)
}
