// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"iter"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
)

// RecordVersions returns the stored versions of the given keys of an item.
func (s *Store) RecordVersions(ctx context.Context, item string, keys []string) (map[string][]ingest.VersionRef, error) {
	out := make(map[string][]ingest.VersionRef, len(keys))
	// item_code || '' keeps planners off records_item_seq_idx (0012): the
	// key hash covers the item already, and without statistics SQLite
	// walked every record of the item for each lookup.
	const cols = `SELECT key_hash, seq, id, version, content_hash, source_time, is_current FROM records WHERE item_code || '' = ? AND `
	scan := func(rows *sql.Rows) error {
		defer rows.Close()
		var k, content []byte
		for rows.Next() {
			var v ingest.VersionRef
			var cur int
			if err := rows.Scan(&k, &v.Seq, &v.ID, &v.Version, &content, &v.SourceTime, &cur); err != nil {
				return err
			}
			v.Current, v.ContentHash = cur == 1, hex.EncodeToString(content)
			key := hex.EncodeToString(k)
			out[key] = append(out[key], v)
		}
		return rows.Err()
	}
	if s.d.Name() == "postgres" {
		// One query with an array for the whole chunk: 500-placeholder IN
		// lists were planned one by one and made lookups half the time of
		// a million-row load on PostgreSQL.
		if len(keys) == 0 {
			return out, nil
		}
		bin := make([][]byte, 0, len(keys))
		for _, k := range keys {
			bin = append(bin, hashBytes(k))
		}
		rows, err := s.db.QueryContext(ctx, s.d.Rebind(cols+`key_hash = ANY(?) ORDER BY version`), item, bin)
		if err == nil {
			err = scan(rows)
		}
		return out, s.wrap("record versions", err)
	}
	// The full-size query is prepared once per call: parsing a statement
	// with 500 placeholders for each part cost more than running it.
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, multiRow+1)
	err := inChunks(keys, func(part []any) error {
		args = append(args[:0], item)
		for _, k := range part {
			args = append(args, hashBytes(k.(string)))
		}
		q := cols + `key_hash IN (` + placeholders(len(part)) + `) ORDER BY version`
		var rows *sql.Rows
		var err error
		switch {
		case len(part) < multiRow:
			rows, err = s.db.QueryContext(ctx, q, args...)
		case full == nil:
			if full, err = s.db.PrepareContext(ctx, q); err != nil {
				return err
			}
			fallthrough
		default:
			rows, err = full.QueryContext(ctx, args...)
		}
		if err != nil {
			return err
		}
		return scan(rows)
	})
	return out, s.wrap("record versions", err)
}

// hashBytes turns a hash as the domain writes it (hex) into the bytes the
// records table stores (migration 0013): half the size in the key index.
func hashBytes(h string) []byte {
	b, err := hex.DecodeString(h)
	if err != nil {
		return []byte(h) // not made by ingest's hash functions; kept as given
	}
	return b
}

// recordRow is the column values of a record version, in insert order.
func recordRow(r *ingest.Record) []any {
	data := r.Raw
	if data == nil {
		data, _ = json.Marshal(r.Data)
	}
	cur := 0
	if r.Current {
		cur = 1
	}
	return []any{r.ID, r.Version, r.Item, r.USCC, hashBytes(r.KeyHash), hashBytes(r.ContentHash), string(r.Status), cur, string(data),
		r.SourceTime, r.Provider, r.Batch, r.Row, ts(r.ReceivedAt), r.CatalogVer}
}

var recordCols = []string{"id", "version", "item_code", "uscc", "key_hash", "content_hash", "status", "is_current", "data",
	"source_time", "provider_code", "batch_id", "row_num", "received_at", "catalog_version"}

var rejectionCols = []string{"batch_id", "row_num", "seq", "field", "label", "reason", "msg", "msg_en", "raw"}

func rejectionRows(rs []ingest.Rejection) [][]any {
	out := make([][]any, len(rs))
	seq, prev := 0, int64(-1)
	for i, r := range rs {
		if r.Row != prev {
			seq, prev = 0, r.Row
		}
		out[i] = []any{r.Batch, r.Row, seq, r.Field, r.Label, r.Reason, r.Msg, r.MsgEN, r.Raw}
		seq++
	}
	return out
}

var quarantineCols = []string{"id", "batch_id", "row_num", "item_code", "provider_code", "subject_code", "subject_name", "data",
	"reason", "status", "created_at"}

func quarantineRows(qs []ingest.Quarantined, now any) [][]any {
	out := make([][]any, len(qs))
	for i, q := range qs {
		data, _ := json.Marshal(q.Data)
		out[i] = []any{q.ID, q.Batch, q.Row, q.Item, q.Provider, q.SubjectCode, q.SubjectName, string(data), q.Reason, q.Status, now}
	}
	return out
}

// batchAdvance is the UPDATE that moves a batch's counters with its chunk.
// The WHERE on committed_rows makes a second process working on the same
// batch fail instead of counting rows twice.
const batchAdvance = `UPDATE ingest_batches SET received = ?, accepted = ?, updated = ?, duplicate = ?, revoked = ?, rejected = ?,
	quarantined = ?, committed_rows = ?, field_fill = ?, source_cursor = ?, updated_at = ? WHERE id = ? AND committed_rows = ?`

