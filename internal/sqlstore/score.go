// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/score"
)

// ScanSubjects implements score.Store: four ordered reads merged by code —
// the master, the current records of the model's items (the partial index
// records_subject_idx gives them in code order), the rights marks (primary
// key order) and the latest evaluations (WITHOUT ROWID, code order) — so
// that a million enterprises are read in one pass without a query each.
// Codes in [r.From, r.To) only; several ranges may be read at once, each
// on its own connections.
func (s *Store) ScanSubjects(ctx context.Context, items []string, r score.KeyRange, fn func(*score.Subject) error) error {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	to := r.To
	if to == "" {
		to = "~" // above every code character
	}
	subs, err := s.query(ctx, `SELECT uscc, region_code, industry_section FROM subjects WHERE uscc >= ? AND uscc < ? ORDER BY uscc`, r.From, to)
	if err != nil {
		return s.wrap("scan subjects", err)
	}
	defer subs.Close()
	recs, release, err := s.bulkQuery(ctx, scoreRecordsQuery(len(items), " AND uscc >= ? AND uscc < ?")+` ORDER BY uscc`,
		append([]any{r.From, to}, stringArgs(items)...)...)
	if err != nil {
		return s.wrap("scan subjects: records", err)
	}
	defer release()
	defer recs.Close()
	marks, err := s.query(ctx, `SELECT uscc, record_id, disputed, repaired, note FROM record_marks WHERE uscc >= ? AND uscc < ? ORDER BY uscc`, r.From, to)
	if err != nil {
		return s.wrap("scan subjects: marks", err)
	}
	defer marks.Close()
	latest, err := s.query(ctx, `SELECT uscc, evaluation_id, model_version, score, grade, digest FROM score_latest WHERE uscc >= ? AND uscc < ? ORDER BY uscc`, r.From, to)
	if err != nil {
		return s.wrap("scan subjects: latest", err)
	}
	defer latest.Close()

	rc := newRecordCursor(recs)
	mc := &markCursor{rows: marks}
	lc := &latestCursor{rows: latest}
	for subs.Next() {
		sub := &score.Subject{}
		if err := subs.Scan(&sub.USCC, &sub.Region, &sub.Industry); err != nil {
			return s.wrap("scan subjects", err)
		}
		if err := mc.collect(sub); err != nil {
			return s.wrap("scan subjects: marks", err)
		}
		if err := rc.collect(sub); err != nil {
			return s.wrap("scan subjects: records", err)
		}
		if err := lc.collect(sub); err != nil {
			return s.wrap("scan subjects: latest", err)
		}
		if err := fn(sub); err != nil {
			return err
		}
	}
	return s.wrap("scan subjects", subs.Err())
}

// scanMmap is how much of the database file the bulk read of records maps
// into memory: on SQLite the read walks the subject index and fetches each
// record by rowid, and with pread every fetch was a system call and a copy
// (a tenth of the run's CPU). Only the bulk read's own connection maps, and
// only while it runs: the node's other connections keep the small
// resident size the dialect chose.
const scanMmap = 1 << 40

// bulkQuery runs a long read on a reader connection of its own; on SQLite
// that connection memory-maps the file for the read. release gives the
// connection back (unmapped).
func (s *Store) bulkQuery(ctx context.Context, q string, args ...any) (*sql.Rows, func(), error) {
	conn, err := s.rdb.Conn(ctx)
	if err != nil {
		return nil, nil, err
	}
	mapped := false
	if s.d.Name() == "sqlite" {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA mmap_size = %d", int64(scanMmap))); err == nil {
			mapped = true
		}
	}
	release := func() {
		if mapped {
			_, _ = conn.ExecContext(context.WithoutCancel(ctx), "PRAGMA mmap_size = 0")
		}
		_ = conn.Close()
	}
	rows, err := conn.QueryContext(ctx, s.d.Rebind(q), args...)
	if err != nil {
		release()
		return nil, nil, err
	}
	return rows, release, nil
}

// SplitSubjects implements score.Store: the codes that cut the master
// into parts ranges of about equal size, read off the code index.
func (s *Store) SplitSubjects(ctx context.Context, parts int) ([]score.KeyRange, error) {
	var n int64
	if err := s.queryRow(ctx, `SELECT COUNT(*) FROM subjects`).Scan(&n); err != nil {
		return nil, s.wrap("split subjects", err)
	}
	if parts < 1 || n < int64(parts) {
		parts = 1
	}
	var out []score.KeyRange
	from := ""
	for i := 1; i < parts; i++ {
		var cut string
		if err := s.queryRow(ctx, `SELECT uscc FROM subjects ORDER BY uscc LIMIT 1 OFFSET ?`, n*int64(i)/int64(parts)).Scan(&cut); err != nil {
			return nil, s.wrap("split subjects", err)
		}
		out = append(out, score.KeyRange{From: from, To: cut})
		from = cut
	}
	return append(out, score.KeyRange{From: from}), nil
}

