// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"encoding/base64"
	"time"

	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/rights"
)

const registrationCols = `id, uscc, org_id, user_id, username, method, status, rep_name, proof_type, reason, decided_by, created_at, decided_at`

func scanRegistration(r accessScanner, proof *string) (rights.Registration, error) {
	var x rights.Registration
	dest := []any{&x.ID, &x.USCC, &x.OrgID, &x.UserID, &x.Username, &x.Method, &x.Status, &x.RepName, &x.ProofType,
		&x.Reason, &x.DecidedBy, scanTime{&x.CreatedAt}, scanTime{&x.DecidedAt}}
	if proof != nil {
		dest = append(dest, proof)
	}
	return x, r.Scan(dest...)
}

// RegisterTx implements rights.RegisterStore.
func (s *Store) RegisterTx(ctx context.Context, fn func(tx rights.RegisterTx) error) error {
	return s.Tx(ctx, func(tx *Tx) error { return fn(tx) })
}

// CountRegisterAttempts implements rights.RegisterStore.
func (s *Store) CountRegisterAttempts(ctx context.Context, bucket string, since time.Time) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM register_attempts WHERE bucket = ? AND at >= ?`, bucket, ts(since)).Scan(&n)
	return n, s.wrap("count register attempts", err)
}

// AddRegisterAttempt implements rights.RegisterTx.
func (tx *Tx) AddRegisterAttempt(ctx context.Context, bucket string, at time.Time) error {
	_, err := tx.Exec(ctx, `INSERT INTO register_attempts (id, bucket, at) VALUES (?, ?, ?)`, id.New(), bucket, ts(at))
	return tx.s.wrap("add register attempt", err)
}

// CreateRegistration implements rights.RegisterTx; the proof is stored as
// base64 text, alike on both engines.
func (tx *Tx) CreateRegistration(ctx context.Context, r rights.Registration) error {
	_, err := tx.Exec(ctx, `INSERT INTO registrations (`+registrationCols+`, proof) VALUES (`+placeholders(14)+`)`,
		r.ID, r.USCC, r.OrgID, r.UserID, r.Username, r.Method, r.Status, r.RepName, r.ProofType, r.Reason, r.DecidedBy,
		ts(r.CreatedAt), ts(r.DecidedAt), base64.StdEncoding.EncodeToString(r.Proof))
	return tx.s.wrap("create registration", err)
}

// UpdateRegistration implements rights.RegisterTx: the decision only.
func (tx *Tx) UpdateRegistration(ctx context.Context, r rights.Registration) error {
	return tx.updated(ctx, "update registration "+r.ID, `UPDATE registrations SET status = ?, reason = ?, decided_by = ?, decided_at = ? WHERE id = ?`,
		r.Status, r.Reason, r.DecidedBy, ts(r.DecidedAt), r.ID)
}

// FindRegistration implements rights.RegisterStore, with the proof.
func (s *Store) FindRegistration(ctx context.Context, regID string) (rights.Registration, error) {
	var proof string
	r, err := scanRegistration(s.queryRow(ctx, "SELECT "+registrationCols+", proof FROM registrations WHERE id = ?", regID), &proof)
	if err != nil {
		return r, s.wrap("find registration "+regID, err)
	}
	r.Proof, err = base64.StdEncoding.DecodeString(proof)
	return r, s.wrap("find registration "+regID, err)
}

// FindRegistrations implements rights.RegisterStore, without proofs.
func (s *Store) FindRegistrations(ctx context.Context, status rights.RegistrationStatus, uscc string, limit int) ([]rights.Registration, error) {
	q, args := "SELECT "+registrationCols+" FROM registrations WHERE 1 = 1", []any{}
	if status != "" {
		q, args = q+" AND status = ?", append(args, status)
	}
	if uscc != "" {
		q, args = q+" AND uscc = ?", append(args, uscc)
	}
	rows, err := s.query(ctx, q+" ORDER BY created_at DESC, id DESC LIMIT ?", append(args, limit)...)
	if err != nil {
		return nil, s.wrap("find registrations", err)
	}
	defer rows.Close()
	var out []rights.Registration
	for rows.Next() {
		r, err := scanRegistration(rows, nil)
		if err != nil {
			return nil, s.wrap("find registrations", err)
		}
		out = append(out, r)
	}
	return out, s.wrap("find registrations", rows.Err())
}
