// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/audit"
)

// AuditTreeSize returns the number of committed audit leaves.
func (s *Store) AuditTreeSize(ctx context.Context) (int64, error) {
	var n int64
	err := s.queryRow(ctx, "SELECT size FROM audit_head WHERE id = 1").Scan(&n)
	return n, s.wrap("audit tree size", err)
}

// ReadAuditHashes returns committed stored hashes by index; NotFound if
// one is missing.
func (s *Store) ReadAuditHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error) {
	hs, err := readAuditHashes(ctx, s.query, indexes)
	return hs, s.wrap("read audit hashes", err)
}

const auditLeafCols = "idx, kind, created_at, actor_org_id, subject_hash, leaf, leaf_hash"

// AuditLeaves returns the audit leaves with indexes in [from, to) that
// exist, in order, with their sealed bodies if withBody.
func (s *Store) AuditLeaves(ctx context.Context, from, to int64, withBody bool) ([]audit.StoredLeaf, error) {
	cols := auditLeafCols
	if withBody {
		cols += ", body"
	}
	rows, err := s.query(ctx, "SELECT "+cols+" FROM audit_events WHERE idx >= ? AND idx < ? ORDER BY idx", from, to)
	if err != nil {
		return nil, s.wrap("audit leaves", err)
	}
	out, err := scanAuditLeaves(rows, withBody)
	return out, s.wrap("audit leaves", err)
}

// FindAuditLeaves returns the audit leaves matching f, newest first, with
// their sealed bodies.
func (s *Store) FindAuditLeaves(ctx context.Context, f audit.Filter) ([]audit.StoredLeaf, error) {
	q := "SELECT " + auditLeafCols + ", body FROM audit_events WHERE 1 = 1"
	var args []any
	if f.SubjectHash != "" {
		q += " AND subject_hash = ?"
		args = append(args, f.SubjectHash)
	}
	if f.ActorOrgID != "" {
		q += " AND actor_org_id = ?"
		args = append(args, f.ActorOrgID)
	}
	if f.Before > 0 {
		q += " AND idx < ?"
		args = append(args, f.Before)
	}
	q += " ORDER BY idx DESC LIMIT ?"
	args = append(args, f.Limit)
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap("find audit leaves", err)
	}
	out, err := scanAuditLeaves(rows, true)
	return out, s.wrap("find audit leaves", err)
}

// scanAuditLeaves reads audit_events rows and closes rows. A leaf_hash of
// the wrong length is kept as far as it goes: the verifier reports it.
func scanAuditLeaves(rows *sql.Rows, withBody bool) ([]audit.StoredLeaf, error) {
	defer rows.Close()
	var out []audit.StoredLeaf
	for rows.Next() {
		var l audit.StoredLeaf
		var subject sql.NullString
		var hash []byte
		dest := []any{&l.Index, &l.Kind, scanTime{&l.Time}, &l.ActorOrgID, &subject, &l.Leaf, &hash}
		if withBody {
			dest = append(dest, &l.Body)
		}
		if err := rows.Scan(dest...); err != nil {
			return nil, err
		}
		l.SubjectHash = subject.String
		copy(l.LeafHash[:], hash)
		out = append(out, l)
	}
	return out, rows.Err()
}

// AuditHashRange returns the stored audit hashes with indexes in
// [from, to) that exist, in order, unchecked.
func (s *Store) AuditHashRange(ctx context.Context, from, to int64) ([]audit.IndexedHash, error) {
	rows, err := s.query(ctx, "SELECT idx, hash FROM audit_hashes WHERE idx >= ? AND idx < ? ORDER BY idx", from, to)
	if err != nil {
		return nil, s.wrap("audit hash range", err)
	}
	defer rows.Close()
	var out []audit.IndexedHash
	for rows.Next() {
		var h audit.IndexedHash
		if err := rows.Scan(&h.Index, &h.Hash); err != nil {
			return nil, s.wrap("audit hash range", err)
		}
		out = append(out, h)
	}
	return out, s.wrap("audit hash range", rows.Err())
}

// CreateAuditCheckpoint stores a signed checkpoint unless one of that size
// exists: processes publishing at once sign the same text (Ed25519 is
// deterministic), so the first row is as good as any.
func (s *Store) CreateAuditCheckpoint(ctx context.Context, c audit.Checkpoint) error {
	_, err := s.exec(ctx, `INSERT INTO audit_checkpoints (size, root_hash, note_text, created_at)
		VALUES (?, ?, ?, ?) ON CONFLICT (size) DO NOTHING`, c.Size, c.Root[:], string(c.Note), ts(c.CreatedAt))
	return s.wrap("create audit checkpoint", err)
}

// LatestAuditCheckpoint returns the checkpoint of the largest size, or NotFound.
func (s *Store) LatestAuditCheckpoint(ctx context.Context) (audit.Checkpoint, error) {
	cs, err := s.auditCheckpoints(ctx, " ORDER BY size DESC LIMIT 1")
	if err == nil && len(cs) == 0 {
		return audit.Checkpoint{}, s.wrap("latest audit checkpoint", sql.ErrNoRows)
	}
	if err != nil {
		return audit.Checkpoint{}, err
	}
	return cs[0], nil
}

// AuditCheckpoints returns every checkpoint in order of size.
func (s *Store) AuditCheckpoints(ctx context.Context) ([]audit.Checkpoint, error) {
	return s.auditCheckpoints(ctx, " ORDER BY size")
}

func (s *Store) auditCheckpoints(ctx context.Context, tail string) ([]audit.Checkpoint, error) {
	rows, err := s.query(ctx, "SELECT size, root_hash, note_text, created_at FROM audit_checkpoints"+tail)
	if err != nil {
		return nil, s.wrap("audit checkpoints", err)
	}
	defer rows.Close()
	var out []audit.Checkpoint
	for rows.Next() {
		var c audit.Checkpoint
		var root []byte
		var text string
		if err := rows.Scan(&c.Size, &root, &text, scanTime{&c.CreatedAt}); err != nil {
			return nil, s.wrap("audit checkpoints", err)
		}
		copy(c.Root[:], root)
		c.Note = []byte(text)
		out = append(out, c)
	}
	return out, s.wrap("audit checkpoints", rows.Err())
}