func scoreRecordsQuery(items int, where string) string {
	q := `SELECT uscc, item_code, id, status, data FROM records WHERE is_current = 1` + where
	if items > 0 {
		q += ` AND item_code IN (` + placeholders(items) + `)`
	}
	return q
}

func stringArgs(v []string) []any {
	out := make([]any, len(v))
	for i, s := range v {
		out[i] = s
	}
	return out
}

// recordCursor reads records in code order, one row ahead, without an
// allocation per row: columns are scanned as sql.RawBytes, item codes and
// statuses interned, record IDs kept only for enterprises with marks, and
// record data copied into shared blocks.
type recordCursor struct {
	rows                  *sql.Rows
	uscc, item, id, st, d sql.RawBytes
	has, done             bool
	names                 map[string]string
	arena                 []byte
}

func newRecordCursor(rows *sql.Rows) *recordCursor {
	return &recordCursor{rows: rows, names: map[string]string{}}
}

func (c *recordCursor) next() error {
	if !c.rows.Next() {
		c.done, c.has = true, false
		return c.rows.Err()
	}
	if err := c.rows.Scan(&c.uscc, &c.item, &c.id, &c.st, &c.d); err != nil {
		return err
	}
	c.has = true
	return nil
}

func (c *recordCursor) intern(b []byte) string {
	if s, ok := c.names[string(b)]; ok {
		return s
	}
	s := string(b)
	c.names[s] = s
	return s
}

func (c *recordCursor) copyData(b []byte) []byte {
	if len(c.arena)+len(b) > cap(c.arena) {
		c.arena = make([]byte, 0, max(256<<10, len(b)))
	}
	i := len(c.arena)
	c.arena = append(c.arena, b...)
	return c.arena[i:len(c.arena):len(c.arena)]
}

func (c *recordCursor) collect(sub *score.Subject) error {
	for {
		if !c.has && !c.done {
			if err := c.next(); err != nil {
				return err
			}
		}
		if !c.has {
			return nil
		}
		if cmp := compareCode(c.uscc, sub.USCC); cmp > 0 {
			return nil
		} else if cmp == 0 {
			r := score.StoredRecord{Item: c.intern(c.item), Status: ingest.RecordStatus(c.intern(c.st)), Data: c.copyData(c.d)}
			if len(sub.Marks) > 0 {
				r.ID = string(c.id)
			}
			sub.Records = append(sub.Records, r)
		}
		c.has = false
	}
}

// compareCode compares a scanned code with a subject's, as strings.
func compareCode(b []byte, s string) int {
	switch bs := string(b); {
	case bs < s:
		return -1
	case bs > s:
		return 1
	}
	return 0
}

type markCursor struct {
	rows *sql.Rows
	uscc string
	id   string
	m    gate.Mark
	has  bool
	done bool
}

func (c *markCursor) collect(sub *score.Subject) error {
	for {
		if !c.has && !c.done {
			if !c.rows.Next() {
				c.done = true
				return c.rows.Err()
			}
			if err := c.rows.Scan(&c.uscc, &c.id, &c.m.Disputed, &c.m.Repaired, &c.m.Note); err != nil {
				return err
			}
			c.has = true
		}
		if !c.has || c.uscc > sub.USCC {
			return nil
		}
		if c.uscc == sub.USCC {
			if sub.Marks == nil {
				sub.Marks = map[string]gate.Mark{}
			}
			sub.Marks[c.id] = c.m
		}
		c.has = false
	}
}

type latestCursor struct {
	rows *sql.Rows
	uscc string
	l    score.Latest
	has  bool
	done bool
}

func (c *latestCursor) collect(sub *score.Subject) error {
	for {
		if !c.has && !c.done {
			if !c.rows.Next() {
				c.done = true
				return c.rows.Err()
			}
			c.l = score.Latest{}
			if err := c.rows.Scan(&c.uscc, &c.l.EvaluationID, &c.l.ModelVersion, &c.l.Score, &c.l.Grade, &c.l.Digest); err != nil {
				return err
			}
			c.has = true
		}
		if !c.has || c.uscc > sub.USCC {
			return nil
		}
		if c.uscc == sub.USCC {
			l := c.l
			sub.Latest = &l
		}
		c.has = false
	}
}

