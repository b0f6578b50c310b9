// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"encoding/json"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
)

// UpsertProvider creates or updates a provider.
func (s *Store) UpsertProvider(ctx context.Context, p *ingest.Provider) error {
	now := s.Now()
	if p.CreatedAt.IsZero() {
		p.CreatedAt = now
	}
	p.UpdatedAt = now
	_, err := s.exec(ctx, `INSERT INTO providers (code, name, department, region_code, org_id, items, pull_url, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
		ON CONFLICT (code) DO UPDATE SET name = excluded.name, department = excluded.department, region_code = excluded.region_code,
			org_id = excluded.org_id, items = excluded.items, pull_url = excluded.pull_url, updated_at = excluded.updated_at`,
		p.Code, p.Name, p.Department, p.Region, p.OrgID, strings.Join(p.Items, " "), p.PullURL, ts(p.CreatedAt), ts(now))
	return s.wrap("upsert provider "+p.Code, err)
}

const providerCols = `code, name, department, region_code, org_id, items, pull_url, created_at, updated_at`

func scanProvider(sc interface{ Scan(...any) error }) (ingest.Provider, error) {
	var p ingest.Provider
	var items string
	err := sc.Scan(&p.Code, &p.Name, &p.Department, &p.Region, &p.OrgID, &items, &p.PullURL, scanTime{&p.CreatedAt}, scanTime{&p.UpdatedAt})
	p.Items = strings.Fields(items)
	return p, err
}

// FindProvider returns a provider by code.
func (s *Store) FindProvider(ctx context.Context, code string) (ingest.Provider, error) {
	p, err := scanProvider(s.queryRow(ctx, `SELECT `+providerCols+` FROM providers WHERE code = ?`, code))
	return p, s.wrap("find provider "+code, err)
}

// ListProviders lists providers by code.
func (s *Store) ListProviders(ctx context.Context) ([]ingest.Provider, error) {
	rows, err := s.query(ctx, `SELECT `+providerCols+` FROM providers ORDER BY code`)
	if err != nil {
		return nil, s.wrap("list providers", err)
	}
	defer rows.Close()
	var out []ingest.Provider
	for rows.Next() {
		p, err := scanProvider(rows)
		if err != nil {
			return nil, s.wrap("list providers", err)
		}
		out = append(out, p)
	}
	return out, s.wrap("list providers", rows.Err())
}

const batchCols = `id, provider_code, item_code, channel, file_name, batch_key, sha256, format, encoding, status,
	received, accepted, updated, duplicate, revoked, rejected, quarantined, committed_rows, expected_rows, expected_sha256,
	catalog_version, field_fill, error, source_cursor, created_at, finished_at`

func scanBatch(sc interface{ Scan(...any) error }) (ingest.Batch, error) {
	var b ingest.Batch
	var channel, status, fill string
	err := sc.Scan(&b.ID, &b.Provider, &b.Item, &channel, &b.FileName, &b.Key, &b.SHA256, &b.Format, &b.Encoding, &status,
		&b.Received, &b.Accepted, &b.Updated, &b.Duplicate, &b.Revoked, &b.Rejected, &b.Quarantined, &b.CommittedRows,
		&b.ExpectedRows, &b.ExpectedSHA256, &b.CatalogVersion, &fill, &b.Error, &b.SourceCursor,
		scanTime{&b.CreatedAt}, scanTime{&b.FinishedAt})
	if err != nil {
		return b, err
	}
	b.Channel, b.Status = ingest.Channel(channel), ingest.BatchStatus(status)
	b.FieldFill = map[string]int64{}
	return b, json.Unmarshal([]byte(fill), &b.FieldFill)
}

