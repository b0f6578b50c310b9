// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/rights"
)

const objectionCols = `id, uscc, enterprise_org_id, record_id, item_code, provider_code, provider_org_id, reasons, evidence,
	status, due_at, escalated, outcome, outcome_note, note, filed_by, decided_by, created_at, updated_at, decided_at`

const repairCols = `id, uscc, enterprise_org_id, record_id, item_code, provider_code, provider_org_id, evidence, commitment,
	status, due_at, escalated, decision_note, filed_by, decided_by, created_at, updated_at, decided_at`

// flag writes a bool into an INTEGER column the same way on both engines
// (PostgreSQL does not cast a boolean parameter to an integer column).
func flag(b bool) int {
	if b {
		return 1
	}
	return 0
}

func scanObjection(r accessScanner) (rights.Objection, error) {
	var o rights.Objection
	err := r.Scan(&o.ID, &o.USCC, &o.EnterpriseOrg, &o.RecordID, &o.Item, &o.ProviderCode, &o.ProviderOrg, &o.Reasons,
		&o.Evidence, &o.Status, scanTime{&o.DueAt}, &o.Escalated, &o.Outcome, &o.OutcomeNote, &o.Note, &o.FiledBy,
		&o.DecidedBy, scanTime{&o.CreatedAt}, scanTime{&o.UpdatedAt}, scanTime{&o.DecidedAt})
	return o, err
}

func scanRepair(r accessScanner) (rights.Repair, error) {
	var x rights.Repair
	err := r.Scan(&x.ID, &x.USCC, &x.EnterpriseOrg, &x.RecordID, &x.Item, &x.ProviderCode, &x.ProviderOrg, &x.Evidence,
		&x.Commitment, &x.Status, scanTime{&x.DueAt}, &x.Escalated, &x.DecisionNote, &x.FiledBy, &x.DecidedBy,
		scanTime{&x.CreatedAt}, scanTime{&x.UpdatedAt}, scanTime{&x.DecidedAt})
	return x, err
}

// RightsTx implements rights.Store: fn runs in one write transaction.
func (s *Store) RightsTx(ctx context.Context, fn func(tx rights.Tx) error) error {
	return s.Tx(ctx, func(tx *Tx) error { return fn(tx) })
}

// RecordMarks implements rights.Store and gate.Marks: one read of the
// primary key's prefix (uscc).
func (s *Store) RecordMarks(ctx context.Context, uscc string) (map[string]gate.Mark, error) {
	rows, err := s.query(ctx, `SELECT record_id, disputed, repaired, note FROM record_marks WHERE uscc = ?`, uscc)
	if err != nil {
		return nil, s.wrap("record marks", err)
	}
	defer rows.Close()
	out := map[string]gate.Mark{}
	for rows.Next() {
		var id string
		var m gate.Mark
		if err := rows.Scan(&id, &m.Disputed, &m.Repaired, &m.Note); err != nil {
			return nil, s.wrap("record marks", err)
		}
		out[id] = m
	}
	return out, s.wrap("record marks", rows.Err())
}

// forUpdate locks the row on PostgreSQL; SQLite's write transaction
// already holds the single write lock.
func (tx *Tx) forUpdate(q string) string {
	if tx.s.d.Name() == "postgres" {
		return q + " FOR UPDATE"
	}
	return q
}

// FindObjectionForUpdate implements rights.Tx.
func (tx *Tx) FindObjectionForUpdate(ctx context.Context, id string) (rights.Objection, error) {
	o, err := scanObjection(tx.QueryRow(ctx, tx.forUpdate("SELECT "+objectionCols+" FROM objections WHERE id = ?"), id))
	return o, tx.s.wrap("find objection "+id, err)
}

// FindRepairForUpdate implements rights.Tx.
func (tx *Tx) FindRepairForUpdate(ctx context.Context, id string) (rights.Repair, error) {
	r, err := scanRepair(tx.QueryRow(ctx, tx.forUpdate("SELECT "+repairCols+" FROM repairs WHERE id = ?"), id))
	return r, tx.s.wrap("find repair "+id, err)
}

// OpenObjection implements rights.Tx.
func (tx *Tx) OpenObjection(ctx context.Context, recordID string) (string, error) {
	return tx.openCase(ctx, `SELECT id FROM objections WHERE record_id = ? AND status IN ('filed', 'accepted', 'provider_check')`, recordID)
}

// OpenRepair implements rights.Tx.
func (tx *Tx) OpenRepair(ctx context.Context, recordID string) (string, error) {
	return tx.openCase(ctx, `SELECT id FROM repairs WHERE record_id = ? AND status IN ('pending', 'granted')`, recordID)
}

