// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/subject"
)

// multiRow is how many rows one multi-row INSERT carries: 16 columns × 500
// stays far below SQLite's 32,766 bound parameters.
const multiRow = 500

// UpsertSubjects inserts new subjects and updates known ones by USCC, with
// their aliases, tags and name index, in one transaction. On PostgreSQL the
// batch is copied into a staging table and merged set-wise; on SQLite it is
// written with multi-row statements on the single writer connection.
func (s *Store) UpsertSubjects(ctx context.Context, batch []subject.Subject) (inserted, updated int, err error) {
	if len(batch) == 0 {
		return 0, 0, nil
	}
	if s.d.Name() == "postgres" {
		return s.upsertSubjectsPG(ctx, batch)
	}
	err = s.Tx(ctx, func(tx *Tx) error {
		existing, err := s.subjectSeqs(ctx, tx, batch)
		if err != nil {
			return err
		}
		var newSubs, oldSubs []*subject.Subject
		var oldSeqs []int64
		for i := range batch {
			sub := &batch[i]
			sub.UpdatedAt = tx.Now
			if e, ok := existing[sub.USCC]; ok {
				sub.ID, sub.CreatedAt = e.id, e.created
				oldSubs, oldSeqs = append(oldSubs, sub), append(oldSeqs, e.seq)
			} else {
				sub.ID, sub.CreatedAt = id.New(), tx.Now
				newSubs = append(newSubs, sub)
			}
		}
		newSeqs, err := s.insertSubjects(ctx, tx, newSubs)
		if err != nil {
			return err
		}
		if err := s.writeSubjectChildren(ctx, tx, newSeqs, newSubs, false); err != nil {
			return err
		}
		for i, sub := range oldSubs {
			args := append(subjectArgs(sub)[2:], oldSeqs[i])
			if _, err := tx.Exec(ctx, `UPDATE subjects SET name = ?, type = ?, legal_rep = ?, region_code = ?, industry_code = ?,
				industry_section = ?, status = ?, registered_at = ?, registered_capital_fen = ?, address = ?, tags = ?, flags = ?,
				created_at = ?, updated_at = ? WHERE seq = ?`, args...); err != nil {
				return s.wrap("update subject "+sub.USCC, err)
			}
		}
		inserted, updated = len(newSubs), len(oldSubs)
		return s.writeSubjectChildren(ctx, tx, oldSeqs, oldSubs, true)
	})
	return inserted, updated, err
}

type subjectKey struct {
	seq     int64
	id      string
	created time.Time
}

// subjectSeqs returns the keys of the batch's codes that are already known.
func (s *Store) subjectSeqs(ctx context.Context, tx *Tx, batch []subject.Subject) (map[string]subjectKey, error) {
	out := make(map[string]subjectKey)
	for start := 0; start < len(batch); start += multiRow {
		end := min(start+multiRow, len(batch))
		args := make([]any, 0, end-start)
		for _, b := range batch[start:end] {
			args = append(args, b.USCC)
		}
		rows, err := tx.Query(ctx, `SELECT seq, id, uscc, created_at FROM subjects WHERE uscc IN (`+placeholders(len(args))+`)`, args...)
		if err != nil {
			return nil, s.wrap("find known subjects", err)
		}
		for rows.Next() {
			var k subjectKey
			var uscc string
			if err := rows.Scan(&k.seq, &k.id, &uscc, scanTime{&k.created}); err != nil {
				rows.Close()
				return nil, s.wrap("find known subjects", err)
			}
			out[uscc] = k
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, s.wrap("find known subjects", err)
		}
	}
	return out, nil
}

