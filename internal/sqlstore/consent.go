// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/consent"
)

const authCols = `id, enterprise_uscc, enterprise_org_id, institution_org_id, scope, purpose, purpose_text, mode,
	valid_from, valid_until, status, requested_by, granted_by, decided_by, created_at, updated_at, decided_at, receipt_note`

func scanAuthorization(r accessScanner) (consent.Authorization, error) {
	var a consent.Authorization
	var scope string
	err := r.Scan(&a.ID, &a.EnterpriseUSCC, &a.EnterpriseOrgID, &a.InstitutionOrgID, &scope, &a.Purpose, &a.PurposeText,
		&a.Mode, scanTime{&a.ValidFrom}, scanTime{&a.ValidUntil}, &a.Status, &a.RequestedBy, &a.GrantedBy, &a.DecidedBy,
		scanTime{&a.CreatedAt}, scanTime{&a.UpdatedAt}, scanTime{&a.DecidedAt}, &a.ReceiptNote)
	a.Scope = strings.Fields(scope)
	return a, err
}

// ConsentTx implements consent.Store: fn runs in one write transaction.
func (s *Store) ConsentTx(ctx context.Context, fn func(tx consent.Tx) error) error {
	return s.Tx(ctx, func(tx *Tx) error { return fn(tx) })
}

// CreateAuthorization implements consent.Tx.
func (tx *Tx) CreateAuthorization(ctx context.Context, a consent.Authorization) error {
	_, err := tx.Exec(ctx, `INSERT INTO authorizations (`+authCols+`)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.EnterpriseUSCC, a.EnterpriseOrgID, a.InstitutionOrgID, strings.Join(a.Scope, " "), a.Purpose, a.PurposeText,
		a.Mode, ts(a.ValidFrom), ts(a.ValidUntil), a.Status, a.RequestedBy, a.GrantedBy, a.DecidedBy,
		ts(a.CreatedAt), ts(a.UpdatedAt), ts(a.DecidedAt), a.ReceiptNote)
	return tx.s.wrap("create authorization", err)
}

// FindAuthorizationForUpdate implements consent.Tx. On PostgreSQL the row
// is locked with FOR UPDATE; on SQLite the transaction already holds the
// single write lock.
func (tx *Tx) FindAuthorizationForUpdate(ctx context.Context, id string) (consent.Authorization, error) {
	q := "SELECT " + authCols + " FROM authorizations WHERE id = ?"
	if tx.s.d.Name() == "postgres" {
		q += " FOR UPDATE"
	}
	a, err := scanAuthorization(tx.QueryRow(ctx, q, id))
	return a, tx.s.wrap("find authorization "+id, err)
}

// UpdateAuthorization implements consent.Tx.
func (tx *Tx) UpdateAuthorization(ctx context.Context, a consent.Authorization) error {
	res, err := tx.Exec(ctx, `UPDATE authorizations SET status = ?, granted_by = ?, decided_by = ?, decided_at = ?,
		receipt_note = ?, updated_at = ? WHERE id = ?`,
		a.Status, a.GrantedBy, a.DecidedBy, ts(a.DecidedAt), a.ReceiptNote, ts(a.UpdatedAt), a.ID)
	if err != nil {
		return tx.s.wrap("update authorization "+a.ID, err)
	}
	if n, err := res.RowsAffected(); err == nil && n == 0 {
		return tx.s.wrap("update authorization "+a.ID, sql.ErrNoRows)
	}
	return nil
}

// FindAuthorizationByID implements consent.Store.
func (s *Store) FindAuthorizationByID(ctx context.Context, id string) (consent.Authorization, error) {
	a, err := scanAuthorization(s.queryRow(ctx, "SELECT "+authCols+" FROM authorizations WHERE id = ?", id))
	return a, s.wrap("find authorization "+id, err)
}

// FindAuthorizations implements consent.Store, newest first.
func (s *Store) FindAuthorizations(ctx context.Context, f consent.Filter) ([]consent.Authorization, error) {
	var where []string
	var args []any
	for _, c := range []struct {
		col, v string
	}{{"enterprise_org_id", f.EnterpriseOrgID}, {"institution_org_id", f.InstitutionOrgID},
		{"enterprise_uscc", f.EnterpriseUSCC}, {"status", string(f.Status)}} {
		if c.v != "" {
			where = append(where, c.col+" = ?")
			args = append(args, c.v)
		}
	}
	q := "SELECT " + authCols + " FROM authorizations"
	if len(where) > 0 {
		q += " WHERE " + strings.Join(where, " AND ")
	}
	limit := f.Limit
	if limit <= 0 {
		limit = 500
	}
	q += " ORDER BY created_at DESC, id DESC LIMIT ?"
	return s.findAuthorizations(ctx, "find authorizations", q, append(args, limit)...)
}

// FindLapsedAuthorizations implements consent.Store.
func (s *Store) FindLapsedAuthorizations(ctx context.Context, at time.Time, limit int) ([]consent.Authorization, error) {
	return s.findAuthorizations(ctx, "find lapsed authorizations", "SELECT "+authCols+
		" FROM authorizations WHERE status IN ('requested', 'active') AND valid_until <= ? ORDER BY valid_until LIMIT ?", ts(at), limit)
}

func (s *Store) findAuthorizations(ctx context.Context, op, q string, args ...any) ([]consent.Authorization, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	var out []consent.Authorization
	for rows.Next() {
		a, err := scanAuthorization(rows)
		if err != nil {
			return nil, s.wrap(op, err)
		}
		out = append(out, a)
	}
	return out, s.wrap(op, rows.Err())
}
