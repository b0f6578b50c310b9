// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/verify"
)

// VerifyTx runs fn in one write transaction after taking the row lock of
// the pair (orgID, uscc): the upsert makes PostgreSQL's concurrent asks
// about one pair wait for each other, so the guard's count and insert are
// one step; SQLite has one writer anyway.
func (s *Store) VerifyTx(ctx context.Context, orgID, uscc string, fn func(tx verify.Tx) error) error {
	return s.Tx(ctx, func(tx *Tx) error {
		if _, err := tx.Exec(ctx, `INSERT INTO verify_locks (org_id, uscc, asks) VALUES (?, ?, 1)
			ON CONFLICT (org_id, uscc) DO UPDATE SET asks = verify_locks.asks + 1`, orgID, uscc); err != nil {
			return s.wrap("verify lock", err)
		}
		return fn(verifyTx{tx})
	})
}

type verifyTx struct{ tx *Tx }

// countedOutcomes are the outcomes the limits count: the asks that reached
// (or are at) the gate.
const countedOutcomes = `outcome IN ('pending', 'answered')`

// CountAsks counts the pair's counted asks on day, with template and in all.
func (t verifyTx) CountAsks(ctx context.Context, orgID, uscc, template, day string) (int, int, error) {
	var with, all int
	err := t.tx.QueryRow(ctx, `SELECT COALESCE(SUM(CASE WHEN template = ? THEN 1 ELSE 0 END), 0), COUNT(*)
		FROM verify_asks WHERE org_id = ? AND uscc = ? AND day = ? AND `+countedOutcomes,
		template, orgID, uscc, day).Scan(&with, &all)
	return with, all, t.tx.s.wrap("count verification asks", err)
}

// AskedParams returns the distinct parameter hashes of the pair's counted
// asks with template since the given time.
func (t verifyTx) AskedParams(ctx context.Context, orgID, uscc, template string, since time.Time) ([]string, error) {
	rows, err := t.tx.Query(ctx, `SELECT DISTINCT params_hash FROM verify_asks
		WHERE org_id = ? AND uscc = ? AND template = ? AND asked_at >= ? AND `+countedOutcomes+` ORDER BY params_hash`,
		orgID, uscc, template, ts(since))
	if err != nil {
		return nil, t.tx.s.wrap("verification params", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var h string
		if err := rows.Scan(&h); err != nil {
			return nil, t.tx.s.wrap("verification params", err)
		}
		out = append(out, h)
	}
	return out, t.tx.s.wrap("verification params", rows.Err())
}

// InsertAsk stores an ask.
func (t verifyTx) InsertAsk(ctx context.Context, a verify.AskRecord) error {
	_, err := t.tx.Exec(ctx, `INSERT INTO verify_asks (id, org_id, user_id, uscc, template, params_hash, purpose, day,
		asked_at, outcome, result, audit_index) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.OrgID, a.UserID, a.USCC, a.Template, a.ParamsHash, a.Purpose, a.Day, ts(a.AskedAt), string(a.Outcome),
		a.Result, -1)
	return t.tx.s.wrap("insert verification ask", err)
}

// InsertAlert stores a threshold-walking alert.
func (t verifyTx) InsertAlert(ctx context.Context, a verify.Alert) error {
	_, err := t.tx.Exec(ctx, `INSERT INTO verify_alerts (id, org_id, user_id, uscc, template, distinct_params,
		window_from, created_at, ask_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.OrgID, a.UserID, a.USCC, a.Template, a.DistinctParams, ts(a.WindowFrom), ts(a.CreatedAt), a.AskID)
	return t.tx.s.wrap("insert verification alert", err)
}

// FinishAsk records how a pending ask ended.
func (s *Store) FinishAsk(ctx context.Context, id string, outcome verify.Outcome, result string, auditIndex int64) error {
	_, err := s.exec(ctx, `UPDATE verify_asks SET outcome = ?, result = ?, audit_index = ? WHERE id = ? AND outcome = 'pending'`,
		string(outcome), result, auditIndex, id)
	return s.wrap("finish verification ask", err)
}

// VerifyAlerts returns alerts matching f, newest first.
func (s *Store) VerifyAlerts(ctx context.Context, f verify.AlertFilter) ([]verify.Alert, error) {
	q := `SELECT id, org_id, user_id, uscc, template, distinct_params, window_from, created_at, ask_id FROM verify_alerts WHERE 1 = 1`
	var args []any
	if f.OrgID != "" {
		q += ` AND org_id = ?`
		args = append(args, f.OrgID)
	}
	if f.USCC != "" {
		q += ` AND uscc = ?`
		args = append(args, f.USCC)
	}
	q += ` ORDER BY created_at DESC, id DESC LIMIT ?`
	args = append(args, f.Limit)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap("verification alerts", err)
	}
	defer rows.Close()
	out := []verify.Alert{}
	for rows.Next() {
		var a verify.Alert
		if err := rows.Scan(&a.ID, &a.OrgID, &a.UserID, &a.USCC, &a.Template, &a.DistinctParams,
			scanTime{&a.WindowFrom}, scanTime{&a.CreatedAt}, &a.AskID); err != nil {
			return nil, s.wrap("verification alerts", err)
		}
		out = append(out, a)
	}
	return out, s.wrap("verification alerts", rows.Err())
}
