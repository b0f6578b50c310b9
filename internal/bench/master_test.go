// SPDX-License-Identifier: Apache-2.0

package bench

import (
	"context"
	"math/rand/v2"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/generate"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

func enterprises(t *testing.T) []subject.Subject {
	n, _ := strconv.Atoi(os.Getenv("XINRONG_BENCH_ENTERPRISES"))
	if n <= 0 {
		t.Skip("set XINRONG_BENCH_ENTERPRISES=N to measure loading and searching N enterprises")
	}
	seq, err := generate.Enterprises(1, n, "")
	if err != nil {
		t.Fatal(err)
	}
	out := make([]subject.Subject, 0, n)
	for s := range seq {
		out = append(out, s)
	}
	return out
}

// TestMaster_LoadAndSearch loads the generated province into the master
// through subject.Service.Import (validation, aliases, tags, name index)
// and compares it with a plain multi-row INSERT of the same rows into a
// table with the same columns and no index, in the same run. It then
// measures name search latency for realistic queries: 2–4 character pieces
// of real names, the way a loan officer types them.
func TestMaster_LoadAndSearch(t *testing.T) {
	subs := enterprises(t)
	ctx := context.Background()
	backend := storetest.Backend()

	plain := storetest.Open(t)
	start := time.Now()
	if err := plainInsert(ctx, plain, subs); err != nil {
		t.Fatal(err)
	}
	plainDur := time.Since(start)

	s := storetest.Open(t)
	svc := subject.NewService(s)
	input := slices.Clone(subs)
	start = time.Now()
	res, err := svc.Import(ctx, slices.Values(input), nil)
	if err != nil {
		t.Fatal(err)
	}
	loadDur := time.Since(start)
	if res.Inserted+res.Rejected != len(subs) || res.Inserted == 0 {
		t.Fatalf("import %+v of %d", res, len(subs))
	}
	t.Logf("%s: master load %d rows in %.1fs = %.0f rows/s (rejected %d, warned %d); plain multi-row insert %.1fs = %.0f rows/s; load/plain time ratio %.2f",
		backend, res.Inserted, loadDur.Seconds(), float64(res.Inserted)/loadDur.Seconds(), res.Rejected, res.Warned,
		plainDur.Seconds(), float64(len(subs))/plainDur.Seconds(), loadDur.Seconds()/plainDur.Seconds())

	queries := searchQueries(subs, 2000)
	lat := make([]time.Duration, 0, len(queries))
	hits := 0
	for _, q := range queries {
		t0 := time.Now()
		p, err := svc.Search(ctx, subject.Filter{Query: q, Limit: 20})
		if err != nil {
			t.Fatalf("search %q: %v", q, err)
		}
		lat = append(lat, time.Since(t0))
		if len(p.Subjects) > 0 {
			hits++
		}
	}
	slices.Sort(lat)
	pct := func(p float64) time.Duration { return lat[int(p*float64(len(lat)-1))] }
	t.Logf("%s: name search over %d enterprises, %d queries (2–4 chars, %d with hits): p50 %v, p90 %v, p99 %v, max %v",
		backend, len(subs), len(queries), hits, pct(.5), pct(.9), pct(.99), lat[len(lat)-1])
	if hits < len(queries)*9/10 {
		t.Fatalf("only %d of %d queries taken from real names found anything", hits, len(queries))
	}
}

// searchQueries cuts n pieces of 2–4 characters out of random names.
func searchQueries(subs []subject.Subject, n int) []string {
	r := rand.New(rand.NewPCG(7, 7))
	out := make([]string, 0, n)
	for len(out) < n {
		name := []rune(subs[r.IntN(len(subs))].Name)
		k := 2 + r.IntN(3)
		if len(name) < k {
			continue
		}
		i := r.IntN(len(name) - k + 1)
		q := string(name[i : i+k])
		if strings.ContainsAny(q, "()（）") {
			continue
		}
		out = append(out, q)
	}
	return out
}

// plainInsert writes the rows with multi-row INSERTs of 500 rows, in
// transactions of 5,000, into a table with the subjects' columns and no
// index: the cheapest way to put the same data in with plain SQL.
func plainInsert(ctx context.Context, s *sqlstore.Store, subs []subject.Subject) error {
	db := s.DB()
	if _, err := db.ExecContext(ctx, `CREATE TABLE bench_plain (id TEXT, uscc TEXT, name TEXT, type TEXT, legal_rep TEXT,
		region_code TEXT, industry_code TEXT, status TEXT, registered_at TEXT, registered_capital_fen BIGINT, address TEXT,
		tags TEXT, flags TEXT, created_at TEXT, updated_at TEXT)`); err != nil {
		return err
	}
	pg := s.Dialect() == "postgres"
	const rowsPer, cols = 500, 15
	now := time.Now().UTC().Format(time.RFC3339Nano)
	for start := 0; start < len(subs); start += subject.ImportChunk {
		tx, err := db.BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		end := min(start+subject.ImportChunk, len(subs))
		for b := start; b < end; b += rowsPer {
			be := min(b+rowsPer, end)
			var q strings.Builder
			q.WriteString("INSERT INTO bench_plain VALUES ")
			args := make([]any, 0, (be-b)*cols)
			for i := b; i < be; i++ {
				if i > b {
					q.WriteString(",")
				}
				q.WriteString("(")
				for c := 0; c < cols; c++ {
					if c > 0 {
						q.WriteString(",")
					}
					if pg {
						q.WriteString("$" + strconv.Itoa(len(args)+c+1))
					} else {
						q.WriteString("?")
					}
				}
				q.WriteString(")")
				x := &subs[i]
				args = append(args, strconv.Itoa(i), x.USCC, x.Name, string(x.Type), x.LegalRep, x.RegionCode, x.IndustryCode,
					string(x.Status), x.RegisteredAt.Format("2006-01-02"), x.RegisteredCapitalFen, x.Address,
					strings.Join(x.Tags, "|"), "", now, now)
			}
			if _, err := tx.ExecContext(ctx, q.String(), args...); err != nil {
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
