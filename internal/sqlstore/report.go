// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"

	"github.com/xinrong/xinrong/internal/report"
)

// InsertIssuedReport registers an issued report inside the gate's
// transaction.
func (tx *Tx) InsertIssuedReport(ctx context.Context, r report.Issued) error {
	_, err := tx.Exec(ctx, `INSERT INTO reports (number, content_hash, issued_at, edition, requester_org_id, purpose,
		format, audit_idx, signature) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Number, r.Hash, ts(r.IssuedAt), r.Edition, r.RequesterOrgID, r.Purpose, r.Format, r.AuditIndex, r.Signature)
	return tx.s.wrap("insert issued report", err)
}

// FindIssuedReport returns the register entry of a report number.
func (s *Store) FindIssuedReport(ctx context.Context, number string) (report.Issued, error) {
	var r report.Issued
	err := s.queryRow(ctx, `SELECT number, content_hash, issued_at, edition, requester_org_id, purpose, format,
		audit_idx, signature FROM reports WHERE number = ?`, number).Scan(&r.Number, &r.Hash, scanTime{&r.IssuedAt},
		&r.Edition, &r.RequesterOrgID, &r.Purpose, &r.Format, &r.AuditIndex, &r.Signature)
	return r, s.wrap("find issued report", err)
}
