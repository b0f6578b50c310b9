// SPDX-License-Identifier: Apache-2.0

package access

import (
	"log/slog"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// ClientStatus says whether an API client may obtain tokens.
type ClientStatus string

// The client statuses. Revoking is final: a new client gets a new ID.
const (
	ClientActive  ClientStatus = "active"
	ClientRevoked ClientStatus = "revoked"
)

// Client is a machine account of an organization: a provider's system
// pushing records, or an institution's system running authorized queries.
// It authenticates with the OAuth 2.0 client credentials grant (RFC 6749
// §4.4) and acts with the roles it was given, never an administrator's.
type Client struct {
	ID     string // the OAuth client_id
	OrgID  string
	Name   string // what the organization calls the system, e.g. "信贷审批系统"
	Roles  []Role
	Status ClientStatus
	// SecretHash is the argon2id PHC string of the client secret. The
	// service never returns it; it is never serialised or logged.
	SecretHash string `json:"-"`
	CreatedAt  time.Time
}

// LogValue keeps the secret hash out of logs.
func (c Client) LogValue() slog.Value {
	return slog.GroupValue(slog.String("id", c.ID), slog.String("org_id", c.OrgID))
}

// AccessToken is the answer to a client credentials grant. The API writes
// it as RFC 6749 §5.1 JSON: access_token, token_type, expires_in (seconds),
// scope.
type AccessToken struct {
	// Token is opaque: 32 random bytes, base64url; only its SHA-256 is
	// stored, and it is checked against the database on every use, so
	// revoking the client or suspending its organization stops it at once.
	Token     string
	TokenType string // always "Bearer"
	ExpiresIn time.Duration
	Scope     string // the granted roles, space-separated
}

// checkClientRoles applies CheckRoles and refuses administrator roles:
// a stolen machine secret must not be able to open accounts.
func checkClientRoles(k OrgKind, roles []Role) error {
	if err := CheckRoles(k, roles); err != nil {
		return err
	}
	for _, r := range roles {
		if r.Admin() {
			return apperr.Invalidf("roles: 客户端不能持有管理员角色 %s / a client cannot hold the administrator role %s", r.Label("zh"), r)
		}
	}
	return nil
}

func checkClientName(name string) (string, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 64 {
		return "", apperr.Invalidf("name: 客户端名称必填且不超过64字 / required, at most 64 characters")
	}
	return name, nil
}

// grantScope returns the roles a token may carry: all the client's roles
// for an empty scope, else the requested ones, each of which the client
// must hold (RFC 6749 §3.3).
func grantScope(c Client, scope string) ([]Role, error) {
	if strings.TrimSpace(scope) == "" {
		return append([]Role(nil), c.Roles...), nil
	}
	var out []Role
	for _, r := range ParseRoles(scope) {
		if !c.Has(r) {
			return nil, ErrInvalidScope
		}
		if !containsRole(out, r) {
			out = append(out, r)
		}
	}
	return out, nil
}

// Has reports whether the client holds role r.
func (c Client) Has(r Role) bool { return containsRole(c.Roles, r) }

func containsRole(roles []Role, r Role) bool {
	for _, x := range roles {
		if x == r {
			return true
		}
	}
	return false
}
