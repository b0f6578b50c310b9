// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"encoding/json"

	"github.com/xinrong/xinrong/internal/ingest"
)

// CurrentRecords returns the current version of every record about the
// enterprise uscc in items (all items when empty), by item, newest source
// time first. It is the gate's one read of credit records; the partial
// index records_subject_idx (uscc, item_code) WHERE is_current = 1 serves
// it.
func (s *Store) CurrentRecords(ctx context.Context, uscc string, items []string) ([]ingest.Record, error) {
	q := `SELECT seq, id, version, item_code, status, data, source_time, provider_code, batch_id, row_num,
		received_at, catalog_version FROM records WHERE uscc = ? AND is_current = 1`
	args := []any{uscc}
	if len(items) > 0 {
		q += ` AND item_code IN (` + placeholders(len(items)) + `)`
		for _, it := range items {
			args = append(args, it)
		}
	}
	rows, err := s.query(ctx, q+` ORDER BY item_code, source_time DESC, seq DESC`, args...)
	if err != nil {
		return nil, s.wrap("current records", err)
	}
	defer rows.Close()
	var out []ingest.Record
	for rows.Next() {
		r := ingest.Record{USCC: uscc, Current: true}
		var data, status string
		if err := rows.Scan(&r.Seq, &r.ID, &r.Version, &r.Item, &status, &data, &r.SourceTime, &r.Provider,
			&r.Batch, &r.Row, scanTime{&r.ReceivedAt}, &r.CatalogVer); err != nil {
			return nil, s.wrap("current records", err)
		}
		r.Status = ingest.RecordStatus(status)
		if err := json.Unmarshal([]byte(data), &r.Data); err != nil {
			return nil, s.wrap("current records: record "+r.ID, err)
		}
		out = append(out, r)
	}
	return out, s.wrap("current records", rows.Err())
}