func (tx *Tx) openCase(ctx context.Context, q, recordID string) (string, error) {
	var id string
	err := tx.QueryRow(ctx, q+" LIMIT 1", recordID).Scan(&id)
	if err == sql.ErrNoRows {
		return "", nil
	}
	return id, tx.s.wrap("open case", err)
}

// CreateObjection implements rights.Tx.
func (tx *Tx) CreateObjection(ctx context.Context, o rights.Objection) error {
	_, err := tx.Exec(ctx, `INSERT INTO objections (`+objectionCols+`) VALUES (`+placeholders(20)+`)`,
		o.ID, o.USCC, o.EnterpriseOrg, o.RecordID, o.Item, o.ProviderCode, o.ProviderOrg, o.Reasons, o.Evidence,
		o.Status, ts(o.DueAt), flag(o.Escalated), o.Outcome, o.OutcomeNote, o.Note, o.FiledBy, o.DecidedBy,
		ts(o.CreatedAt), ts(o.UpdatedAt), ts(o.DecidedAt))
	return tx.s.wrap("create objection", err)
}

// UpdateObjection implements rights.Tx.
func (tx *Tx) UpdateObjection(ctx context.Context, o rights.Objection) error {
	return tx.updated(ctx, "update objection "+o.ID, `UPDATE objections SET status = ?, due_at = ?, escalated = ?, outcome = ?,
		outcome_note = ?, note = ?, decided_by = ?, updated_at = ?, decided_at = ? WHERE id = ?`,
		o.Status, ts(o.DueAt), flag(o.Escalated), o.Outcome, o.OutcomeNote, o.Note, o.DecidedBy, ts(o.UpdatedAt), ts(o.DecidedAt), o.ID)
}

// CreateRepair implements rights.Tx.
func (tx *Tx) CreateRepair(ctx context.Context, r rights.Repair) error {
	_, err := tx.Exec(ctx, `INSERT INTO repairs (`+repairCols+`) VALUES (`+placeholders(18)+`)`,
		r.ID, r.USCC, r.EnterpriseOrg, r.RecordID, r.Item, r.ProviderCode, r.ProviderOrg, r.Evidence, r.Commitment,
		r.Status, ts(r.DueAt), flag(r.Escalated), r.DecisionNote, r.FiledBy, r.DecidedBy,
		ts(r.CreatedAt), ts(r.UpdatedAt), ts(r.DecidedAt))
	return tx.s.wrap("create repair", err)
}

// UpdateRepair implements rights.Tx.
func (tx *Tx) UpdateRepair(ctx context.Context, r rights.Repair) error {
	return tx.updated(ctx, "update repair "+r.ID, `UPDATE repairs SET status = ?, due_at = ?, escalated = ?, decision_note = ?,
		decided_by = ?, updated_at = ?, decided_at = ? WHERE id = ?`,
		r.Status, ts(r.DueAt), flag(r.Escalated), r.DecisionNote, r.DecidedBy, ts(r.UpdatedAt), ts(r.DecidedAt), r.ID)
}

func (tx *Tx) updated(ctx context.Context, op, q string, args ...any) error {
	res, err := tx.Exec(ctx, q, args...)
	if err != nil {
		return tx.s.wrap(op, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return tx.s.wrap(op, sql.ErrNoRows)
	}
	return nil
}

// SetDisputed implements rights.Tx: an upsert of the dispute columns only.
func (tx *Tx) SetDisputed(ctx context.Context, uscc, recordID string, disputed bool, note string, at time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO record_marks (uscc, record_id, disputed, repaired, note, updated_at) VALUES (?, ?, ?, 0, ?, ?)
		ON CONFLICT (uscc, record_id) DO UPDATE SET disputed = excluded.disputed,
		note = CASE WHEN excluded.note <> '' THEN excluded.note ELSE record_marks.note END, updated_at = excluded.updated_at`,
		uscc, recordID, flag(disputed), note, ts(at))
	return tx.s.wrap("set dispute mark", err)
}

// SetRepaired implements rights.Tx: an upsert of the repair column only.
func (tx *Tx) SetRepaired(ctx context.Context, uscc, recordID string, at time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO record_marks (uscc, record_id, disputed, repaired, note, updated_at) VALUES (?, ?, 0, 1, '', ?)
		ON CONFLICT (uscc, record_id) DO UPDATE SET repaired = 1, updated_at = excluded.updated_at`, uscc, recordID, ts(at))
	return tx.s.wrap("set repair mark", err)
}

