// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"encoding/json"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/onboard"
)

const onboardCols = `id, institution_org_id, institution_type, licence_number, contact_name, contact_phone,
	status, suspended_from, assessment, agreement, created_at, updated_at`

func scanApplication(r accessScanner) (onboard.Application, error) {
	var a onboard.Application
	var as, ag sql.NullString
	err := r.Scan(&a.ID, &a.InstitutionOrgID, &a.InstitutionType, &a.LicenceNumber, &a.ContactName, &a.ContactPhone,
		&a.Status, &a.SuspendedFrom, &as, &ag, scanTime{&a.CreatedAt}, scanTime{&a.UpdatedAt})
	if err != nil {
		return a, err
	}
	if as.Valid {
		a.Assessment = new(onboard.Assessment)
		if err := json.Unmarshal([]byte(as.String), a.Assessment); err != nil {
			return a, err
		}
	}
	if ag.Valid {
		a.Agreement = new(onboard.Agreement)
		if err := json.Unmarshal([]byte(ag.String), a.Agreement); err != nil {
			return a, err
		}
	}
	return a, nil
}

// onboardDocs encodes the assessment and agreement documents, NULL when absent.
func onboardDocs(a onboard.Application) (as, ag any, err error) {
	if a.Assessment != nil {
		b, err := json.Marshal(a.Assessment)
		if err != nil {
			return nil, nil, err
		}
		as = string(b)
	}
	if a.Agreement != nil {
		b, err := json.Marshal(a.Agreement)
		if err != nil {
			return nil, nil, err
		}
		ag = string(b)
	}
	return as, ag, nil
}

// FindApplication returns an application by ID or NotFound.
func (s *Store) FindApplication(ctx context.Context, id string) (onboard.Application, error) {
	a, err := scanApplication(s.queryRow(ctx, "SELECT "+onboardCols+" FROM onboard_applications WHERE id = ?", id))
	return a, s.wrap("find application "+id, err)
}

// FindApplicationByOrg returns the institution's application or NotFound.
func (s *Store) FindApplicationByOrg(ctx context.Context, orgID string) (onboard.Application, error) {
	a, err := scanApplication(s.queryRow(ctx, "SELECT "+onboardCols+" FROM onboard_applications WHERE institution_org_id = ?", orgID))
	return a, s.wrap("find application of "+orgID, err)
}

// FindApplications returns applications, newest first.
func (s *Store) FindApplications(ctx context.Context, f onboard.Filter) ([]onboard.Application, error) {
	q, args := "SELECT "+onboardCols+" FROM onboard_applications WHERE (? = '' OR status = ?) ORDER BY created_at DESC, id DESC", []any{string(f.Status), string(f.Status)}
	if f.Limit > 0 {
		q += " LIMIT ?"
		args = append(args, f.Limit)
	}
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap("find applications", err)
	}
	defer rows.Close()
	var out []onboard.Application
	for rows.Next() {
		a, err := scanApplication(rows)
		if err != nil {
			return nil, s.wrap("find applications", err)
		}
		out = append(out, a)
	}
	return out, s.wrap("find applications", rows.Err())
}

// OnboardTx runs fn in a write transaction.
func (s *Store) OnboardTx(ctx context.Context, fn func(onboard.Tx) error) error {
	return s.Tx(ctx, func(tx *Tx) error { return fn(onboardTx{tx}) })
}

// onboardTx adds the onboarding writes to a transaction, which already
// appends audit leaves.
type onboardTx struct{ *Tx }

func (tx onboardTx) CreateApplication(ctx context.Context, a onboard.Application) error {
	as, ag, err := onboardDocs(a)
	if err != nil {
		return err
	}
	_, err = tx.Exec(ctx, `INSERT INTO onboard_applications (`+onboardCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.ID, a.InstitutionOrgID, a.InstitutionType, a.LicenceNumber, a.ContactName, a.ContactPhone,
		a.Status, a.SuspendedFrom, as, ag, ts(a.CreatedAt), ts(a.UpdatedAt))
	return tx.s.wrap("create application", err)
}

func (tx onboardTx) UpdateApplication(ctx context.Context, a onboard.Application, from onboard.Status) error {
	as, ag, err := onboardDocs(a)
	if err != nil {
		return err
	}
	res, err := tx.Exec(ctx, `UPDATE onboard_applications SET status = ?, suspended_from = ?, assessment = ?, agreement = ?, updated_at = ?
		WHERE id = ? AND status = ?`, a.Status, a.SuspendedFrom, as, ag, ts(a.UpdatedAt), a.ID, from)
	if err != nil {
		return tx.s.wrap("update application", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return apperr.E(apperr.Conflict, "接入申请已被他人变更，请刷新 / the application changed meanwhile; reload it", err)
	}
	return nil
}

// TakeQuota adds n to the day's counter if it stays within quota. The
// guarded UPDATE is atomic on both engines: PostgreSQL re-checks the
// condition after waiting for the row lock, SQLite has one writer.
func (s *Store) TakeQuota(ctx context.Context, orgID, day string, n, quota int) (bool, error) {
	var ok bool
	err := s.Tx(ctx, func(tx *Tx) error {
		var err error
		ok, err = tx.TakeQuota(ctx, orgID, day, n, quota)
		return err
	})
	return ok, err
}

// TakeQuota draws n queries from the institution's quota for day inside
// the caller's transaction (the gate's): false, and nothing drawn, when
// fewer than n remain.
func (tx *Tx) TakeQuota(ctx context.Context, orgID, day string, n, quota int) (bool, error) {
	if _, err := tx.Exec(ctx, `INSERT INTO onboard_quota_usage (org_id, day, used) VALUES (?, ?, 0)
		ON CONFLICT (org_id, day) DO NOTHING`, orgID, day); err != nil {
		return false, tx.s.wrap("take quota", err)
	}
	res, err := tx.Exec(ctx, `UPDATE onboard_quota_usage SET used = used + ? WHERE org_id = ? AND day = ? AND used + ? <= ?`,
		n, orgID, day, n, quota)
	if err != nil {
		return false, tx.s.wrap("take quota", err)
	}
	c, err := res.RowsAffected()
	return c == 1, err
}
