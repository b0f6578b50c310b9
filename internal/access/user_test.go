// SPDX-License-Identifier: Apache-2.0

package access_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		name, pw string
		ok       bool
	}{
		{"OK_MixedCase", "CreditCentre", true},
		{"OK_LettersDigits", "xinrong2026a", true},
		{"OK_Chinese", "信融平台密码abc12", true},
		{"OK_Passphrase", "correct horse battery", true},
		{"ErrShort", "Ab1!Ab1!a", false},
		{"ErrAllDigits", "1234567890123", false},
		{"ErrAllLower", "abcdefghijkl", false},
		{"ErrAllUpper", "ABCDEFGHIJKL", false},
		{"ErrAllChinese", "信融融资信用服务平台密码", false},
		{"ErrContainsUsername", "Xx-bank.clerk-1", false},
		{"ErrTooLong", strings.Repeat("aB", 65), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := access.CheckPassword(tt.pw, "bank.clerk")
			if got := err == nil; got != tt.ok {
				t.Fatalf("CheckPassword(%q)=%v, want ok=%v", tt.pw, err, tt.ok)
			}
			if err != nil && apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("code=%q, want invalid", apperr.CodeOf(err))
			}
		})
	}
}

func TestValidateUsername(t *testing.T) {
	for s, ok := range map[string]bool{
		"bank.clerk": true, "zhang_san@icbc": true, "a1b": true, "op-01": true,
		"ab": false, "Bank": false, ".bank": false, "张三": false, "a b": false, strings.Repeat("a", 65): false,
	} {
		if got := access.ValidateUsername(s) == nil; got != ok {
			t.Errorf("ValidateUsername(%q) ok=%v, want %v", s, got, ok)
		}
	}
}

// Every role belongs to exactly one organization kind, every kind but the
// regulator has one administrator role, and labels exist in both languages.
func TestRoles_Table(t *testing.T) {
	seen := map[access.Role]bool{}
	for _, k := range access.OrgKinds() {
		if k.Label("zh") == "" || k.Label("en") == "" {
			t.Errorf("kind %s lacks a label", k)
		}
		for _, r := range access.RolesFor(k) {
			if seen[r] {
				t.Errorf("role %s in two kinds", r)
			}
			seen[r] = true
			if r.Kind() != k || r.Label("zh") == "" || r.Label("en") == "" || r.Label("zh") == r.Label("en") {
				t.Errorf("role %s: kind %s, labels %q/%q", r, r.Kind(), r.Label("zh"), r.Label("en"))
			}
		}
		if got, want := access.AdminRole(k) == "", k == access.OrgRegulator; got != want {
			t.Errorf("AdminRole(%s)=%q", k, access.AdminRole(k))
		}
	}
	if got, want := len(seen), len(access.Roles()); got != want {
		t.Fatalf("%d roles reachable by kind, %d in the table", got, want)
	}
	for _, r := range []access.Role{access.RoleOperatorAdmin, access.RoleOperator, access.RoleProviderSubmitter,
		access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover, access.RoleInstitutionAdmin,
		access.RoleEnterpriseAdmin, access.RoleEnterpriseStaff, access.RoleRegulatorViewer} {
		if !seen[r] {
			t.Errorf("role %s missing", r)
		}
	}
	if err := access.CheckRoles(access.OrgEnterprise, []access.Role{access.RoleEnterpriseStaff, access.RoleEnterpriseStaff}); err == nil {
		t.Error("duplicate roles accepted")
	}
	if got, want := access.FormatRoles(access.ParseRoles(" operator  operator_admin ")), "operator operator_admin"; got != want {
		t.Errorf("FormatRoles(ParseRoles)=%q, want %q", got, want)
	}
}

func TestUser_NeverSerialisesHash(t *testing.T) {
	u := access.User{ID: "U1", Username: "x", PasswordHash: "$argon2id$secret"}
	b, err := json.Marshal(u)
	if err != nil {
		t.Fatal(err)
	}
	c, err := json.Marshal(access.Client{ID: "C1", SecretHash: "$argon2id$secret"})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{string(b), string(c)} {
		if strings.Contains(s, "argon2id") {
			t.Fatalf("JSON leaks the hash: %s", s)
		}
	}
}
