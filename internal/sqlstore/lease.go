// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"time"
)

// TryLease takes or renews the named lease for holder until now+ttl, if it
// is free, expired or already the holder's. It reports whether the holder
// has it.
func (s *Store) TryLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error) {
	now := s.Now()
	res, err := s.exec(ctx, `INSERT INTO job_leases (name, holder, expires_at) VALUES (?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
		WHERE job_leases.expires_at < ? OR job_leases.holder = excluded.holder`,
		name, holder, ts(now.Add(ttl)), ts(now))
	if err != nil {
		return false, s.wrap("lease "+name, err)
	}
	n, err := res.RowsAffected()
	return n == 1, s.wrap("lease "+name, err)
}

// ReleaseLease gives the lease up if holder has it.
func (s *Store) ReleaseLease(ctx context.Context, name, holder string) error {
	_, err := s.exec(ctx, `DELETE FROM job_leases WHERE name = ? AND holder = ?`, name, holder)
	return s.wrap("release lease "+name, err)
}
