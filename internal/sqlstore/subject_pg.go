// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/subject"
)

// upsertSubjectsPG copies the batch into temporary staging tables with
// COPY and merges them set-wise: one round trip per statement instead of
// per row, which is what makes a million-row load fast on PostgreSQL.
func (s *Store) upsertSubjectsPG(ctx context.Context, batch []subject.Subject) (inserted, updated int, err error) {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return 0, 0, s.wrap("upsert subjects: connect", err)
	}
	defer conn.Close()
	now := s.Now()
	err = conn.Raw(func(dc any) error {
		c := dc.(*stdlib.Conn).Conn()
		tx, err := c.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx) //nolint:errcheck // after Commit this is a no-op
		if _, err := tx.Exec(ctx, `CREATE TEMP TABLE subjects_stage (
			id text, uscc text, name text, type text, legal_rep text, region_code text, industry_code text,
			industry_section text, status text, registered_at timestamptz, registered_capital_fen bigint,
			address text, tags text, flags text, created_at timestamptz, updated_at timestamptz, tokens text) ON COMMIT DROP;
			CREATE TEMP TABLE subject_aliases_stage (uscc text, kind text, value text) ON COMMIT DROP`); err != nil {
			return err
		}
		rows := make([][]any, len(batch))
		var aliases [][]any
		for i := range batch {
			b := &batch[i]
			b.ID, b.CreatedAt, b.UpdatedAt = id.New(), now, now
			var reg any
			if !b.RegisteredAt.IsZero() {
				reg = b.RegisteredAt
			}
			rows[i] = []any{b.ID, b.USCC, b.Name, string(b.Type), b.LegalRep, b.RegionCode, b.IndustryCode,
				industrySection(b.IndustryCode), string(b.Status), reg, b.RegisteredCapitalFen, b.Address,
				joinList(b.Tags), joinList(flagStrings(b.Flags)), now, now, subject.IndexTokens(b.Name)}
			for _, a := range b.Aliases {
				aliases = append(aliases, []any{b.USCC, string(a.Kind), a.Value})
			}
		}
		cols := []string{"id", "uscc", "name", "type", "legal_rep", "region_code", "industry_code", "industry_section",
			"status", "registered_at", "registered_capital_fen", "address", "tags", "flags", "created_at", "updated_at", "tokens"}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"subjects_stage"}, cols, pgx.CopyFromRows(rows)); err != nil {
			return fmt.Errorf("copy subjects: %w", err)
		}
		if _, err := tx.CopyFrom(ctx, pgx.Identifier{"subject_aliases_stage"}, []string{"uscc", "kind", "value"}, pgx.CopyFromRows(aliases)); err != nil {
			return fmt.Errorf("copy aliases: %w", err)
		}
		// xmax = 0 only on rows this statement inserted.
		res, err := tx.Query(ctx, `INSERT INTO subjects (`+subjectInsertCols+`, search)
			SELECT `+subjectInsertCols+`, tokens::tsvector FROM subjects_stage
			ON CONFLICT (uscc) DO UPDATE SET name = excluded.name, type = excluded.type, legal_rep = excluded.legal_rep,
				region_code = excluded.region_code, industry_code = excluded.industry_code,
				industry_section = excluded.industry_section, status = excluded.status,
				registered_at = excluded.registered_at, registered_capital_fen = excluded.registered_capital_fen,
				address = excluded.address, tags = excluded.tags, flags = excluded.flags,
				updated_at = excluded.updated_at, search = excluded.search
			RETURNING (xmax = 0), uscc, id, created_at`)
		if err != nil {
			return err
		}
		pos := make(map[string]int, len(batch))
		for i := range batch {
			pos[batch[i].USCC] = i
		}
		for res.Next() {
			var isNew bool
			var uscc, sid string
			var created time.Time
			if err := res.Scan(&isNew, &uscc, &sid, &created); err != nil {
				res.Close()
				return err
			}
			// An updated subject keeps its first ID and creation time.
			b := &batch[pos[uscc]]
			b.ID, b.CreatedAt = sid, created.UTC()
			if isNew {
				inserted++
			} else {
				updated++
			}
		}
		res.Close()
		if err := res.Err(); err != nil {
			return err
		}
		if _, err := tx.Exec(ctx, `
			DELETE FROM subject_aliases WHERE subject_seq IN (SELECT s.seq FROM subjects s JOIN subjects_stage st ON st.uscc = s.uscc);
			DELETE FROM subject_tags WHERE subject_seq IN (SELECT s.seq FROM subjects s JOIN subjects_stage st ON st.uscc = s.uscc);
			INSERT INTO subject_aliases (kind, value, subject_seq)
				SELECT a.kind, a.value, s.seq FROM subject_aliases_stage a JOIN subjects s ON s.uscc = a.uscc ON CONFLICT DO NOTHING;
			INSERT INTO subject_tags (tag, subject_seq)
				SELECT t.tag, s.seq FROM subjects_stage st JOIN subjects s ON s.uscc = st.uscc
				CROSS JOIN LATERAL unnest(string_to_array(st.tags, '|')) AS t(tag) WHERE st.tags <> '' ON CONFLICT DO NOTHING`); err != nil {
			return err
		}
		return tx.Commit(ctx)
	})
	if err != nil {
		return 0, 0, s.wrap("upsert subjects", err)
	}
	if err := s.grew(ctx, "subjects", int64(inserted)); err != nil {
		return 0, 0, err
	}
	if err := s.grew(ctx, "subject_aliases", int64(len(batch))); err != nil {
		return 0, 0, err
	}
	return inserted, updated, nil
}
