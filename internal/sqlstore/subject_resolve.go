// SPDX-License-Identifier: Apache-2.0

package sqlstore

import "context"

// MapSubjectCodes resolves registered codes and unambiguous legacy IDs.
func (s *Store) MapSubjectCodes(ctx context.Context, codes []string) (map[string]string, error) {
	out := make(map[string]string, len(codes))
	var rest []string
	err := inChunks(codes, func(part []any) error {
		rows, err := s.query(ctx, `SELECT uscc FROM subjects WHERE uscc IN (`+placeholders(len(part))+`)`, part...)
		if err != nil {
			return err
		}
		defer rows.Close()
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
		WHERE a.kind <> 'former_name' AND a.value IN (`, out); err != nil {
		return nil, s.wrap("map subject aliases", err)
	}
	return out, nil
}

// MapSubjectNames resolves exact current names, then former names.
func (s *Store) MapSubjectNames(ctx context.Context, names []string) (map[string]string, error) {
	out := make(map[string]string, len(names))
	if err := s.mapUnique(ctx, names, `SELECT name, uscc FROM subjects WHERE name IN (`, out); err != nil {
		return nil, s.wrap("map subject names", err)
	}
	var rest []string
	for _, n := range names {
		if _, ok := out[n]; !ok && n != "" {
			rest = append(rest, n)
		}
	}
	if err := s.mapUnique(ctx, rest, `SELECT a.value, s.uscc FROM subject_aliases a JOIN subjects s ON s.seq = a.subject_seq
		WHERE a.kind = 'former_name' AND a.value IN (`, out); err != nil {
		return nil, s.wrap("map subject former names", err)
	}
	return out, nil
}

// mapUnique runs head + placeholders + ")" over keys and adds to out the
// keys that map to exactly one USCC.
func (s *Store) mapUnique(ctx context.Context, keys []string, head string, out map[string]string) error {
	seen := map[string]string{}
	ambiguous := map[string]bool{}
	err := inChunks(keys, func(part []any) error {
		rows, err := s.query(ctx, head+placeholders(len(part))+`)`, part...)
		if err != nil {
			return err
		}
		defer rows.Close()
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
