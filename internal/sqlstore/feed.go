// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"encoding/json"
	"strings"

	"github.com/xinrong/xinrong/internal/feed"
	"github.com/xinrong/xinrong/internal/ingest"
)

// feedWindow bounds how many seq values one filtered page scans, so that
// a rare filter answers a short page and a cursor past the scanned range
// instead of reading the whole log in one request.
const feedWindow = 50_000

// FeedRows implements feed.Store. Rows are read by seq range from the
// primary key (or records_item_seq_idx for an item filter), joined to the
// enterprise for the region and industry filters.
func (s *Store) FeedRows(ctx context.Context, q feed.Query) (feed.Rows, error) {
	upto := q.Upto
	from := "records r"
	var where []string
	var args []any
	if q.Region != "" || q.Industry != "" {
		from += " JOIN subjects s ON s.uscc = r.uscc"
		upto = min(upto, q.After+feedWindow)
	}
	where, args = append(where, "r.seq > ?", "r.seq <= ?"), append(args, q.After, upto)
	if q.Region != "" {
		// Ranges, not LIKE, as in subject search: the plain index serves them.
		where, args = append(where, "s.region_code >= ? AND s.region_code < ?"), append(args, q.Region, prefixEnd(q.Region))
	}
	if c := q.Industry; len(c) == 1 {
		where, args = append(where, "s.industry_section = ?"), append(args, c)
	} else if c != "" {
		where, args = append(where, "s.industry_code >= ? AND s.industry_code < ?"), append(args, c, prefixEnd(c))
	}
	if len(q.Items) > 0 {
		where = append(where, "r.item_code IN ("+placeholders(len(q.Items))+")")
		for _, it := range q.Items {
			args = append(args, it)
		}
	}
	rows, err := s.query(ctx, `SELECT r.seq, r.id, r.version, r.item_code, r.uscc, r.status, r.data, r.source_time,
		r.provider_code, r.received_at FROM `+from+` WHERE `+strings.Join(where, " AND ")+` ORDER BY r.seq LIMIT ?`,
		append(args, q.Limit)...)
	if err != nil {
		return feed.Rows{}, s.wrap("feed rows", err)
	}
	defer rows.Close()
	out := feed.Rows{Next: upto}
	for rows.Next() {
		var r ingest.Record
		var data, status string
		if err := rows.Scan(&r.Seq, &r.ID, &r.Version, &r.Item, &r.USCC, &status, &data, &r.SourceTime, &r.Provider,
			scanTime{&r.ReceivedAt}); err != nil {
			return feed.Rows{}, s.wrap("feed rows", err)
		}
		r.Status = ingest.RecordStatus(status)
		if err := json.Unmarshal([]byte(data), &r.Data); err != nil {
			return feed.Rows{}, s.wrap("feed rows: record "+r.ID, err)
		}
		out.Records = append(out.Records, r)
	}
	if err := rows.Err(); err != nil {
		return feed.Rows{}, s.wrap("feed rows", err)
	}
	if len(out.Records) == q.Limit {
		out.Next = out.Records[len(out.Records)-1].Seq // a full page: more may follow within the range
	}
	return out, nil
}

// MarkRecords implements feed.Store. On SQLite one writer commits at a
// time, so rows become visible in seq order and the visible head is
// final. On PostgreSQL it also names the transactions that hold a write
// lock on records after the head was read: a row below the head can only
// still appear from one of them.
func (s *Store) MarkRecords(ctx context.Context) (feed.Mark, error) {
	var m feed.Mark
	if err := s.queryRow(ctx, `SELECT COALESCE(MAX(seq), 0) FROM records`).Scan(&m.Max); err != nil {
		return m, s.wrap("mark records", err)
	}
	if s.d.Name() != "postgres" {
		return m, nil
	}
	rows, err := s.query(ctx, `SELECT DISTINCT virtualtransaction FROM pg_locks
		WHERE locktype = 'relation' AND relation = 'records'::regclass AND pid IS DISTINCT FROM pg_backend_pid()
		AND mode IN ('RowExclusiveLock', 'ShareRowExclusiveLock', 'ExclusiveLock', 'AccessExclusiveLock')`)
	if err != nil {
		return m, s.wrap("mark records: writers", err)
	}
	defer rows.Close()
	for rows.Next() {
		var vx string
		if err := rows.Scan(&vx); err != nil {
			return m, s.wrap("mark records: writers", err)
		}
		m.Writers = append(m.Writers, vx)
	}
	return m, s.wrap("mark records: writers", rows.Err())
}

// WritersDone implements feed.Store: none of the transactions still holds
// its lock on records (a transaction keeps it until it ends).
func (s *Store) WritersDone(ctx context.Context, writers []string) (bool, error) {
	if len(writers) == 0 || s.d.Name() != "postgres" {
		return true, nil
	}
	args := make([]any, len(writers))
	for i, w := range writers {
		args[i] = w
	}
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM pg_locks WHERE locktype = 'relation' AND relation = 'records'::regclass
		AND virtualtransaction IN (`+placeholders(len(writers))+`)`, args...).Scan(&n)
	if err != nil {
		return false, s.wrap("feed writers", err)
	}
	return n == 0, nil
}