// LoadSubjects implements score.Store for a few enterprises: indexed reads
// per enterprise.
func (s *Store) LoadSubjects(ctx context.Context, codes []string, items []string) ([]*score.Subject, error) {
	var out []*score.Subject
	for _, code := range codes {
		sub := &score.Subject{USCC: code}
		err := s.queryRow(ctx, `SELECT region_code, industry_section FROM subjects WHERE uscc = ?`, code).Scan(&sub.Region, &sub.Industry)
		if err == sql.ErrNoRows {
			continue
		}
		if err != nil {
			return nil, s.wrap("load subject "+code, err)
		}
		rows, err := s.query(ctx, scoreRecordsQuery(len(items), " AND uscc = ?"), append([]any{code}, stringArgs(items)...)...)
		if err != nil {
			return nil, s.wrap("load subject "+code, err)
		}
		if sub.Marks, err = s.RecordMarks(ctx, code); err != nil {
			rows.Close()
			return nil, err
		}
		err = newRecordCursor(rows).collect(sub)
		rows.Close()
		if err != nil {
			return nil, s.wrap("load subject "+code, err)
		}
		var l score.Latest
		err = s.queryRow(ctx, `SELECT evaluation_id, model_version, score, grade, digest FROM score_latest WHERE uscc = ?`, code).
			Scan(&l.EvaluationID, &l.ModelVersion, &l.Score, &l.Grade, &l.Digest)
		switch {
		case err == nil:
			sub.Latest = &l
		case err != sql.ErrNoRows:
			return nil, s.wrap("load subject "+code, err)
		}
		out = append(out, sub)
	}
	return out, nil
}

// ScoreChanges implements score.Store: record versions by seq (the primary
// key) and the rights outbox by seq (its primary key).
func (s *Store) ScoreChanges(ctx context.Context, c score.Cursor, limit int) ([]string, score.Cursor, error) {
	if limit <= 0 {
		var rec, rig sql.NullInt64
		err := s.queryRow(ctx, `SELECT (SELECT MAX(seq) FROM records), (SELECT MAX(seq) FROM rights_changes)`).Scan(&rec, &rig)
		return nil, score.Cursor{RecordSeq: rec.Int64, RightsSeq: rig.Int64}, s.wrap("score changes", err)
	}
	seen := map[string]bool{}
	var out []string
	read := func(q string, seq *int64) error {
		rows, err := s.query(ctx, q, *seq, limit)
		if err != nil {
			return s.wrap("score changes", err)
		}
		defer rows.Close()
		for rows.Next() {
			var code string
			if err := rows.Scan(seq, &code); err != nil {
				return s.wrap("score changes", err)
			}
			if !seen[code] {
				seen[code] = true
				out = append(out, code)
			}
		}
		return s.wrap("score changes", rows.Err())
	}
	if err := read(`SELECT seq, uscc FROM records WHERE seq > ? ORDER BY seq LIMIT ?`, &c.RecordSeq); err != nil {
		return nil, c, err
	}
	if err := read(`SELECT seq, uscc FROM rights_changes WHERE seq > ? ORDER BY seq LIMIT ?`, &c.RightsSeq); err != nil {
		return nil, c, err
	}
	return out, c, nil
}

// ScoreCursor implements score.Store; a cursor never set is at the start.
func (s *Store) ScoreCursor(ctx context.Context, name string) (score.Cursor, error) {
	var c score.Cursor
	err := s.queryRow(ctx, `SELECT record_seq, rights_seq FROM score_cursors WHERE name = ?`, name).Scan(&c.RecordSeq, &c.RightsSeq)
	if err == sql.ErrNoRows {
		return score.Cursor{}, nil
	}
	return c, s.wrap("score cursor "+name, err)
}

// SetScoreCursor implements score.Store.
func (s *Store) SetScoreCursor(ctx context.Context, name string, c score.Cursor) error {
	_, err := s.exec(ctx, `INSERT INTO score_cursors (name, record_seq, rights_seq, updated_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (name) DO UPDATE SET record_seq = excluded.record_seq, rights_seq = excluded.rights_seq, updated_at = excluded.updated_at`,
		name, c.RecordSeq, c.RightsSeq, ts(s.Now()))
	return s.wrap("set score cursor "+name, err)
}

// ScoreEvents implements score.Store.
func (s *Store) ScoreEvents(ctx context.Context, after int64, limit int) ([]score.Event, error) {
	return collectRows(s, ctx, "score events", `SELECT seq, uscc, evaluation_id, model_version, old_score, old_grade, new_score, new_grade, created_at
		FROM score_events WHERE seq > ? ORDER BY seq LIMIT ?`, func(r accessScanner) (score.Event, error) {
		var e score.Event
		err := r.Scan(&e.Seq, &e.USCC, &e.EvaluationID, &e.ModelVersion, &e.OldScore, &e.OldGrade, &e.NewScore, &e.NewGrade, scanTime{&e.At})
		return e, err
	}, after, limit)
}

// GradeDistribution implements score.Store.
func (s *Store) GradeDistribution(ctx context.Context, by string, prefix int) ([]score.GradeCount, error) {
	col := "substr(region_code, 1, ?)"
	if by == "industry" {
		col = "substr(industry_section, 1, ?)"
	}
	q := `SELECT ` + col + ` AS k, grade, COUNT(*) FROM score_latest GROUP BY k, grade ORDER BY k, grade`
	return collectRows(s, ctx, "grade distribution", q, func(r accessScanner) (score.GradeCount, error) {
		var g score.GradeCount
		err := r.Scan(&g.Key, &g.Grade, &g.Count)
		return g, err
	}, prefix)
}
