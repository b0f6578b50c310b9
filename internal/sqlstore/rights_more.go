// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/rights"
)

// SetNotificationChannels implements rights.Store.
func (s *Store) SetNotificationChannels(ctx context.Context, id, channels string) error {
	_, err := s.exec(ctx, `UPDATE notifications SET channels = ? WHERE id = ?`, channels, id)
	return s.wrap("set notification channels", err)
}

// MarkNotificationsRead implements rights.Store.
func (s *Store) MarkNotificationsRead(ctx context.Context, orgIDs, ids []string, at time.Time) (int, error) {
	if len(orgIDs) == 0 {
		return 0, nil
	}
	args := []any{ts(at)}
	for _, o := range orgIDs {
		args = append(args, o)
	}
	q := `UPDATE notifications SET read_at = ? WHERE read_at IS NULL AND org_id IN (` + placeholders(len(orgIDs)) + `)`
	if len(ids) > 0 {
		q += ` AND id IN (` + placeholders(len(ids)) + `)`
		for _, id := range ids {
			args = append(args, id)
		}
	}
	res, err := s.exec(ctx, q, args...)
	if err != nil {
		return 0, s.wrap("mark notifications read", err)
	}
	n, err := res.RowsAffected()
	return int(n), s.wrap("mark notifications read", err)
}

// AddChange implements rights.Tx; the sequence number is the database's.
func (tx *Tx) AddChange(ctx context.Context, c rights.Change) error {
	_, err := tx.Exec(ctx, `INSERT INTO rights_changes (kind, uscc, record_id, item_code, provider_code, case_id, outcome, notified, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, c.Kind, c.USCC, c.RecordID, c.Item, c.Provider, c.CaseID, c.Outcome,
		strings.Join(c.Notified, ","), ts(c.CreatedAt))
	return tx.s.wrap("add rights change", err)
}

// FindChanges implements rights.Store, oldest first.
func (s *Store) FindChanges(ctx context.Context, after int64, limit int) ([]rights.Change, error) {
	return collectRows(s, ctx, "find rights changes", `SELECT seq, kind, uscc, record_id, item_code, provider_code, case_id,
		outcome, notified, created_at FROM rights_changes WHERE seq > ? ORDER BY seq LIMIT ?`,
		func(r accessScanner) (rights.Change, error) {
			var c rights.Change
			var notified string
			err := r.Scan(&c.Seq, &c.Kind, &c.USCC, &c.RecordID, &c.Item, &c.Provider, &c.CaseID, &c.Outcome, &notified,
				scanTime{&c.CreatedAt})
			if notified != "" {
				c.Notified = strings.Split(notified, ",")
			}
			return c, err
		}, after, limit)
}

// AddRestructuring implements rights.Tx.
func (tx *Tx) AddRestructuring(ctx context.Context, x rights.Restructuring) error {
	_, err := tx.Exec(ctx, `INSERT INTO restructurings (id, uscc, court, case_no, approved_on, note, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, x.ID, x.USCC, x.Court, x.CaseNo, x.ApprovedOn, x.Note, x.CreatedBy, ts(x.CreatedAt))
	return tx.s.wrap("add restructuring", err)
}

// FindRestructurings implements rights.Store, newest first.
func (s *Store) FindRestructurings(ctx context.Context, uscc string) ([]rights.Restructuring, error) {
	return collectRows(s, ctx, "find restructurings", `SELECT id, uscc, court, case_no, approved_on, note, created_by, created_at
		FROM restructurings WHERE uscc = ? ORDER BY created_at DESC, id DESC`,
		func(r accessScanner) (rights.Restructuring, error) {
			var x rights.Restructuring
			err := r.Scan(&x.ID, &x.USCC, &x.Court, &x.CaseNo, &x.ApprovedOn, &x.Note, &x.CreatedBy, scanTime{&x.CreatedAt})
			return x, err
		}, uscc)
}

// RecordHistory implements rights.Store. The versions of a record share
// its natural key, so the current versions are found through
// records_subject_idx and every version through records_key_version_idx.
func (s *Store) RecordHistory(ctx context.Context, uscc string, ids []string) ([]rights.Version, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{uscc, uscc}
	for _, id := range ids {
		args = append(args, id)
	}
	return collectRows(s, ctx, "record history", `SELECT r.seq, r.id, r.version, r.item_code, r.uscc, r.status, r.is_current,
		r.data, r.source_time, r.provider_code, r.batch_id, r.row_num, r.received_at, r.catalog_version,
		COALESCE(b.channel, ''), COALESCE(b.file_name, '')
		FROM records r LEFT JOIN ingest_batches b ON b.id = r.batch_id
		WHERE r.uscc = ? AND r.key_hash IN (SELECT key_hash FROM records WHERE uscc = ? AND is_current = 1 AND id IN (`+
		placeholders(len(ids))+`)) ORDER BY r.id, r.version`,
		func(row accessScanner) (rights.Version, error) {
			var v rights.Version
			var status, data string
			var current int
			err := row.Scan(&v.Seq, &v.ID, &v.Version, &v.Item, &v.USCC, &status, &current, &data, &v.SourceTime,
				&v.Provider, &v.Batch, &v.Row, scanTime{&v.ReceivedAt}, &v.CatalogVer, &v.Channel, &v.File)
			if err != nil {
				return v, err
			}
			v.Status, v.Current = ingest.RecordStatus(status), current == 1
			return v, json.Unmarshal([]byte(data), &v.Data)
		}, args...)
}
