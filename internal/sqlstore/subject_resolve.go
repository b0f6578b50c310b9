// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
)

// MapSubjectCodes resolves registered codes and unambiguous legacy IDs.
func (s *Store) MapSubjectCodes(ctx context.Context, codes []string) (map[string]string, error) {
	out := make(map[string]string, len(codes))
	var rest []string
	err := s.queryKeys(ctx, `SELECT uscc FROM subjects WHERE uscc`, codes, func(rows *sql.Rows) error {
		for rows.Next() {
			var u string
			if err := rows.Scan(&u); err != nil {
				return err
			}
			out[u] = u
		}
		return rows.Err()
	})
	if err != nil {
		return nil, s.wrap("map subject codes", err)
	}
	for _, c := range codes {
		if _, ok := out[c]; !ok && c != "" {
			rest = append(rest, c)
		}
	}
	if err := s.mapUnique(ctx, rest, `SELECT a.value, s.uscc FROM subject_aliases a JOIN subjects s ON s.seq = a.subject_seq
		WHERE a.kind <> 'former_name' AND a.value`, out); err != nil {
		return nil, s.wrap("map subject aliases", err)
	}
	return out, nil
}

// MapSubjectNames resolves exact current names, then former names.
func (s *Store) MapSubjectNames(ctx context.Context, names []string) (map[string]string, error) {
	out := make(map[string]string, len(names))
	if err := s.mapUnique(ctx, names, `SELECT name, uscc FROM subjects WHERE name`, out); err != nil {
		return nil, s.wrap("map subject names", err)
	}
	var rest []string
	for _, n := range names {
		if _, ok := out[n]; !ok && n != "" {
			rest = append(rest, n)
		}
	}
	if err := s.mapUnique(ctx, rest, `SELECT a.value, s.uscc FROM subject_aliases a JOIN subjects s ON s.seq = a.subject_seq
		WHERE a.kind = 'former_name' AND a.value`, out); err != nil {
		return nil, s.wrap("map subject former names", err)
	}
	return out, nil
}

// mapUnique runs head (ending with the key column) over keys and adds to
// out the keys that map to exactly one USCC.
func (s *Store) mapUnique(ctx context.Context, keys []string, head string, out map[string]string) error {
	seen := map[string]string{}
	ambiguous := map[string]bool{}
	err := s.queryKeys(ctx, head, keys, func(rows *sql.Rows) error {
		for rows.Next() {
			var k, u string
			if err := rows.Scan(&k, &u); err != nil {
				return err
			}
			if prev, ok := seen[k]; ok && prev != u {
				ambiguous[k] = true
			}
			seen[k] = u
		}
		return rows.Err()
	})
	for k, u := range seen {
		if !ambiguous[k] {
			out[k] = u
		}
	}
	return err
}

// queryKeys runs head (a query ending with a column) restricted to the
// distinct non-empty keys on the reader pool and hands the rows to scan:
// on PostgreSQL once with an array (= ANY), elsewhere multiRow keys at a
// time (IN). A 500-placeholder IN list is planned afresh for each part, and
// on PostgreSQL planning cost more than the lookups.
func (s *Store) queryKeys(ctx context.Context, head string, keys []string, scan func(*sql.Rows) error) error {
	run := func(q string, args ...any) error {
		rows, err := s.query(ctx, q, args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		return scan(rows)
	}
	if s.d.Name() != "postgres" {
		return inChunks(keys, func(part []any) error {
			return run(head+` IN (`+placeholders(len(part))+`)`, part...)
		})
	}
	seen := make(map[string]bool, len(keys))
	arr := make([]string, 0, len(keys))
	for _, k := range keys {
		if k != "" && !seen[k] {
			seen[k] = true
			arr = append(arr, k)
		}
	}
	if len(arr) == 0 {
		return nil
	}
	return run(head+` = ANY(?)`, arr)
}

// inChunks calls fn with the distinct non-empty keys, at most multiRow at a time.
func inChunks(keys []string, fn func(part []any) error) error {
	seen := make(map[string]bool, len(keys))
	part := make([]any, 0, multiRow)
	for _, k := range keys {
		if k == "" || seen[k] {
			continue
		}
		seen[k] = true
		part = append(part, k)
		if len(part) == multiRow {
			if err := fn(part); err != nil {
				return err
			}
			part = part[:0]
		}
	}
	if len(part) > 0 {
		return fn(part)
	}
	return nil
}
