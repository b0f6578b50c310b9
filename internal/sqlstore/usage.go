// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/usage"
)

// usageCursorName is the row of usage_cursor the aggregation job moves.
const usageCursorName = "audit"

// UsageCursor implements usage.Store.
func (s *Store) UsageCursor(ctx context.Context) (int64, error) {
	var n int64
	err := s.queryRow(ctx, `SELECT next_index FROM usage_cursor WHERE name = ?`, usageCursorName).Scan(&n)
	if err != nil {
		if err = s.wrap("usage cursor", err); apperr.Is(err, apperr.NotFound) {
			return 0, nil
		}
	}
	return n, err
}

// AddUsage implements usage.Store. The counts are added first and the
// cursor is moved last, under a compare on its old value: when another
// process moved it meanwhile, the whole transaction rolls back.
func (s *Store) AddUsage(ctx context.Context, from, to int64, counts []usage.Count) error {
	return s.Tx(ctx, func(tx *Tx) error {
		now := ts(s.Now())
		if _, err := tx.Exec(ctx, `INSERT INTO usage_cursor (name, next_index, updated_at) VALUES (?, 0, ?)
			ON CONFLICT (name) DO NOTHING`, usageCursorName, now); err != nil {
			return s.wrap("usage cursor", err)
		}
		for _, c := range counts {
			if _, err := tx.Exec(ctx, `INSERT INTO usage_counts (month, provider_code, org_id, item_code, purpose, action, accesses)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (month, provider_code, org_id, item_code, purpose, action)
				DO UPDATE SET accesses = usage_counts.accesses + excluded.accesses`,
				c.Month, c.Provider, c.OrgID, c.Item, c.Purpose, c.Action, c.Accesses); err != nil {
				return s.wrap("add usage", err)
			}
		}
		res, err := tx.Exec(ctx, `UPDATE usage_cursor SET next_index = ?, updated_at = ? WHERE name = ? AND next_index = ?`,
			to, now, usageCursorName, from)
		if err != nil {
			return s.wrap("usage cursor", err)
		}
		if n, err := res.RowsAffected(); err != nil || n != 1 {
			return apperr.E(apperr.Conflict, "usage: the cursor is no longer at the batch's start", err)
		}
		return nil
	})
}

// FindUsage implements usage.Store.
func (s *Store) FindUsage(ctx context.Context, month string, providers []string) ([]usage.Count, error) {
	q := `SELECT month, provider_code, org_id, item_code, purpose, action, accesses FROM usage_counts WHERE month = ?`
	args := []any{month}
	if len(providers) > 0 {
		q += ` AND provider_code IN (` + placeholders(len(providers)) + `)`
		for _, p := range providers {
			args = append(args, p)
		}
	}
	rows, err := s.query(ctx, q+` ORDER BY provider_code, org_id, item_code, purpose, action`, args...)
	if err != nil {
		return nil, s.wrap("find usage", err)
	}
	defer rows.Close()
	var out []usage.Count
	for rows.Next() {
		var c usage.Count
		if err := rows.Scan(&c.Month, &c.Provider, &c.OrgID, &c.Item, &c.Purpose, &c.Action, &c.Accesses); err != nil {
			return nil, s.wrap("find usage", err)
		}
		out = append(out, c)
	}
	return out, s.wrap("find usage", rows.Err())
}