func batchAdvanceArgs(b *ingest.Batch, prev int64, now any) []any {
	fill, _ := json.Marshal(b.FieldFill)
	return []any{b.Received, b.Accepted, b.Updated, b.Duplicate, b.Revoked, b.Rejected, b.Quarantined, b.CommittedRows,
		string(fill), b.SourceCursor, now, b.ID, prev}
}

var errBatchMoved = apperr.Conflictf("批次正由另一进程处理 / the batch is being processed by another process")

// CommitChunk applies a chunk in one transaction.
func (s *Store) CommitChunk(ctx context.Context, c *ingest.Chunk) error {
	if s.d.Name() == "postgres" {
		return s.commitChunkPG(ctx, c)
	}
	return s.Tx(ctx, func(tx *Tx) error {
		if err := s.supersede(ctx, tx, c.Supersede); err != nil {
			return err
		}
		if err := s.insertFail(ctx, tx, "records", recordCols, len(c.Records), func(i int) []any { return recordRow(&c.Records[i]) }); err != nil {
			return err
		}
		rej := rejectionRows(c.Rejections)
		if err := s.insertFail(ctx, tx, "ingest_rejections", rejectionCols, len(rej), func(i int) []any { return rej[i] }); err != nil {
			return err
		}
		qs := quarantineRows(c.Quarantine, ts(tx.Now))
		if err := s.insertFail(ctx, tx, "quarantine", quarantineCols, len(qs), func(i int) []any { return qs[i] }); err != nil {
			return err
		}
		res, err := tx.Exec(ctx, batchAdvance, batchAdvanceArgs(c.Batch, c.PrevCommitted, ts(tx.Now))...)
		if err != nil {
			return s.wrap("advance batch", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errBatchMoved
		}
		return nil
	})
}

func (s *Store) supersede(ctx context.Context, tx *Tx, seqs []int64) error {
	for start := 0; start < len(seqs); start += multiRow {
		part := seqs[start:min(start+multiRow, len(seqs))]
		args := make([]any, len(part))
		for i, q := range part {
			args[i] = q
		}
		if _, err := tx.Exec(ctx, `UPDATE records SET is_current = 0 WHERE seq IN (`+placeholders(len(part))+`)`, args...); err != nil {
			return s.wrap("supersede records", err)
		}
	}
	return nil
}

// insertFail inserts rows on SQLite with multi-row INSERT OR FAIL
// statements, multiRow rows each; the full-size statement is prepared once
// per call.
//
// With the default ABORT, a multi-row statement into a table with a unique
// index needs a statement journal: SQLite copies every page the statement
// touches so that it can undo the statement alone. Inserting into
// hash-keyed indexes touches a new page for nearly every row, and that
// copying was a quarter of a million-row load. FAIL stops at the first
// violation without undoing the statement, which is the same for us: any
// error rolls back the whole transaction.
func (s *Store) insertFail(ctx context.Context, tx *Tx, table string, cols []string, n int, row func(i int) []any) error {
	head := "INSERT OR FAIL" + strings.TrimPrefix(insertHead(table, cols), "INSERT")
	values := func(n int) string {
		var b strings.Builder
		b.WriteString(head)
		row := " (" + placeholders(len(cols)) + ")"
		for i := 0; i < n; i++ {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(row)
		}
		return b.String()
	}
	var full *sql.Stmt
	defer func() {
		if full != nil {
			full.Close()
		}
	}()
	args := make([]any, 0, min(n, multiRow)*len(cols))
	for start := 0; start < n; start += multiRow {
		end := min(start+multiRow, n)
		args = args[:0]
		for i := start; i < end; i++ {
			args = append(args, row(i)...)
		}
		var err error
		switch {
		case end-start < multiRow:
			_, err = tx.Exec(ctx, values(end-start), args...)
		case full == nil:
			if full, err = tx.SQL().PrepareContext(ctx, values(multiRow)); err != nil {
				break
			}
			fallthrough
		default:
			_, err = full.ExecContext(ctx, args...)
		}
		if err != nil {
			return s.wrap(fmt.Sprintf("insert %d rows into %s", end-start, table), err)
		}
	}
	return nil
}

func insertHead(table string, cols []string) string {
	h := "INSERT INTO " + table + " ("
	for i, c := range cols {
		if i > 0 {
			h += ", "
		}
		h += c
	}
	return h + ") VALUES"
}

// Rejections yields a batch's rejected rows in row order.
func (s *Store) Rejections(ctx context.Context, batch string) iter.Seq2[ingest.Rejection, error] {
	return func(yield func(ingest.Rejection, error) bool) {
		rows, err := s.query(ctx, `SELECT batch_id, row_num, field, label, reason, msg, msg_en, raw FROM ingest_rejections
			WHERE batch_id = ? ORDER BY row_num, seq`, batch)
		if err != nil {
			yield(ingest.Rejection{}, s.wrap("rejections", err))
			return
		}
		defer rows.Close()
		for rows.Next() {
			var r ingest.Rejection
			if err := rows.Scan(&r.Batch, &r.Row, &r.Field, &r.Label, &r.Reason, &r.Msg, &r.MsgEN, &r.Raw); err != nil {
				yield(r, s.wrap("rejections", err))
				return
			}
			if !yield(r, nil) {
				return
			}
		}
		if err := rows.Err(); err != nil {
			yield(ingest.Rejection{}, s.wrap("rejections", err))
		}
	}
}
