// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/fixture"
	"github.com/xinrong/xinrong/internal/generate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/ingest/source"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// TestIngest_PenaltySpeed collects one penalty CSV of XINRONG_BENCH_ROWS
// rows (validated, resolved, deduped, stored with provenance) and compares
// it with a baseline that reads the same file with the same reader and
// inserts the rows without validation or dedup (multi-row INSERT on
// SQLite, COPY on PostgreSQL), in the same run.
func TestIngest_PenaltySpeed(t *testing.T) {
	rows, _ := strconv.Atoi(os.Getenv("XINRONG_BENCH_ROWS"))
	if rows <= 0 {
		t.Skip("set XINRONG_BENCH_ROWS=N to measure collecting an N-row penalty file")
	}
	ctx := context.Background()
	n := min(100_000, rows)
	gen, err := generate.Enterprises(1, n, "")
	if err != nil {
		t.Fatal(err)
	}
	var subs []subject.Subject
	for s := range gen {
		subs = append(subs, s)
	}
	path := filepath.Join(t.TempDir(), "penalties.csv")
	if err := fixture.WritePenaltyCSV(path, subs, rows); err != nil {
		t.Fatal(err)
	}
	st := storetest.Open(t)
	base, _ := catalog.Default()
	cat, err := catalog.NewService(ctx, st, base)
	if err != nil {
		t.Fatal(err)
	}
	master := subject.NewService(st)
	if _, err := master.Import(ctx, func(yield func(subject.Subject) bool) {
		for _, s := range subs {
			if !yield(s) {
				return
			}
		}
	}, nil); err != nil {
		t.Fatal(err)
	}
	svc := ingest.NewService(st, cat, st, nil)
	if n, _ := strconv.Atoi(os.Getenv("XINRONG_BENCH_CHUNK")); n > 0 {
		svc.ChunkSize = n
	}
	if _, err := svc.RegisterProvider(ctx, ingest.Provider{Code: "P-SCJG-640000", Name: "市场监督管理厅", Items: []string{"PEN.XZCF"}}); err != nil {
		t.Fatal(err)
	}

	start, cpu := time.Now(), cpuTime()
	if err := baseline(ctx, st, path); err != nil {
		t.Fatal(err)
	}
	baseDur, baseCPU := time.Since(start), cpuTime()-cpu

	start, cpu = time.Now(), cpuTime()
	b, err := svc.IngestFile(ctx, ingest.FileInput{Provider: "P-SCJG-640000", Item: "PEN.XZCF", Path: path})
	if err != nil {
		t.Fatal(err)
	}
	dur, durCPU := time.Since(start), cpuTime()-cpu
	if b.Accepted != int64(rows) {
		t.Fatalf("accepted %d of %d: %+v", b.Accepted, rows, b.Counts)
	}
	t.Logf("%s: collected %d penalty rows in %.1fs = %.0f rows/s; baseline (same reader, insert without validation or dedup) %.1fs = %.0f rows/s; ratio (baseline time / collection time) %.2f",
		st.Dialect(), rows, dur.Seconds(), float64(rows)/dur.Seconds(), baseDur.Seconds(), float64(rows)/baseDur.Seconds(), baseDur.Seconds()/dur.Seconds())
	// The machine is shared: CPU time of this process (not of a PostgreSQL
	// server) moves less with other people's load than wall time does.
	t.Logf("CPU time of this process: collection %.1fs, baseline %.1fs", durCPU.Seconds(), baseCPU.Seconds())
}

// cpuTime returns the user and system CPU time this process has used.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// baseline reads the file with the same streaming reader and inserts each
// row as JSON into a table without indexes.
func baseline(ctx context.Context, st *sqlstore.Store, path string) error {
	db := st.DB()
	if _, err := db.ExecContext(ctx, `CREATE TABLE bench_rows (row_num BIGINT, data TEXT)`); err != nil {
		return err
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	r, err := source.Open(f, 0, source.Options{})
	if err != nil {
		return err
	}
	header := r.Header()
	next := func() ([]any, error) {
		row, err := r.Next()
		if err != nil {
			return nil, err
		}
		m := make(map[string]string, len(header))
		for i, v := range row.Values {
			m[header[i]] = v
		}
		b, _ := json.Marshal(m)
		return []any{row.Num, string(b)}, nil
	}
	if st.Dialect() == "postgres" {
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		return conn.Raw(func(dc any) error {
			_, err := dc.(*stdlib.Conn).Conn().CopyFrom(ctx, pgx.Identifier{"bench_rows"}, []string{"row_num", "data"}, &copySrc{next: next})
			return err
		})
	}
	const per = 500
	done := false
	for !done {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		for k := 0; k < 10 && !done; k++ {
			var args []any
			for len(args) < 2*per {
				v, err := next()
				if errors.Is(err, io.EOF) {
					done = true
					break
				}
				if err != nil {
					tx.Rollback()
					return err
				}
				args = append(args, v...)
			}
			if len(args) == 0 {
				break
			}
			q := "INSERT INTO bench_rows VALUES " + strings.Repeat("(?, ?),", len(args)/2-1) + "(?, ?)"
			if _, err := tx.ExecContext(ctx, q, args...); err != nil {
				tx.Rollback()
				return err
			}
		}
		if err := tx.Commit(); err != nil {
			return err
		}
	}
	return nil
}

// copySrc adapts next to pgx.CopyFromSource.
type copySrc struct {
	next func() ([]any, error)
	cur  []any
	err  error
}

func (c *copySrc) Next() bool {
	c.cur, c.err = c.next()
	if errors.Is(c.err, io.EOF) {
		c.err = nil
		return false
	}
	return c.err == nil
}
func (c *copySrc) Values() ([]any, error) { return c.cur, nil }
func (c *copySrc) Err() error             { return c.err }
