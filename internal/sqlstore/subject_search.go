// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"strconv"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/subject"
)

// SearchSubjects pages through subjects matching f in seq order. With a
// name query, the index (FTS5 on SQLite, a GIN tsvector on PostgreSQL)
// finds rows holding every query token; subject.Matches then drops the
// rows whose tokens occur in the wrong places, so the page may need more
// than one fetch.
func (s *Store) SearchSubjects(ctx context.Context, f subject.Filter) (subject.Page, error) {
	after := int64(0)
	if f.Cursor != "" {
		v, err := strconv.ParseInt(f.Cursor, 10, 64)
		if err != nil || v < 0 {
			return subject.Page{}, apperr.Invalidf("cursor: 无效的分页游标 / malformed cursor")
		}
		after = v
	}
	var where []string
	var args []any
	from := "subjects s"
	seqCol := "s.seq"
	tokens := subject.QueryTokens(f.Query)
	if f.Query != "" && len(tokens) > 0 {
		if s.d.Name() == "postgres" {
			where, args = append(where, "s.search @@ ?::tsquery"), append(args, subject.TSQuery(tokens))
		} else {
			from = "subjects_fts f JOIN subjects s ON s.seq = f.rowid"
			seqCol = "f.rowid"
			where, args = append(where, "subjects_fts MATCH ?"), append(args, subject.FTS5Query(tokens))
		}
	}
	// Prefixes are ranges, not LIKE, so that the plain index serves them on
	// both engines (SQLite's LIKE is case-insensitive and skips the index).
	if p := regionPrefix(f.RegionCode); p != "" {
		where, args = append(where, "s.region_code >= ? AND s.region_code < ?"), append(args, p, prefixEnd(p))
	}
	if c := strings.TrimSpace(f.IndustryCode); c != "" {
		if len(c) == 1 {
			where, args = append(where, "s.industry_section = ?"), append(args, strings.ToUpper(c))
		} else {
			where, args = append(where, "s.industry_code >= ? AND s.industry_code < ?"), append(args, c, prefixEnd(c))
		}
	}
	if f.Type != "" {
		where, args = append(where, "s.type = ?"), append(args, string(f.Type))
	}
	if f.Status != "" {
		where, args = append(where, "s.status = ?"), append(args, string(f.Status))
	}
	if f.Tag != "" {
		where, args = append(where, "EXISTS (SELECT 1 FROM subject_tags t WHERE t.tag = ? AND t.subject_seq = s.seq)"), append(args, f.Tag)
	}
	where = append(where, seqCol+" > ?")
	q := "SELECT " + subjectCols + " FROM " + from + " WHERE " + strings.Join(where, " AND ") + " ORDER BY " + seqCol + " LIMIT ?"

	limit := f.Limit
	fetch := limit + 1
	if len(tokens) > 0 {
		fetch = 2*limit + 16 // room for rows Matches rejects
	}
	var keep []subjectRow
	for len(keep) <= limit {
		rows, err := s.query(ctx, q, append(append([]any{}, args...), after, fetch)...)
		if err != nil {
			return subject.Page{}, s.wrap("search subjects", err)
		}
		n := 0
		for rows.Next() {
			r, err := scanSubject(rows)
			if err != nil {
				rows.Close()
				return subject.Page{}, s.wrap("search subjects", err)
			}
			n++
			after = r.seq
			if f.Query == "" || subject.Matches(r.s.Name, f.Query) {
				keep = append(keep, r)
			}
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return subject.Page{}, s.wrap("search subjects", err)
		}
		if n < fetch {
			break
		}
	}
	var page subject.Page
	if len(keep) > limit {
		keep = keep[:limit]
		page.Next = strconv.FormatInt(keep[limit-1].seq, 10)
	}
	subs, err := s.withAliases(ctx, keep)
	if err != nil {
		return subject.Page{}, err
	}
	page.Subjects = subs
	return page, nil
}

// regionPrefix turns a GB/T 2260 code into the prefix its area's codes
// share: 640000 → 64, 640100 → 6401, 640104 → 640104.
func regionPrefix(code string) string {
	code = strings.TrimSpace(code)
	if len(code) != 6 {
		return code
	}
	switch {
	case code[2:] == "0000":
		return code[:2]
	case code[4:] == "00":
		return code[:4]
	}
	return code
}

// prefixEnd returns the smallest string greater than every string with the
// given prefix (codes are ASCII, so bumping the last byte is enough).
func prefixEnd(p string) string {
	b := []byte(p)
	b[len(b)-1]++
	return string(b)
}
