// SPDX-License-Identifier: Apache-2.0

package audit_test

import (
	"context"
	"fmt"
	"slices"
	"sync"
	"testing"

	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// Appends from many goroutines, each through its own store (as separate
// processes sharing the database would be), are numbered without gaps or
// duplicates and the tree verifies. On PostgreSQL this exercises the row
// lock on audit_head; on SQLite the database's single write lock.
func TestService_ConcurrentAppends(t *testing.T) {
	ctx := context.Background()
	dsn := storetest.DSN(t)
	const writers, txs, batch = 8, 25, 4
	stores := make([]*sqlstore.Store, writers)
	svcs := make([]*audit.Service, writers)
	for i := range stores {
		s, err := sqlstore.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { s.Close() })
		if _, err := s.Migrate(ctx); err != nil {
			t.Fatal(err)
		}
		if svcs[i], err = audit.New(ctx, s, audit.Options{Secret: secret, Origin: "test.example/audit"}); err != nil {
			t.Fatal(err)
		}
		stores[i] = s
	}
	var mu sync.Mutex
	var got []int64
	var wg sync.WaitGroup
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range txs {
				evs := make([]audit.Event, batch)
				for k := range evs {
					evs[k] = event((w*txs+j)*batch + k)
				}
				err := stores[w].Tx(ctx, func(tx *sqlstore.Tx) error {
					idx, err := svcs[w].Append(ctx, tx, evs...)
					mu.Lock()
					got = append(got, idx...)
					mu.Unlock()
					return err
				})
				if err != nil {
					t.Error(err)
					return
				}
				if j%10 == 0 {
					if err := svcs[w].PublishCheckpoint(ctx); err != nil {
						t.Error(err)
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	slices.Sort(got)
	for i, x := range got {
		if x != int64(i) {
			t.Fatalf("indexes have a gap or duplicate at %d: %d", i, x)
		}
	}
	if len(got) != writers*txs*batch {
		t.Fatalf("%d indexes, want %d", len(got), writers*txs*batch)
	}
	rep := MustVerify(t, stores[0], svcs[0])
	if rep.Size != int64(len(got)) || rep.Checkpoints == 0 {
		t.Fatalf("verify: size %d, %d checkpoints", rep.Size, rep.Checkpoints)
	}
}

// Verifying a live log, while a node appends and publishes, finds
// nothing wrong: what was appended after verification began is not
// mistaken for rows added behind the log's back.
func TestVerify_Live(t *testing.T) {
	ctx := context.Background()
	s, svc := MustLog(t)
	MustAppend(t, s, svc, 0, 50)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for i := 50; i < 250; i++ {
			err := s.Tx(ctx, func(tx *sqlstore.Tx) error {
				_, err := svc.Append(ctx, tx, event(i))
				return err
			})
			if err == nil && i%5 == 0 {
				err = svc.PublishCheckpoint(ctx)
			}
			if err != nil {
				t.Error(err) // not Fatal: this is not the test's goroutine
				return
			}
		}
	}()
	for range 5 {
		MustVerify(t, s, svc)
	}
	<-done
	MustVerify(t, s, svc)
}

// BenchmarkAppend measures appends of batch events per transaction, each
// transaction committed, and reports leaves per second. The log already
// holds 10,000 leaves so that frontier reads are realistic.
func BenchmarkAppend(b *testing.B) {
	for _, batch := range []int{1, 10, 100, 1000} {
		b.Run(fmt.Sprintf("batch=%d", batch), func(b *testing.B) {
			ctx := context.Background()
			s, svc := MustLog(b)
			MustAppend(b, s, svc, 0, 10000)
			evs := make([]audit.Event, batch)
			for i := range evs {
				evs[i] = event(i)
			}
			b.ResetTimer()
			for b.Loop() {
				err := s.Tx(ctx, func(tx *sqlstore.Tx) error {
					_, err := svc.Append(ctx, tx, evs...)
					return err
				})
				if err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(b.N*batch)/b.Elapsed().Seconds(), "leaves/s")
		})
	}
}

// BenchmarkVerify measures full verification with bodies opened.
func BenchmarkVerify(b *testing.B) {
	ctx := context.Background()
	s, svc := MustLog(b)
	MustAppend(b, s, svc, 0, 20000)
	b.ResetTimer()
	for b.Loop() {
		rep, err := audit.Verify(ctx, s, audit.VerifyOptions{Secret: secret, VerifierKey: svc.VerifierKey()})
		if err != nil || !rep.OK() {
			b.Fatal(err, rep.Problems)
		}
	}
	b.ReportMetric(float64(b.N*20000)/b.Elapsed().Seconds(), "leaves/s")
}
