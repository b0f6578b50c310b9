// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"encoding/json"
	"iter"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
)

// RecordVersions returns the stored versions of the given keys of an item.
func (s *Store) RecordVersions(ctx context.Context, item string, keys []string) (map[string][]ingest.VersionRef, error) {
	out := make(map[string][]ingest.VersionRef, len(keys))
	err := inChunks(keys, func(part []any) error {
		rows, err := s.db.QueryContext(ctx, s.d.Rebind(`SELECT key_hash, seq, id, version, content_hash, source_time, is_current
			FROM records WHERE item_code = ? AND key_hash IN (`+placeholders(len(part))+`) ORDER BY version`), append([]any{item}, part...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var k string
			var v ingest.VersionRef
			var cur int
			if err := rows.Scan(&k, &v.Seq, &v.ID, &v.Version, &v.ContentHash, &v.SourceTime, &cur); err != nil {
				return err
			}
			v.Current = cur == 1
			out[k] = append(out[k], v)
		}
		return rows.Err()
	})
	return out, s.wrap("record versions", err)
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
	return []any{r.ID, r.Version, r.Item, r.USCC, r.KeyHash, r.ContentHash, string(r.Status), cur, string(data),
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
		recs := make([][]any, len(c.Records))
		for i := range c.Records {
			recs[i] = recordRow(&c.Records[i])
		}
		if err := s.insertRows(ctx, tx, insertHead("records", recordCols), len(recordCols), recs, ""); err != nil {
			return err
		}
		if err := s.insertRows(ctx, tx, insertHead("ingest_rejections", rejectionCols), len(rejectionCols), rejectionRows(c.Rejections), ""); err != nil {
			return err
		}
		if err := s.insertRows(ctx, tx, insertHead("quarantine", quarantineCols), len(quarantineCols), quarantineRows(c.Quarantine, ts(tx.Now)), ""); err != nil {
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
