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
		recs := make([][]any, len(c.Records))
		for i := range c.Records {
			recs[i] = recordRow(&c.Records[i])
			recs[i][13] = c.Records[i].ReceivedAt // COPY takes time.Time for TIMESTAMPTZ
		}
		for _, cp := range []struct {
			table string
			cols  []string
			rows  [][]any
		}{
			{"records", recordCols, recs},
			{"ingest_rejections", rejectionCols, rejectionRows(c.Rejections)},
			{"quarantine", quarantineCols, quarantineRows(c.Quarantine, now)},
		} {
			if len(cp.rows) == 0 {
				continue
			}
			if _, err := tx.CopyFrom(ctx, pgx.Identifier{cp.table}, cp.cols, pgx.CopyFromRows(cp.rows)); err != nil {
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
