// SPDX-License-Identifier: Apache-2.0

package access

import (
	"context"
	"time"
)

// Store persists organizations, accounts, sessions, clients and tokens. It
// only reads and writes; every decision is the Service's. Methods return
// apperr.NotFound for a missing row and apperr.Conflict for a duplicate
// key (user name, organization code, client ID).
type Store interface {
	CreateOrganization(ctx context.Context, o Organization) error
	FindOrganizationByID(ctx context.Context, id string) (Organization, error)
	FindOrganizationByCode(ctx context.Context, code string) (Organization, error)
	FindOrganizations(ctx context.Context, f OrganizationFilter) ([]Organization, error)
	UpdateOrganizationStatus(ctx context.Context, id string, st OrgStatus, at time.Time) error
	// DeleteOrganizationCredentials deletes every session of the
	// organization's users and every token of its clients.
	DeleteOrganizationCredentials(ctx context.Context, orgID string) error

	CreateUser(ctx context.Context, u User) error
	FindUserByID(ctx context.Context, id string) (User, error)
	FindUserByUsername(ctx context.Context, username string) (User, error)
	FindUsers(ctx context.Context, f UserFilter) ([]User, error)
	// UpdateUserPassword replaces the hash; it does not end sessions.
	UpdateUserPassword(ctx context.Context, id, hash string, at time.Time) error
	UpdateUserLastLogin(ctx context.Context, id string, at time.Time) error
	UpdateUserStatus(ctx context.Context, id string, st UserStatus, at time.Time) error

	CreateSession(ctx context.Context, s StoredSession) error
	// FindSession returns the session with the hash, its user and the
	// user's organization, read together.
	FindSession(ctx context.Context, tokenHash string) (StoredSession, User, Organization, error)
	UpdateSessionExpiry(ctx context.Context, tokenHash string, expiresAt time.Time) error
	DeleteSession(ctx context.Context, tokenHash string) error
	DeleteUserSessions(ctx context.Context, userID string) error

	// FindLoginFailure returns NotFound when the pair has no failures.
	FindLoginFailure(ctx context.Context, username, ip string) (LoginFailure, error)
	// AddLoginFailure counts one failure at time at, atomically; the count
	// restarts at 1 (and any lock is cleared) when the previous failure was
	// before resetBefore. It returns the row after the update.
	AddLoginFailure(ctx context.Context, username, ip string, at, resetBefore time.Time) (LoginFailure, error)
	LockLogin(ctx context.Context, username, ip string, until time.Time) error
	DeleteLoginFailures(ctx context.Context, username, ip string) error

	CreateClient(ctx context.Context, c Client) error
	// FindClient returns the client and its organization.
	FindClient(ctx context.Context, clientID string) (Client, Organization, error)
	FindClients(ctx context.Context, orgID string) ([]Client, error)
	UpdateClientStatus(ctx context.Context, clientID string, st ClientStatus, at time.Time) error
	CreateAccessToken(ctx context.Context, t StoredToken) error
	// FindAccessToken returns the token, its client and the client's organization.
	FindAccessToken(ctx context.Context, tokenHash string) (StoredToken, Client, Organization, error)
	DeleteClientTokens(ctx context.Context, clientID string) error

	// DeleteExpiredAccess deletes sessions and tokens that expired before
	// t and login failures last seen before failuresBefore, returning how
	// many rows went.
	DeleteExpiredAccess(ctx context.Context, t, failuresBefore time.Time) (int64, error)
}

// OrganizationFilter selects organizations; empty fields match all.
type OrganizationFilter struct {
	Kind   OrgKind
	Status OrgStatus
	Limit  int // 0 = no limit
}

// UserFilter selects users; empty fields match all.
type UserFilter struct {
	OrgID string
	Limit int // 0 = no limit
}

// StoredSession is a session row: the cookie itself is never stored, only
// its SHA-256 (hex).
type StoredSession struct {
	TokenHash string
	UserID    string
	CSRFToken string
	CreatedAt time.Time
	ExpiresAt time.Time
	IP        string
	UserAgent string
}

// StoredToken is an access token row, keyed by the token's SHA-256 (hex).
type StoredToken struct {
	TokenHash string
	ClientID  string
	Roles     []Role // the granted scope
	CreatedAt time.Time
	ExpiresAt time.Time
}

// LoginFailure counts recent failed sign-ins for one user name from one
// address.
type LoginFailure struct {
	Username     string
	IP           string
	Failures     int
	LastFailedAt time.Time
	LockedUntil  time.Time // zero when not locked
}
