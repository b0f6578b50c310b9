// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"sync"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
)

// A write transaction appends audit leaves together with the business
// write it carries.
var _ audit.Appender = (*Tx)(nil)

// Rows per multi-row INSERT: 500 events × 8 columns and 2000 hashes × 2
// columns stay far below both engines' limit on bound parameters (32766 on
// SQLite, 65535 on PostgreSQL) while amortising the round trip.
const (
	auditEventChunk = 500
	auditHashChunk  = 2000
)

// LockAuditHead implements audit.Appender. On PostgreSQL the head row is
// locked with FOR UPDATE, so concurrent appenders from every process queue
// on it until commit and each then reads the size its predecessor
// committed (READ COMMITTED re-reads the locked row). On SQLite the
// transaction already holds the database's single write lock (BEGIN
// IMMEDIATE), which serialises appends the same way. A row lock was chosen
// over an advisory lock because it is visible in pg_locks with the table
// it guards, needs no magic number, and is released by the same commit or
// rollback that ends the append.
func (tx *Tx) LockAuditHead(ctx context.Context) (int64, error) {
	q := "SELECT size FROM audit_head WHERE id = 1"
	if tx.s.d.Name() == "postgres" {
		q += " FOR UPDATE"
	}
	var n int64
	err := tx.QueryRow(ctx, q).Scan(&n)
	return n, tx.s.wrap("lock audit head", err)
}

// ReadAuditHashes implements audit.Appender.
func (tx *Tx) ReadAuditHashes(ctx context.Context, indexes []int64) ([]tlog.Hash, error) {
	hs, err := readAuditHashes(ctx, tx.Query, indexes)
	return hs, tx.s.wrap("read audit hashes", err)
}

// WriteAudit implements audit.Appender. The head is moved with a guard on
// its old value, so an append that lost its lock (a bug) fails loudly
// instead of forking the log.
func (tx *Tx) WriteAudit(ctx context.Context, leaves []audit.StoredLeaf, firstHash int64, hashes []tlog.Hash, size int64) error {
	old := size - int64(len(leaves))
	for start := 0; start < len(leaves); start += auditEventChunk {
		part := leaves[start:min(start+auditEventChunk, len(leaves))]
		args := make([]any, 0, 8*len(part))
		for _, l := range part {
			var subject any
			if l.SubjectHash != "" {
				subject = l.SubjectHash
			}
			h := l.LeafHash
			args = append(args, l.Index, l.Kind, ts(l.Time), l.ActorOrgID, subject, l.Leaf, h[:], l.Body)
		}
		q := "INSERT INTO audit_events (idx, kind, created_at, actor_org_id, subject_hash, leaf, leaf_hash, body) VALUES " + valueRows(len(part), 8)
		if _, err := tx.Exec(ctx, q, args...); err != nil {
			return tx.s.wrap("append audit events", err)
		}
	}
	for start := 0; start < len(hashes); start += auditHashChunk {
		part := hashes[start:min(start+auditHashChunk, len(hashes))]
		args := make([]any, 0, 2*len(part))
		for i := range part {
			args = append(args, firstHash+int64(start+i), part[i][:])
		}
		if _, err := tx.Exec(ctx, "INSERT INTO audit_hashes (idx, hash) VALUES "+valueRows(len(part), 2), args...); err != nil {
			return tx.s.wrap("append audit hashes", err)
		}
	}
	res, err := tx.Exec(ctx, "UPDATE audit_head SET size = ? WHERE id = 1 AND size = ?", size, old)
	if err != nil {
		return tx.s.wrap("move audit head", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return apperr.E(apperr.Conflict, "audit: the log head moved during an append", err)
	}
	return nil
}

// valueRowsCache keeps the placeholder lists of multi-row INSERTs; a full
// chunk's list is built once per process.
var valueRowsCache sync.Map // [2]int → string

// valueRows returns "(?, ?), (?, ?)" for rows rows of width columns.
func valueRows(rows, width int) string {
	key := [2]int{rows, width}
	if s, ok := valueRowsCache.Load(key); ok {
		return s.(string)
	}
	one := "(" + strings.Repeat("?, ", width-1) + "?)"
	s := strings.Repeat(one+", ", rows-1) + one
	if rows == auditEventChunk || rows == auditHashChunk {
		valueRowsCache.Store(key, s)
	}
	return s
}

// readAuditHashes reads stored hashes by index with one IN query and
// returns them in the order asked; apperr.NotFound if one is missing.
func readAuditHashes(ctx context.Context, query func(ctx context.Context, q string, args ...any) (*sql.Rows, error), indexes []int64) ([]tlog.Hash, error) {
	if len(indexes) == 0 {
		return nil, nil
	}
	args := make([]any, len(indexes))
	for i, x := range indexes {
		args[i] = x
	}
	rows, err := query(ctx, "SELECT idx, hash FROM audit_hashes WHERE idx IN ("+strings.TrimSuffix(strings.Repeat("?, ", len(indexes)), ", ")+")", args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	found := make(map[int64]tlog.Hash, len(indexes))
	for rows.Next() {
		var idx int64
		var b []byte
		if err := rows.Scan(&idx, &b); err != nil {
			return nil, err
		}
		if len(b) != tlog.HashSize {
			return nil, fmt.Errorf("stored audit hash %d has %d bytes", idx, len(b))
		}
		found[idx] = tlog.Hash(b)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		h, ok := found[x]
		if !ok {
			return nil, apperr.NotFoundf("audit: stored hash %d is missing", x)
		}
		out[i] = h
	}
	return out, nil
}
