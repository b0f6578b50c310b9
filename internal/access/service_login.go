// SPDX-License-Identifier: Apache-2.0

package access

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Session is a browser session as handed to the HTTP layer once, at sign-in.
type Session struct {
	// Token is the cookie value: 32 random bytes, base64url. Only its
	// SHA-256 is stored, so it cannot be recovered later.
	Token string
	// CSRFToken must accompany every state-changing request of the session
	// (form field or header); it is stored with the session.
	CSRFToken string
	ExpiresAt time.Time
}

// LoginMeta is where a sign-in comes from: the client address keys the
// failure counter, and both are kept with the session for the user's
// "active sessions" view.
type LoginMeta struct {
	IP        string
	UserAgent string
}

// Login signs a user in with a password and opens a session.
//
// An unknown user name and a wrong password give the same error,
// ErrInvalidCredentials, after the same work (a dummy hash is verified for
// unknown names). After MaxFailures failures for one user name from one
// address within FailureWindow, that pair is locked for LockoutBase,
// doubling with each further failure up to LockoutMax; while locked Login
// returns ErrLockedOut without looking at the password. The counter lives in
// the database so that every process agrees. A right password for a
// suspended account or organization gives Forbidden.
func (s *Service) Login(ctx context.Context, username, password string, meta LoginMeta) (Session, Principal, error) {
	username = NormalizeUsername(username)
	meta.IP = clip(meta.IP, 64)
	meta.UserAgent = clip(meta.UserAgent, 256)
	now := s.now()
	f, err := s.store.FindLoginFailure(ctx, username, meta.IP)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return Session{}, Principal{}, err
	}
	if now.Before(f.LockedUntil) {
		return Session{}, Principal{}, ErrLockedOut
	}
	if len(password) > 4*MaxPasswordLen {
		password = password[:4*MaxPasswordLen] // cannot match; bounds hashing work
	}
	u, err := s.store.FindUserByUsername(ctx, username)
	var ok bool
	switch {
	case err == nil:
		ok, err = s.hash.Verify(ctx, password, u.PasswordHash)
		if err != nil && !apperr.Is(err, apperr.Unavailable) {
			return Session{}, Principal{}, fmt.Errorf("access: login: stored hash of user %s: %w", u.ID, err)
		}
	case apperr.Is(err, apperr.NotFound):
		_, err = s.hash.Verify(ctx, password, s.dummyHash(ctx))
	}
	if err != nil {
		return Session{}, Principal{}, err
	}
	if !ok {
		return Session{}, Principal{}, s.failLogin(ctx, username, meta.IP, now)
	}
	org, err := s.store.FindOrganizationByID(ctx, u.OrgID)
	if err != nil {
		return Session{}, Principal{}, err
	}
	if err := checkActive(u, org); err != nil {
		return Session{}, Principal{}, err
	}
	if err := s.store.DeleteLoginFailures(ctx, username, meta.IP); err != nil {
		return Session{}, Principal{}, err
	}
	if s.hash.NeedsRehash(u.PasswordHash) {
		// Upgrade hashes made with older parameters while we know the password.
		if h, err := s.hash.Hash(ctx, password); err == nil {
			_ = s.store.UpdateUserPassword(ctx, u.ID, h, now)
		}
	}
	sess, err := s.openSession(ctx, u, meta, now)
	if err != nil {
		return Session{}, Principal{}, err
	}
	_ = s.store.UpdateUserLastLogin(ctx, u.ID, now) // informative only
	return sess, userPrincipal(u, org), nil
}

// failLogin counts a failure and locks the pair when the count reaches
// MaxFailures. It returns the error Login reports.
func (s *Service) failLogin(ctx context.Context, username, ip string, now time.Time) error {
	f, err := s.store.AddLoginFailure(ctx, username, ip, now, now.Add(-s.opts.FailureWindow))
	if err != nil {
		return err
	}
	if over := f.Failures - s.opts.MaxFailures; over >= 0 {
		lock := s.opts.LockoutBase << min(over, 20)
		if lock <= 0 || lock > s.opts.LockoutMax {
			lock = s.opts.LockoutMax
		}
		if err := s.store.LockLogin(ctx, username, ip, now.Add(lock)); err != nil {
			return err
		}
	}
	return ErrInvalidCredentials
}

