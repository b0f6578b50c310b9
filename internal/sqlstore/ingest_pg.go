// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"errors"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/xinrong/xinrong/internal/ingest"
)

// commitChunkPG writes a chunk with COPY inside one transaction: records,
// rejections and quarantined rows are copied, the rest are plain
// statements.
func (s *Store) commitChunkPG(ctx context.Context, c *ingest.Chunk) error {
	conn, err := s.db.Conn(ctx)
	if err != nil {
		return s.wrap("commit chunk: connect", err)
	}
	defer conn.Close()
	now := s.Now()
	err = conn.Raw(func(dc any) error {
		pc := dc.(*stdlib.Conn).Conn()
		tx, err := pc.Begin(ctx)
		if err != nil {
			return err
		}
		defer tx.Rollback(ctx) //nolint:errcheck // no-op after Commit
		if len(c.Supersede) > 0 {
			if _, err := tx.Exec(ctx, `UPDATE records SET is_current = 0 WHERE seq = ANY($1)`, c.Supersede); err != nil {
				return err
			}
		}
		// Records are turned into rows as COPY sends them, not all at
		// once: a chunk's rows of boxed values were as big as the chunk.
		recs := pgx.CopyFromSlice(len(c.Records), func(i int) ([]any, error) {
			r := recordRow(&c.Records[i])
			r[13] = c.Records[i].ReceivedAt // COPY takes time.Time for TIMESTAMPTZ
			return r, nil
		})
		for _, cp := range []struct {
			table string
			cols  []string
			n     int
			rows  pgx.CopyFromSource
		}{
			{"records", recordCols, len(c.Records), recs},
			{"ingest_rejections", rejectionCols, len(c.Rejections), pgx.CopyFromRows(rejectionRows(c.Rejections))},
			{"quarantine", quarantineCols, len(c.Quarantine), pgx.CopyFromRows(quarantineRows(c.Quarantine, now))},
		} {
			if cp.n == 0 {
				continue
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{cp.table}, cp.cols, cp.rows); err != nil {
				return err
			}
		}
		args := batchAdvanceArgs(c.Batch, c.PrevCommitted, now)
		tag, err := tx.Exec(ctx, s.d.Rebind(batchAdvance), args...)
		if err != nil {
			return err
		}
		if tag.RowsAffected() != 1 {
			return errBatchMoved
		}
		return tx.Commit(ctx)
	})
	if errors.Is(err, errBatchMoved) {
		return errBatchMoved
	}
	if err == nil {
		if aerr := s.grew(ctx, "records", int64(len(c.Records))); aerr != nil {
			return aerr
		}
	}
	return s.wrap("commit chunk", err)
}
