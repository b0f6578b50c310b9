// SPDX-License-Identifier: Apache-2.0

package feed_test

import (
	"context"
	"testing"

	"github.com/xinrong/xinrong/internal/feed"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// TestFeed_HorizonWaitsForEarlierWriter reproduces the PostgreSQL case
// the horizon exists for: a transaction takes a lower seq, a later one
// commits a higher seq first. The feed must not move its cursor past the
// lower seq until that transaction ends, or the row would be skipped.
// (On SQLite one writer commits at a time, so this cannot happen.)
func TestFeed_HorizonWaitsForEarlierWriter(t *testing.T) {
	if storetest.Backend() != "postgres" {
		t.Skip("only PostgreSQL commits out of seq order")
	}
	e := newEnv(t)
	ctx := context.Background()
	e.push(t, "PEN.XZCF", penalty(e.yc, 1, "2025-12-01"))
	p, err := e.feed.Page(e.instQuery, feed.Request{Purpose: "post_loan"})
	must(t, err)
	if len(p.Changes) != 1 {
		t.Fatalf("%d changes, want 1", len(p.Changes))
	}
	first := p.Next

	slow, err := e.store.DB().BeginTx(ctx, nil)
	must(t, err)
	defer slow.Rollback() //nolint:errcheck
	// A second version of the first record, inserted but not committed:
	// it holds the next seq.
	if _, err := slow.ExecContext(ctx, `INSERT INTO records (id, version, item_code, uscc, key_hash, content_hash, status,
		is_current, data, source_time, provider_code, batch_id, row_num, received_at, catalog_version)
		SELECT id, version + 1, item_code, uscc, key_hash, content_hash, status, 0, data, source_time, provider_code,
		batch_id, row_num, received_at, catalog_version FROM records ORDER BY seq LIMIT 1`); err != nil {
		t.Fatal(err)
	}
	e.push(t, "PEN.XZCF", penalty(e.szs, 2, "2025-12-02")) // commits a higher seq

	p, err = e.feed.Page(e.instQuery, feed.Request{Purpose: "post_loan", Cursor: first})
	must(t, err)
	if len(p.Changes) != 0 || p.Next != first {
		t.Fatalf("while an earlier writer is in flight: %d changes, next %q; want none and the cursor kept (%q)",
			len(p.Changes), p.Next, first)
	}
	must(t, slow.Commit())
	p, err = e.feed.Page(e.instQuery, feed.Request{Purpose: "post_loan", Cursor: first})
	must(t, err)
	if got, want := len(p.Changes), 2; got != want {
		t.Fatalf("%d changes after the writer committed, want %d", got, want)
	}
	if p.Changes[0].Version != 2 || p.Changes[1].USCC != e.szs.USCC {
		t.Fatalf("changes %+v, want the late version first, then the penalty of %s", p.Changes, e.szs.USCC)
	}
}