func (s *Service) openSession(ctx context.Context, u User, meta LoginMeta, now time.Time) (Session, error) {
	token, err := newSecret()
	if err != nil {
		return Session{}, err
	}
	csrf, err := newSecret()
	if err != nil {
		return Session{}, err
	}
	st := StoredSession{TokenHash: tokenHash(token), UserID: u.ID, CSRFToken: csrf, CreatedAt: now,
		ExpiresAt: now.Add(s.opts.SessionTTL), IP: meta.IP, UserAgent: meta.UserAgent}
	if err := s.store.CreateSession(ctx, st); err != nil {
		return Session{}, fmt.Errorf("access: create session: %w", err)
	}
	return Session{Token: token, CSRFToken: csrf, ExpiresAt: st.ExpiresAt}, nil
}

// SessionPrincipal returns the session and principal for a session cookie.
// It checks on every call that the session has not expired and that the
// user and the organization are active, so a suspension takes effect on
// the next request. With SlidingSessions the expiry moves forward (written
// at most once per tenth of SessionTTL). Session.Token is the given token.
// Returns ErrSessionExpired (Unauthenticated) for unknown or expired
// sessions, Forbidden for a suspended user or organization.
func (s *Service) SessionPrincipal(ctx context.Context, token string) (Session, Principal, error) {
	if token == "" || len(token) > 128 {
		return Session{}, Principal{}, ErrSessionExpired
	}
	h := tokenHash(token)
	st, u, org, err := s.store.FindSession(ctx, h)
	if apperr.Is(err, apperr.NotFound) {
		return Session{}, Principal{}, ErrSessionExpired
	} else if err != nil {
		return Session{}, Principal{}, err
	}
	now := s.now()
	if !now.Before(st.ExpiresAt) {
		return Session{}, Principal{}, ErrSessionExpired
	}
	if err := checkActive(u, org); err != nil {
		return Session{}, Principal{}, err
	}
	if s.opts.SlidingSessions {
		next := now.Add(s.opts.SessionTTL)
		if limit := st.CreatedAt.Add(s.opts.SessionMaxAge); next.After(limit) {
			next = limit
		}
		if next.Sub(st.ExpiresAt) >= s.opts.SessionTTL/10 {
			if err := s.store.UpdateSessionExpiry(ctx, h, next); err != nil {
				return Session{}, Principal{}, err
			}
			st.ExpiresAt = next
		}
	}
	return Session{Token: token, CSRFToken: st.CSRFToken, ExpiresAt: st.ExpiresAt}, userPrincipal(u, org), nil
}

// Logout ends the session. Ending an unknown session is not an error.
func (s *Service) Logout(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.store.DeleteSession(ctx, tokenHash(token))
}

// PurgeExpired deletes expired sessions and tokens and forgotten login
// failures; a periodic job calls it. Expired rows are already refused, so
// this only keeps the tables small.
func (s *Service) PurgeExpired(ctx context.Context) (int64, error) {
	now := s.now()
	return s.store.DeleteExpiredAccess(ctx, now, now.Add(-s.opts.FailureWindow-s.opts.LockoutMax))
}

func checkActive(u User, org Organization) error {
	if org.Status != OrgActive {
		return apperr.Forbiddenf("所属机构已暂停或撤销 / your organization's access is suspended or revoked")
	}
	if u.Status != UserActive {
		return apperr.Forbiddenf("账号已停用 / this account is suspended")
	}
	return nil
}

func userPrincipal(u User, org Organization) Principal {
	return Principal{Kind: PrincipalUser, UserID: u.ID, Username: u.Username, DisplayName: u.DisplayName,
		OrgID: org.ID, OrgKind: org.Kind, OrgName: org.Name, Roles: append([]Role(nil), u.Roles...)}
}

// clip makes header text safe to store: valid UTF-8 (PostgreSQL refuses
// anything else) and at most n bytes, cut at a character boundary.
func clip(s string, n int) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
