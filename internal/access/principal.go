// SPDX-License-Identifier: Apache-2.0

package access

import (
	"context"
	"slices"
)

// PrincipalKind says what kind of actor a Principal is.
type PrincipalKind string

// The principal kinds.
const (
	PrincipalUser   PrincipalKind = "user"   // a person signed in with a browser session
	PrincipalClient PrincipalKind = "client" // a machine holding an OAuth access token
	// PrincipalSystem is the node acting on its own behalf (command line,
	// start-up seeding). Only cli and app may create it, with
	// SystemPrincipal; HTTP never yields it.
	PrincipalSystem PrincipalKind = "system"
)

// Principal is the authenticated actor of one request: who it is, which
// organization it acts for, and the roles it holds right now. It is
// rebuilt from the database on every request, so a suspension or a role
// change takes effect at once.
type Principal struct {
	Kind        PrincipalKind
	UserID      string // set for PrincipalUser
	ClientID    string // set for PrincipalClient
	Username    string // user name, or the client's name
	DisplayName string
	OrgID       string
	OrgKind     OrgKind
	OrgName     string
	Roles       []Role
}

// SystemPrincipal returns the node's own principal, which holds
// operator_admin. Use it only in cli and app (for example to seed demo
// accounts), never for a request from outside.
func SystemPrincipal() Principal {
	return Principal{Kind: PrincipalSystem, Username: "system", DisplayName: "系统 / system",
		OrgKind: OrgOperator, Roles: []Role{RoleOperatorAdmin}}
}

// IsZero reports whether p is the zero Principal (nobody).
func (p Principal) IsZero() bool { return p.Kind == "" }

// Has reports whether p holds role r.
func (p Principal) Has(r Role) bool { return slices.Contains(p.Roles, r) }

// HasAny reports whether p holds at least one of roles.
func (p Principal) HasAny(roles ...Role) bool {
	for _, r := range roles {
		if p.Has(r) {
			return true
		}
	}
	return false
}

// IsOrgKind reports whether p acts for an organization of kind k.
func (p Principal) IsOrgKind(k OrgKind) bool { return p.OrgKind == k }

// ID returns the user ID or the client ID, for audit records and logs.
func (p Principal) ID() string {
	switch p.Kind {
	case PrincipalUser:
		return p.UserID
	case PrincipalClient:
		return p.ClientID
	}
	return string(p.Kind)
}

// manages reports whether p may manage accounts and clients of the
// organization orgID: the credit centre's administrators may manage every
// organization, an organization's own administrator only that one.
func (p Principal) manages(orgID string, kind OrgKind) bool {
	if p.Has(RoleOperatorAdmin) {
		return true
	}
	admin := AdminRole(kind)
	return admin != "" && p.OrgID == orgID && p.Has(admin)
}

type principalKey struct{}

// WithPrincipal returns ctx carrying p.
func WithPrincipal(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal in ctx, and false if there is none.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok && !p.IsZero()
}
