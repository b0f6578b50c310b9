// SPDX-License-Identifier: Apache-2.0

package access

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"sync"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Errors the service returns as they are, so that callers can tell them
// apart with errors.Is (the API maps them to OAuth error codes).
var (
	// ErrInvalidCredentials is returned for an unknown user name and for a
	// wrong password alike, so that sign-in does not reveal who has an account.
	ErrInvalidCredentials = apperr.E(apperr.Unauthenticated, "用户名或密码错误 / wrong user name or password", nil)
	// ErrLockedOut is returned while a user name is locked for an address
	// after too many failures, whether or not the password is right.
	ErrLockedOut = apperr.E(apperr.TooMany, "登录失败次数过多，请稍后再试 / too many failed sign-ins, try again later", nil)
	// ErrInvalidClient is OAuth invalid_client: unknown client, wrong secret
	// or revoked client (RFC 6749 §5.2).
	ErrInvalidClient = apperr.E(apperr.Unauthenticated, "invalid_client: 客户端认证失败 / client authentication failed", nil)
	// ErrInvalidScope is OAuth invalid_scope: the scope names a role the
	// client does not hold.
	ErrInvalidScope = apperr.E(apperr.Invalid, "invalid_scope: 申请的权限超出客户端角色 / scope exceeds the client's roles", nil)
	// ErrUnauthorizedClient is OAuth unauthorized_client: the client
	// authenticated but its organization is suspended or revoked.
	ErrUnauthorizedClient = apperr.E(apperr.Forbidden, "unauthorized_client: 客户端所属机构已暂停或撤销 / the client's organization is suspended or revoked", nil)
	// ErrSessionExpired is returned for an unknown, expired or ended session
	// or access token.
	ErrSessionExpired = apperr.E(apperr.Unauthenticated, "登录已失效，请重新登录 / not signed in or session expired", nil)
)

// Options configure a Service. Zero values take the defaults noted.
type Options struct {
	SessionTTL time.Duration // idle (sliding) or total (fixed) session life; default 8h (config.SessionTTL)
	// SlidingSessions extends a session by SessionTTL on use, up to
	// SessionMaxAge after sign-in; otherwise a session ends SessionTTL after
	// sign-in whatever happens.
	SlidingSessions bool
	SessionMaxAge   time.Duration // cap for sliding sessions; default 24h or SessionTTL if longer
	TokenTTL        time.Duration // access token life; default 1h

	MaxFailures   int           // failures per user name and address before a lock; default 5
	FailureWindow time.Duration // failures older than this are forgotten; default 1h
	LockoutBase   time.Duration // first lock; doubles with every further failure; default 1m
	LockoutMax    time.Duration // longest lock; default 30m

	Hasher *Hasher          // default: DefaultPasswordParams, GOMAXPROCS at a time
	Now    func() time.Time // default time.Now; tests inject a clock
}

// Service applies the access rules. It is safe for concurrent use.
type Service struct {
	store Store
	opts  Options
	hash  *Hasher

	dummyOnce sync.Once
	dummy     string // hash of a random secret, verified for unknown names
}

// New returns a Service over store.
func New(store Store, opts Options) *Service {
	if opts.SessionTTL <= 0 {
		opts.SessionTTL = 8 * time.Hour
	}
	if opts.SessionMaxAge <= 0 {
		opts.SessionMaxAge = max(24*time.Hour, opts.SessionTTL)
	}
	if opts.TokenTTL <= 0 {
		opts.TokenTTL = time.Hour
	}
	if opts.MaxFailures <= 0 {
		opts.MaxFailures = 5
	}
	if opts.FailureWindow <= 0 {
		opts.FailureWindow = time.Hour
	}
	if opts.LockoutBase <= 0 {
		opts.LockoutBase = time.Minute
	}
	if opts.LockoutMax <= 0 {
		opts.LockoutMax = 30 * time.Minute
	}
	if opts.Hasher == nil {
		opts.Hasher = NewHasher(DefaultPasswordParams, 0)
	}
	if opts.Now == nil {
		opts.Now = time.Now
	}
	return &Service{store: store, opts: opts, hash: opts.Hasher}
}

// now is the service clock in UTC at the microsecond resolution both
// databases keep, so that what is written compares equal to what is read.
func (s *Service) now() time.Time { return s.opts.Now().UTC().Truncate(time.Microsecond) }

// actor returns the principal in ctx or apperr.Unauthenticated.
func actor(ctx context.Context) (Principal, error) {
	p, ok := PrincipalFrom(ctx)
	if !ok {
		return Principal{}, ErrSessionExpired
	}
	return p, nil
}

// requireManager returns the principal in ctx if it may manage org.
func requireManager(ctx context.Context, org Organization) (Principal, error) {
	p, err := actor(ctx)
	if err != nil {
		return p, err
	}
	if !p.manages(org.ID, org.Kind) {
		return p, apperr.Forbiddenf("无权管理该机构的账号 / you may not manage this organization's accounts")
	}
	return p, nil
}

// newSecret returns 32 random bytes in unpadded base64url (43 characters).
func newSecret() (string, error) {
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("access: random: %w", err)
	}
	return base64.RawURLEncoding.EncodeToString(b[:]), nil
}

// tokenHash is what the database keeps of a session or access token.
// SHA-256 without salt is enough: the token has 256 random bits, so there
// is nothing to guess, and the lookup needs a deterministic key.
func tokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// dummyHash returns a hash to verify against when no account matches, so
// that an unknown name costs the same time as a wrong password.
func (s *Service) dummyHash(ctx context.Context) string {
	s.dummyOnce.Do(func() {
		secret, _ := newSecret()
		// Not tied to this request: a cancelled first caller must not leave
		// the dummy empty for everyone after it.
		s.dummy, _ = s.hash.Hash(context.WithoutCancel(ctx), secret)
	})
	return s.dummy
}
