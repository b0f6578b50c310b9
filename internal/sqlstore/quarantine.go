// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"encoding/json"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
)

const quarantineSelect = `SELECT id, batch_id, row_num, item_code, provider_code, subject_code, subject_name, data, reason, status, resolved_uscc FROM quarantine`

func scanQuarantined(sc interface{ Scan(...any) error }) (ingest.Quarantined, error) {
	var q ingest.Quarantined
	var data string
	if err := sc.Scan(&q.ID, &q.Batch, &q.Row, &q.Item, &q.Provider, &q.SubjectCode, &q.SubjectName, &data, &q.Reason, &q.Status, &q.ResolvedTo); err != nil {
		return q, err
	}
	return q, json.Unmarshal([]byte(data), &q.Data)
}

// ListQuarantine lists quarantined rows in ID order.
func (s *Store) ListQuarantine(ctx context.Context, f ingest.QuarantineFilter) ([]ingest.Quarantined, error) {
	q, args := quarantineSelect+` WHERE id > ?`, []any{f.After}
	for _, c := range []struct{ col, v string }{{"status", f.Status}, {"provider_code", f.Provider}, {"item_code", f.Item}} {
		if c.v != "" {
			q, args = q+" AND "+c.col+" = ?", append(args, c.v)
		}
	}
	rows, err := s.query(ctx, q+" ORDER BY id LIMIT ?", append(args, f.Limit)...)
	if err != nil {
		return nil, s.wrap("list quarantine", err)
	}
	defer rows.Close()
	var out []ingest.Quarantined
	for rows.Next() {
		x, err := scanQuarantined(rows)
		if err != nil {
			return nil, s.wrap("list quarantine", err)
		}
		out = append(out, x)
	}
	return out, s.wrap("list quarantine", rows.Err())
}

// FindQuarantined returns one quarantined row.
func (s *Store) FindQuarantined(ctx context.Context, id string) (ingest.Quarantined, error) {
	q, err := scanQuarantined(s.queryRow(ctx, quarantineSelect+` WHERE id = ?`, id))
	return q, s.wrap("find quarantined row", err)
}

// ResolveQuarantined stores the records and closes the row, if still open.
func (s *Store) ResolveQuarantined(ctx context.Context, q *ingest.Quarantined, records []ingest.Record, supersede []int64) error {
	return s.Tx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE quarantine SET status = ?, resolved_uscc = ?, resolved_at = ? WHERE id = ? AND status = 'open'`,
			q.Status, q.ResolvedTo, ts(tx.Now), q.ID)
		if err != nil {
			return s.wrap("resolve quarantined row", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.Conflictf("该行已处理 / the row was already handled")
		}
		if err := s.supersede(ctx, tx, supersede); err != nil {
			return err
		}
		recs := make([][]any, len(records))
		for i := range records {
			recs[i] = recordRow(&records[i])
		}
		return s.insertRows(ctx, tx, insertHead("records", recordCols), len(recordCols), recs, "")
	})
}