// CreateBatch stores a new batch.
func (s *Store) CreateBatch(ctx context.Context, b *ingest.Batch) error {
	fill, _ := json.Marshal(b.FieldFill)
	_, err := s.exec(ctx, `INSERT INTO ingest_batches (id, provider_code, item_code, channel, file_name, batch_key, sha256, format,
		encoding, status, expected_rows, expected_sha256, catalog_version, field_fill, source_cursor, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		b.ID, b.Provider, b.Item, string(b.Channel), b.FileName, b.Key, b.SHA256, b.Format, b.Encoding, string(b.Status),
		b.ExpectedRows, b.ExpectedSHA256, b.CatalogVersion, string(fill), b.SourceCursor, ts(b.CreatedAt), ts(b.CreatedAt))
	return s.wrap("create batch", err)
}

// FindBatchByKey returns the batch with the given content key.
func (s *Store) FindBatchByKey(ctx context.Context, provider, item, key string) (ingest.Batch, error) {
	b, err := scanBatch(s.db.QueryRowContext(ctx, s.d.Rebind(`SELECT `+batchCols+` FROM ingest_batches
		WHERE provider_code = ? AND item_code = ? AND batch_key = ?`), provider, item, key))
	return b, s.wrap("find batch by key", err)
}

// FindBatch returns a batch by ID.
func (s *Store) FindBatch(ctx context.Context, id string) (ingest.Batch, error) {
	b, err := scanBatch(s.queryRow(ctx, `SELECT `+batchCols+` FROM ingest_batches WHERE id = ?`, id))
	return b, s.wrap("find batch "+id, err)
}

// ListBatches returns batches newest first.
func (s *Store) ListBatches(ctx context.Context, f ingest.BatchFilter) ([]ingest.Batch, error) {
	q := `SELECT ` + batchCols + ` FROM ingest_batches WHERE 1 = 1`
	var args []any
	if f.Provider != "" {
		q, args = q+" AND provider_code = ?", append(args, f.Provider)
	}
	if f.Item != "" {
		q, args = q+" AND item_code = ?", append(args, f.Item)
	}
	rows, err := s.query(ctx, q+" ORDER BY created_at DESC, id DESC LIMIT ?", append(args, f.Limit)...)
	if err != nil {
		return nil, s.wrap("list batches", err)
	}
	defer rows.Close()
	var out []ingest.Batch
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, s.wrap("list batches", err)
		}
		out = append(out, b)
	}
	return out, s.wrap("list batches", rows.Err())
}

// FinishBatch records a batch's final status.
func (s *Store) FinishBatch(ctx context.Context, b *ingest.Batch) error {
	_, err := s.exec(ctx, `UPDATE ingest_batches SET status = ?, error = ?, finished_at = ?, updated_at = ? WHERE id = ?`,
		string(b.Status), b.Error, nullTime(b.FinishedAt), ts(s.Now()), b.ID)
	return s.wrap("finish batch", err)
}

// FindMapping returns a provider's saved column mapping for an item.
func (s *Store) FindMapping(ctx context.Context, provider, item string) (ingest.Mapping, error) {
	var raw string
	if err := s.queryRow(ctx, `SELECT mapping FROM mapping_templates WHERE provider_code = ? AND item_code = ?`, provider, item).Scan(&raw); err != nil {
		return nil, s.wrap("find mapping", err)
	}
	var m ingest.Mapping
	return m, json.Unmarshal([]byte(raw), &m)
}

// SaveMapping stores a provider's column mapping for an item.
func (s *Store) SaveMapping(ctx context.Context, provider, item string, m ingest.Mapping) error {
	raw, _ := json.Marshal(m)
	_, err := s.exec(ctx, `INSERT INTO mapping_templates (provider_code, item_code, mapping, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (provider_code, item_code) DO UPDATE SET mapping = excluded.mapping, updated_at = excluded.updated_at`,
		provider, item, string(raw), ts(s.Now()))
	return s.wrap("save mapping", err)
}

// BatchesSince returns batches created at or after since, oldest first.
func (s *Store) BatchesSince(ctx context.Context, since time.Time) ([]ingest.Batch, error) {
	rows, err := s.query(ctx, `SELECT `+batchCols+` FROM ingest_batches WHERE created_at >= ? ORDER BY created_at, id`, ts(since))
	if err != nil {
		return nil, s.wrap("batches since", err)
	}
	defer rows.Close()
	var out []ingest.Batch
	for rows.Next() {
		b, err := scanBatch(rows)
		if err != nil {
			return nil, s.wrap("batches since", err)
		}
		out = append(out, b)
	}
	return out, s.wrap("batches since", rows.Err())
}

// ItemSubjects counts enterprises with a current record, per item.
func (s *Store) ItemSubjects(ctx context.Context) (map[string]int64, error) {
	rows, err := s.query(ctx, `SELECT item_code, COUNT(DISTINCT uscc) FROM records WHERE is_current = 1 GROUP BY item_code`)
	if err != nil {
		return nil, s.wrap("item subjects", err)
	}
	defer rows.Close()
	out := map[string]int64{}
	for rows.Next() {
		var item string
		var n int64
		if err := rows.Scan(&item, &n); err != nil {
			return nil, s.wrap("item subjects", err)
		}
		out[item] = n
	}
	return out, s.wrap("item subjects", rows.Err())
}

// LastPullCursor returns the newest finished pull batch's next cursor.
func (s *Store) LastPullCursor(ctx context.Context, provider, item string) (string, error) {
	var c string
	err := s.queryRow(ctx, `SELECT source_cursor FROM ingest_batches WHERE provider_code = ? AND item_code = ? AND channel = 'pull'
		AND status = 'done' ORDER BY created_at DESC, id DESC LIMIT 1`, provider, item).Scan(&c)
	if err != nil && apperr.Is(s.wrap("", err), apperr.NotFound) {
		return "", nil
	}
	return c, s.wrap("last pull cursor", err)
}
