// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/access"
)

// CreateSession inserts a session row.
func (s *Store) CreateSession(ctx context.Context, st access.StoredSession) error {
	_, err := s.exec(ctx, `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, expires_at, ip, user_agent)
		VALUES (?, ?, ?, ?, ?, ?, ?)`, st.TokenHash, st.UserID, st.CSRFToken, ts(st.CreatedAt), ts(st.ExpiresAt), st.IP, st.UserAgent)
	return s.wrap("create session", err)
}

// FindSession reads a session with its user and organization in one query:
// it runs on every request of a signed-in browser.
func (s *Store) FindSession(ctx context.Context, tokenHash string) (access.StoredSession, access.User, access.Organization, error) {
	var (
		st access.StoredSession
		u  userRow
		o  orgRow
	)
	dest := append(u.dest(), o.dest()...)
	dest = append(dest, &st.TokenHash, &st.UserID, &st.CSRFToken, scanTime{&st.CreatedAt}, scanTime{&st.ExpiresAt}, &st.IP, &st.UserAgent)
	err := s.queryRow(ctx, `SELECT `+userCols+`, `+orgCols+`,
			se.token_hash, se.user_id, se.csrf_token, se.created_at, se.expires_at, se.ip, se.user_agent
		FROM sessions se JOIN users u ON u.id = se.user_id JOIN organizations o ON o.id = u.org_id
		WHERE se.token_hash = ?`, tokenHash).Scan(dest...)
	return st, u.get(), o.get(), s.wrap("find session", err)
}

// UpdateSessionExpiry moves a session's expiry (sliding sessions).
func (s *Store) UpdateSessionExpiry(ctx context.Context, tokenHash string, expiresAt time.Time) error {
	res, err := s.exec(ctx, "UPDATE sessions SET expires_at = ? WHERE token_hash = ?", ts(expiresAt), tokenHash)
	return s.accessAffected("update session expiry", res, err)
}

// DeleteSession deletes one session; deleting a missing one is no error.
func (s *Store) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := s.exec(ctx, "DELETE FROM sessions WHERE token_hash = ?", tokenHash)
	return s.wrap("delete session", err)
}

// DeleteUserSessions deletes every session of a user.
func (s *Store) DeleteUserSessions(ctx context.Context, userID string) error {
	_, err := s.exec(ctx, "DELETE FROM sessions WHERE user_id = ?", userID)
	return s.wrap("delete sessions of user "+userID, err)
}

const failureCols = "username, ip, failures, last_failed_at, locked_until"

func scanFailure(r accessScanner) (access.LoginFailure, error) {
	var f access.LoginFailure
	err := r.Scan(&f.Username, &f.IP, &f.Failures, scanTime{&f.LastFailedAt}, scanTime{&f.LockedUntil})
	return f, err
}

// FindLoginFailure returns the failure count of a user name and address.
// It reads from the writer so that a lock written a moment ago is seen.
func (s *Store) FindLoginFailure(ctx context.Context, username, ip string) (access.LoginFailure, error) {
	f, err := scanFailure(s.db.QueryRowContext(ctx, s.d.Rebind("SELECT "+failureCols+
		" FROM login_failures WHERE username = ? AND ip = ?"), username, ip))
	return f, s.wrap("find login failures", err)
}

// AddLoginFailure counts one failure in a single statement, so that
// concurrent attempts from several processes are all counted.
func (s *Store) AddLoginFailure(ctx context.Context, username, ip string, at, resetBefore time.Time) (access.LoginFailure, error) {
	f, err := scanFailure(s.db.QueryRowContext(ctx, s.d.Rebind(`INSERT INTO login_failures
			(username, ip, failures, first_failed_at, last_failed_at) VALUES (?, ?, 1, ?, ?)
		ON CONFLICT (username, ip) DO UPDATE SET
			failures = CASE WHEN login_failures.last_failed_at < ? THEN 1 ELSE login_failures.failures + 1 END,
			first_failed_at = CASE WHEN login_failures.last_failed_at < ? THEN excluded.first_failed_at ELSE login_failures.first_failed_at END,
			locked_until = CASE WHEN login_failures.last_failed_at < ? THEN NULL ELSE login_failures.locked_until END,
			last_failed_at = excluded.last_failed_at
		RETURNING `+failureCols), username, ip, ts(at), ts(at), ts(resetBefore), ts(resetBefore), ts(resetBefore)))
	return f, s.wrap("add login failure", err)
}

// LockLogin locks a user name for an address until a time.
func (s *Store) LockLogin(ctx context.Context, username, ip string, until time.Time) error {
	res, err := s.exec(ctx, "UPDATE login_failures SET locked_until = ? WHERE username = ? AND ip = ?", ts(until), username, ip)
	return s.accessAffected("lock login", res, err)
}

// DeleteLoginFailures forgets the failures of a user name and address.
func (s *Store) DeleteLoginFailures(ctx context.Context, username, ip string) error {
	_, err := s.exec(ctx, "DELETE FROM login_failures WHERE username = ? AND ip = ?", username, ip)
	return s.wrap("delete login failures", err)
}

// DeleteExpiredAccess deletes sessions and tokens expired at t and login
// failures last seen before failuresBefore, in one transaction.
func (s *Store) DeleteExpiredAccess(ctx context.Context, t, failuresBefore time.Time) (int64, error) {
	var total int64
	err := s.Tx(ctx, func(tx *Tx) error {
		for _, q := range []struct {
			sql string
			arg ts
		}{
			{"DELETE FROM sessions WHERE expires_at <= ?", ts(t)},
			{"DELETE FROM access_tokens WHERE expires_at <= ?", ts(t)},
			{"DELETE FROM login_failures WHERE last_failed_at < ?", ts(failuresBefore)},
		} {
			res, err := tx.Exec(ctx, q.sql, q.arg)
			if err != nil {
				return s.wrap("delete expired access", err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return s.wrap("delete expired access", err)
			}
			total += n
		}
		return nil
	})
	return total, err
}
