// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/subject"
)

const subjectCols = `s.seq, s.id, s.uscc, s.name, s.type, s.legal_rep, s.region_code, s.industry_code, s.status,
	s.registered_at, s.registered_capital_fen, s.address, s.tags, s.flags, s.created_at, s.updated_at`

// subjectRow is a subjects row as scanned, with its integer key.
type subjectRow struct {
	seq int64
	s   subject.Subject
}

func scanSubject(sc interface{ Scan(...any) error }) (subjectRow, error) {
	var r subjectRow
	var typ, status, tags, flags string
	err := sc.Scan(&r.seq, &r.s.ID, &r.s.USCC, &r.s.Name, &typ, &r.s.LegalRep, &r.s.RegionCode, &r.s.IndustryCode,
		&status, scanTime{&r.s.RegisteredAt}, &r.s.RegisteredCapitalFen, &r.s.Address, &tags, &flags,
		scanTime{&r.s.CreatedAt}, scanTime{&r.s.UpdatedAt})
	r.s.Type, r.s.Status = subject.Type(typ), subject.Status(status)
	r.s.Tags = splitList(tags)
	for _, f := range splitList(flags) {
		r.s.Flags = append(r.s.Flags, subject.Flag(f))
	}
	return r, err
}

// Tags and flags are kept denormalised on the row (for display) as well as
// in subject_tags (for filtering). '|' never occurs in either.
func joinList(xs []string) string { return strings.Join(xs, "|") }

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "|")
}

func flagStrings(fs []subject.Flag) []string {
	out := make([]string, len(fs))
	for i, f := range fs {
		out[i] = string(f)
	}
	return out
}

// subjectArgs returns the values for the insert column list, in order.
func subjectArgs(s *subject.Subject) []any {
	return []any{s.ID, s.USCC, s.Name, string(s.Type), s.LegalRep, s.RegionCode, s.IndustryCode, industrySection(s.IndustryCode),
		string(s.Status), nullTime(s.RegisteredAt), s.RegisteredCapitalFen, s.Address, joinList(s.Tags), joinList(flagStrings(s.Flags)),
		ts(s.CreatedAt), ts(s.UpdatedAt)}
}

const subjectInsertCols = `id, uscc, name, type, legal_rep, region_code, industry_code, industry_section, status,
	registered_at, registered_capital_fen, address, tags, flags, created_at, updated_at`

const subjectInsertN = 16

func industrySection(code string) string {
	if code == "" {
		return ""
	}
	if ind, ok := subject.Industries().Lookup(code); ok {
		return ind.Section
	}
	return ""
}

// CreateSubject inserts one subject with its aliases, tags and name index.
func (s *Store) CreateSubject(ctx context.Context, sub *subject.Subject) error {
	now := s.Now()
	sub.ID, sub.CreatedAt, sub.UpdatedAt = id.New(), now, now
	return s.Tx(ctx, func(tx *Tx) error {
		var seq int64
		err := tx.QueryRow(ctx, `INSERT INTO subjects (`+subjectInsertCols+`) VALUES (`+placeholders(subjectInsertN)+`) RETURNING seq`,
			subjectArgs(sub)...).Scan(&seq)
		if err != nil {
			return s.wrap("create subject "+sub.USCC, err)
		}
		return s.writeSubjectChildren(ctx, tx, []int64{seq}, []*subject.Subject{sub}, false)
	})
}

// FindSubjectByUSCC returns the subject with the code.
func (s *Store) FindSubjectByUSCC(ctx context.Context, uscc string) (subject.Subject, error) {
	r, err := scanSubject(s.queryRow(ctx, `SELECT `+subjectCols+` FROM subjects s WHERE s.uscc = ?`, uscc))
	if err != nil {
		return subject.Subject{}, s.wrap("find subject "+uscc, err)
	}
	subs, err := s.withAliases(ctx, []subjectRow{r})
	if err != nil {
		return subject.Subject{}, err
	}
	return subs[0], nil
}

// FindSubjectsByAlias returns subjects known under a legacy ID or former name.
func (s *Store) FindSubjectsByAlias(ctx context.Context, value string) ([]subject.Subject, error) {
	return s.findSubjects(ctx, "find subjects by alias",
		`SELECT `+subjectCols+` FROM subjects s WHERE s.seq IN (SELECT subject_seq FROM subject_aliases WHERE value = ?) ORDER BY s.seq LIMIT 20`, value)
}

// FindSubjectsByName returns subjects whose current name is exactly name.
func (s *Store) FindSubjectsByName(ctx context.Context, name string) ([]subject.Subject, error) {
	return s.findSubjects(ctx, "find subjects by name", `SELECT `+subjectCols+` FROM subjects s WHERE s.name = ? ORDER BY s.seq LIMIT 20`, name)
}

// CountSubjects returns the size of the master.
func (s *Store) CountSubjects(ctx context.Context) (int, error) {
	var n int
	err := s.queryRow(ctx, `SELECT COUNT(*) FROM subjects`).Scan(&n)
	return n, s.wrap("count subjects", err)
}

func (s *Store) findSubjects(ctx context.Context, op, q string, args ...any) ([]subject.Subject, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	var rs []subjectRow
	for rows.Next() {
		r, err := scanSubject(rows)
		if err != nil {
			return nil, s.wrap(op, err)
		}
		rs = append(rs, r)
	}
	if err := rows.Err(); err != nil {
		return nil, s.wrap(op, err)
	}
	return s.withAliases(ctx, rs)
}

// withAliases loads the aliases of the given rows in one query.
func (s *Store) withAliases(ctx context.Context, rs []subjectRow) ([]subject.Subject, error) {
	out := make([]subject.Subject, len(rs))
	if len(rs) == 0 {
		return out, nil
	}
	idx := make(map[int64]int, len(rs))
	args := make([]any, len(rs))
	for i, r := range rs {
		out[i] = r.s
		idx[r.seq] = i
		args[i] = r.seq
	}
	rows, err := s.query(ctx, `SELECT subject_seq, kind, value FROM subject_aliases WHERE subject_seq IN (`+placeholders(len(rs))+`) ORDER BY kind, value`, args...)
	if err != nil {
		return nil, s.wrap("load aliases", err)
	}
	defer rows.Close()
	for rows.Next() {
		var seq int64
		var a subject.Alias
		var kind string
		if err := rows.Scan(&seq, &kind, &a.Value); err != nil {
			return nil, s.wrap("load aliases", err)
		}
		a.Kind = subject.AliasKind(kind)
		i := idx[seq]
		out[i].Aliases = append(out[i].Aliases, a)
	}
	return out, s.wrap("load aliases", rows.Err())
}

// placeholders returns "?, ?, …" with n marks.
func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// nullTime is a helper for optional times in arguments.
func nullTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return ts(t)
}
