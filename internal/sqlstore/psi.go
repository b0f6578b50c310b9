// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"encoding/json"
)

// ListRecords implements psi.Store: the current, active records of items
// that no credit repair has taken out of publication, streamed to fn.
func (s *Store) ListRecords(ctx context.Context, items []string, fn func(uscc, item string, data map[string]string) error) error {
	if len(items) == 0 {
		return nil
	}
	args := make([]any, len(items))
	for i, it := range items {
		args[i] = it
	}
	rows, err := s.query(ctx, `SELECT r.uscc, r.item_code, r.data FROM records r
		WHERE r.is_current = 1 AND r.status = 'active' AND r.item_code IN (`+placeholders(len(items))+`)
		AND NOT EXISTS (SELECT 1 FROM record_marks m WHERE m.uscc = r.uscc AND m.record_id = r.id AND m.repaired <> 0)`, args...)
	if err != nil {
		return s.wrap("list records", err)
	}
	defer rows.Close()
	for rows.Next() {
		var uscc, item, data string
		if err := rows.Scan(&uscc, &item, &data); err != nil {
			return s.wrap("list records", err)
		}
		var d map[string]string
		if err := json.Unmarshal([]byte(data), &d); err != nil {
			return s.wrap("list records: "+uscc, err)
		}
		if err := fn(uscc, item, d); err != nil {
			return err
		}
	}
	return s.wrap("list records", rows.Err())
}
