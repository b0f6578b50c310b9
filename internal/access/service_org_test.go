// SPDX-License-Identifier: Apache-2.0

package access_test

import (
	"context"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

func TestService_RoleRules(t *testing.T) {
	f := newFixture(t, access.Options{})
	bank, ent := f.orgs[access.OrgInstitution], f.orgs[access.OrgEnterprise]
	f.mustUser(t, access.OrgInstitution, "bank.admin", access.RoleInstitutionAdmin)
	f.mustUser(t, access.OrgInstitution, "bank.clerk", access.RoleInstitutionQueryOfficer)
	f.mustUser(t, access.OrgEnterprise, "ent.admin", access.RoleEnterpriseAdmin)
	f.mustUser(t, access.OrgOperator, "centre.op", access.RoleOperator)
	_, adminCtx := f.mustLogin(t, "bank.admin")
	_, clerkCtx := f.mustLogin(t, "bank.clerk")
	_, opCtx := f.mustLogin(t, "centre.op")

	newUser := func(org access.Organization, name string, roles ...access.Role) access.NewUser {
		return access.NewUser{OrgID: org.ID, Username: name, Roles: roles, Password: testPassword}
	}
	tests := []struct {
		name string
		ctx  context.Context
		in   access.NewUser
		code apperr.Code
	}{
		{"OK_OwnAdmin", adminCtx, newUser(bank, "bank.approver", access.RoleInstitutionApprover), ""},
		{"OK_OperatorAdmin", f.sys, newUser(ent, "ent.staff", access.RoleEnterpriseStaff), ""},
		{"ErrRoleOfOtherKind", f.sys, newUser(bank, "bank.x", access.RoleOperatorAdmin), apperr.Invalid},
		{"ErrOtherOrg", adminCtx, newUser(ent, "ent.y", access.RoleEnterpriseStaff), apperr.Forbidden},
		{"ErrNotAdmin", clerkCtx, newUser(bank, "bank.z", access.RoleInstitutionApprover), apperr.Forbidden},
		{"ErrOperatorNotAdmin", opCtx, newUser(bank, "bank.w", access.RoleInstitutionApprover), apperr.Forbidden},
		{"ErrNoPrincipal", context.Background(), newUser(bank, "bank.v", access.RoleInstitutionApprover), apperr.Unauthenticated},
		{"ErrTaken", f.sys, newUser(bank, "BANK.CLERK", access.RoleInstitutionApprover), apperr.Conflict},
		{"ErrWeakPassword", f.sys, access.NewUser{OrgID: bank.ID, Username: "bank.u", Roles: []access.Role{access.RoleInstitutionApprover}, Password: "1234567890"}, apperr.Invalid},
		{"ErrUnknownOrg", f.sys, access.NewUser{OrgID: "nope", Username: "bank.t", Roles: []access.Role{access.RoleInstitutionApprover}, Password: testPassword}, apperr.NotFound},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := f.svc.CreateUser(tt.ctx, tt.in)
			if got := apperr.CodeOf(err); got != tt.code {
				t.Fatalf("err=%v, want code %q", err, tt.code)
			}
		})
	}

	t.Run("OrganizationsOnlyByOperatorAdmin", func(t *testing.T) {
		_, err := f.svc.CreateOrganization(adminCtx, access.NewOrganization{Kind: access.OrgInstitution, Name: "另一银行"})
		wantCode(t, err, apperr.Forbidden)
		_, err = f.svc.CreateOrganization(opCtx, access.NewOrganization{Kind: access.OrgInstitution, Name: "另一银行"})
		wantCode(t, err, apperr.Forbidden)
		_, err = f.svc.CreateOrganization(f.sys, access.NewOrganization{Kind: access.OrgInstitution, Name: "测试接入机构", Code: "91640000ma76543210"})
		wantCode(t, err, apperr.Conflict) // code compared upper-cased
		_, err = f.svc.CreateOrganization(f.sys, access.NewOrganization{Kind: "bank", Name: "x"})
		wantCode(t, err, apperr.Invalid)
	})
	t.Run("Lists", func(t *testing.T) {
		users, err := f.svc.ListUsers(adminCtx, access.UserFilter{}) // forced to the admin's own organization
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range users {
			if u.OrgID != bank.ID {
				t.Fatalf("institution admin sees user %s of organization %s", u.Username, u.OrgID)
			}
		}
		if got, want := len(users), 3; got != want {
			t.Fatalf("len(users)=%d, want %d", got, want)
		}
		_, err = f.svc.ListUsers(clerkCtx, access.UserFilter{})
		wantCode(t, err, apperr.Forbidden)
		_, err = f.svc.ListOrganizations(adminCtx, access.OrganizationFilter{})
		wantCode(t, err, apperr.Forbidden)
		orgs, err := f.svc.ListOrganizations(opCtx, access.OrganizationFilter{Kind: access.OrgInstitution})
		if err != nil || len(orgs) != 1 || orgs[0].ID != bank.ID {
			t.Fatalf("ListOrganizations=%+v, %v", orgs, err)
		}
		_, err = f.svc.FindOrganization(clerkCtx, ent.ID)
		wantCode(t, err, apperr.Forbidden)
		if o, err := f.svc.FindOrganization(clerkCtx, bank.ID); err != nil || o.Name != bank.Name {
			t.Fatalf("FindOrganization(own)=%+v, %v", o, err)
		}
	})
}