// AddNotifications implements rights.Tx.
func (tx *Tx) AddNotifications(ctx context.Context, ns ...rights.Notification) error {
	for _, n := range ns {
		if _, err := tx.Exec(ctx, `INSERT INTO notifications (id, org_id, uscc, kind, case_id, text, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			n.ID, n.OrgID, n.USCC, n.Kind, n.CaseID, n.Text, ts(n.CreatedAt)); err != nil {
			return tx.s.wrap("add notification", err)
		}
	}
	return nil
}

// FindObjection implements rights.Store.
func (s *Store) FindObjection(ctx context.Context, id string) (rights.Objection, error) {
	o, err := scanObjection(s.queryRow(ctx, "SELECT "+objectionCols+" FROM objections WHERE id = ?", id))
	return o, s.wrap("find objection "+id, err)
}

// FindRepair implements rights.Store.
func (s *Store) FindRepair(ctx context.Context, id string) (rights.Repair, error) {
	r, err := scanRepair(s.queryRow(ctx, "SELECT "+repairCols+" FROM repairs WHERE id = ?", id))
	return r, s.wrap("find repair "+id, err)
}

// caseWhere is the WHERE clause and arguments of a filter.
func caseWhere(f rights.Filter) (string, []any) {
	var where []string
	var args []any
	for _, c := range []struct{ col, v string }{{"uscc", f.USCC}, {"provider_org_id", f.ProviderOrg}, {"status", string(f.Status)}} {
		if c.v != "" {
			where = append(where, c.col+" = ?")
			args = append(args, c.v)
		}
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	q := ""
	if len(where) > 0 {
		q = " WHERE " + strings.Join(where, " AND ")
	}
	return q + " ORDER BY created_at DESC, id DESC LIMIT ?", append(args, limit)
}

// FindObjections implements rights.Store, newest first.
func (s *Store) FindObjections(ctx context.Context, f rights.Filter) ([]rights.Objection, error) {
	q, args := caseWhere(f)
	return collectRows(s, ctx, "find objections", "SELECT "+objectionCols+" FROM objections"+q, scanObjection, args...)
}

// FindRepairs implements rights.Store, newest first.
func (s *Store) FindRepairs(ctx context.Context, f rights.Filter) ([]rights.Repair, error) {
	q, args := caseWhere(f)
	return collectRows(s, ctx, "find repairs", "SELECT "+repairCols+" FROM repairs"+q, scanRepair, args...)
}

// FindOverdue implements rights.Store; the partial due indexes serve it.
func (s *Store) FindOverdue(ctx context.Context, at time.Time, limit int) ([]rights.Objection, []rights.Repair, error) {
	os, err := collectRows(s, ctx, "find overdue objections", "SELECT "+objectionCols+` FROM objections
		WHERE escalated = 0 AND status IN ('filed', 'accepted', 'provider_check') AND due_at <= ? ORDER BY due_at LIMIT ?`,
		scanObjection, ts(at), limit)
	if err != nil {
		return nil, nil, err
	}
	rs, err := collectRows(s, ctx, "find overdue repairs", "SELECT "+repairCols+` FROM repairs
		WHERE escalated = 0 AND status = 'pending' AND due_at <= ? ORDER BY due_at LIMIT ?`, scanRepair, ts(at), limit)
	return os, rs, err
}

// FindNotifications implements rights.Store, newest first.
func (s *Store) FindNotifications(ctx context.Context, orgIDs []string, limit int) ([]rights.Notification, error) {
	args := make([]any, 0, len(orgIDs)+1)
	for _, o := range orgIDs {
		args = append(args, o)
	}
	return collectRows(s, ctx, "find notifications", `SELECT id, org_id, uscc, kind, case_id, text, created_at, read_at, channels
		FROM notifications WHERE org_id IN (`+placeholders(len(orgIDs))+`) ORDER BY created_at DESC, id DESC LIMIT ?`,
		func(r accessScanner) (rights.Notification, error) {
			var n rights.Notification
			err := r.Scan(&n.ID, &n.OrgID, &n.USCC, &n.Kind, &n.CaseID, &n.Text, scanTime{&n.CreatedAt}, scanTime{&n.ReadAt}, &n.Channels)
			return n, err
		}, append(args, limit)...)
}

// collectRows runs a read and scans every row.
func collectRows[T any](s *Store, ctx context.Context, op, q string, scan func(accessScanner) (T, error), args ...any) ([]T, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, s.wrap(op, err)
		}
		out = append(out, v)
	}
	return out, s.wrap(op, rows.Err())
}