// insertSubjects inserts rows with multi-row statements and returns each
// row's seq, in input order (RETURNING order is not guaranteed, so rows are
// matched back by code).
func (s *Store) insertSubjects(ctx context.Context, tx *Tx, subs []*subject.Subject) ([]int64, error) {
	seqs := make([]int64, len(subs))
	for start := 0; start < len(subs); start += multiRow {
		end := min(start+multiRow, len(subs))
		pos := make(map[string]int, end-start)
		args := make([]any, 0, (end-start)*subjectInsertN)
		q := make([]byte, 0, 64*(end-start))
		q = append(q, "INSERT INTO subjects ("+subjectInsertCols+") VALUES "...)
		for i := start; i < end; i++ {
			if i > start {
				q = append(q, ", "...)
			}
			q = append(q, "("+placeholders(subjectInsertN)+")"...)
			args = append(args, subjectArgs(subs[i])...)
			pos[subs[i].USCC] = i
		}
		q = append(q, " RETURNING seq, uscc"...)
		rows, err := tx.Query(ctx, string(q), args...)
		if err != nil {
			return nil, s.wrap("insert subjects", err)
		}
		for rows.Next() {
			var seq int64
			var uscc string
			if err := rows.Scan(&seq, &uscc); err != nil {
				rows.Close()
				return nil, s.wrap("insert subjects", err)
			}
			seqs[pos[uscc]] = seq
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, s.wrap("insert subjects", err)
		}
	}
	return seqs, nil
}

// writeSubjectChildren writes aliases, tags and (on SQLite) name tokens for
// rows; replace first removes what the rows had.
func (s *Store) writeSubjectChildren(ctx context.Context, tx *Tx, seqs []int64, subs []*subject.Subject, replace bool) error {
	if len(subs) == 0 {
		return nil
	}
	pg := s.d.Name() == "postgres"
	if replace {
		for start := 0; start < len(seqs); start += multiRow {
			args := make([]any, 0, multiRow)
			for _, q := range seqs[start:min(start+multiRow, len(seqs))] {
				args = append(args, q)
			}
			in := placeholders(len(args))
			stmts := []string{"DELETE FROM subject_aliases WHERE subject_seq IN (" + in + ")", "DELETE FROM subject_tags WHERE subject_seq IN (" + in + ")"}
			if !pg {
				stmts = append(stmts, "DELETE FROM subjects_fts WHERE rowid IN ("+in+")")
			}
			for _, q := range stmts {
				if _, err := tx.Exec(ctx, q, args...); err != nil {
					return s.wrap("replace subject children", err)
				}
			}
		}
	}
	var aliases, tags, tokens [][]any
	for i, sub := range subs {
		for _, a := range sub.Aliases {
			aliases = append(aliases, []any{string(a.Kind), a.Value, seqs[i]})
		}
		for _, t := range sub.Tags {
			tags = append(tags, []any{t, seqs[i]})
		}
		if pg {
			tokens = append(tokens, []any{subject.IndexTokens(sub.Name), seqs[i]})
		} else {
			tokens = append(tokens, []any{seqs[i], subject.IndexTokens(sub.Name)})
		}
	}
	if err := s.insertRows(ctx, tx, "INSERT INTO subject_aliases (kind, value, subject_seq) VALUES", 3, aliases, " ON CONFLICT DO NOTHING"); err != nil {
		return err
	}
	if err := s.insertRows(ctx, tx, "INSERT INTO subject_tags (tag, subject_seq) VALUES", 2, tags, " ON CONFLICT DO NOTHING"); err != nil {
		return err
	}
	if pg {
		for _, t := range tokens {
			if _, err := tx.Exec(ctx, "UPDATE subjects SET search = ?::tsvector WHERE seq = ?", t...); err != nil {
				return s.wrap("index subject name", err)
			}
		}
		return nil
	}
	return s.insertRows(ctx, tx, "INSERT INTO subjects_fts (rowid, tokens) VALUES", 2, tokens, "")
}

// insertRows writes rows of width columns with multi-row INSERTs.
func (s *Store) insertRows(ctx context.Context, tx *Tx, head string, width int, rows [][]any, tail string) error {
	for start := 0; start < len(rows); start += multiRow {
		end := min(start+multiRow, len(rows))
		args := make([]any, 0, (end-start)*width)
		q := make([]byte, 0, len(head)+(end-start)*(4*width))
		q = append(q, head...)
		for i := start; i < end; i++ {
			if i > start {
				q = append(q, ',')
			}
			q = append(q, " ("+placeholders(width)+")"...)
			args = append(args, rows[i]...)
		}
		q = append(q, tail...)
		if _, err := tx.Exec(ctx, string(q), args...); err != nil {
			return s.wrap(fmt.Sprintf("insert %d rows", end-start), err)
		}
	}
	return nil
}