// The demo seeds one organization and one user per kind on every start;
// doing it twice must create nothing new.
func TestService_Ensure_Idempotent(t *testing.T) {
	f := newFixture(t, access.Options{})
	seed := func() (created int) {
		for _, k := range access.OrgKinds() {
			o, oc, err := f.svc.EnsureOrganization(f.sys, access.NewOrganization{Kind: k, Name: "演示" + k.Label("zh"), Code: "DEMO-" + string(k)})
			if err != nil {
				t.Fatalf("EnsureOrganization(%s): %v", k, err)
			}
			u, uc, err := f.svc.EnsureUser(f.sys, access.NewUser{OrgID: o.ID, Username: "demo." + string(k),
				Roles: access.RolesFor(k)[:1], Password: testPassword})
			if err != nil {
				t.Fatalf("EnsureUser(%s): %v", k, err)
			}
			if u.OrgID != o.ID || u.PasswordHash != "" {
				t.Fatalf("EnsureUser=%+v", u)
			}
			for _, c := range []bool{oc, uc} {
				if c {
					created++
				}
			}
		}
		return created
	}
	if got, want := seed(), 10; got != want {
		t.Fatalf("first seed created %d, want %d", got, want)
	}
	if got, want := seed(), 0; got != want {
		t.Fatalf("second seed created %d, want %d", got, want)
	}
	orgs, err := f.svc.ListOrganizations(f.sys, access.OrganizationFilter{})
	if err != nil || len(orgs) != 10 {
		t.Fatalf("organizations=%d, %v; want 5 fixture + 5 demo", len(orgs), err)
	}
	_, _, err = f.svc.EnsureOrganization(f.sys, access.NewOrganization{Kind: access.OrgRegulator, Name: "x", Code: "DEMO-operator"})
	wantCode(t, err, apperr.Conflict)
	_, _, err = f.svc.EnsureUser(f.sys, access.NewUser{OrgID: f.orgs[access.OrgOperator].ID, Username: "demo.provider",
		Roles: []access.Role{access.RoleOperator}, Password: testPassword})
	wantCode(t, err, apperr.Conflict)
	_, _, err = f.svc.EnsureOrganization(f.sys, access.NewOrganization{Kind: access.OrgRegulator, Name: "no code"})
	wantCode(t, err, apperr.Invalid)
	if _, _, err := f.svc.Login(context.Background(), "demo.enterprise", testPassword, meta); err != nil {
		t.Fatalf("demo user cannot sign in: %v", err)
	}
}
