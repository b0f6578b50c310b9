// SPDX-License-Identifier: Apache-2.0

package sqlstore_test

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// auditLeaves makes n stored leaves numbered from first; every third has a subject.
func auditLeaves(first int64, n int) ([]audit.StoredLeaf, []tlog.Hash) {
	var ls []audit.StoredLeaf
	var hs []tlog.Hash
	for i := range n {
		idx := first + int64(i)
		leaf := []byte(fmt.Sprintf(`{"n":%d}`, idx))
		l := audit.StoredLeaf{Index: idx, Kind: "x.y/v1", Time: t0, ActorOrgID: fmt.Sprintf("O%d", idx%2),
			Leaf: leaf, LeafHash: tlog.RecordHash(leaf), Body: []byte{1, byte(idx)}}
		if idx%3 == 0 {
			l.SubjectHash = "s"
		}
		ls = append(ls, l)
		hs = append(hs, l.LeafHash)
	}
	return ls, hs
}

// The store writes and reads back exactly what the appender gives it, and
// refuses to move a head that is not where the appender found it.
func TestAudit_WriteAndRead(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	ls, hs := auditLeaves(0, 1200) // more than one INSERT chunk of events
	err := s.Tx(ctx, func(tx *sqlstore.Tx) error {
		n, err := tx.LockAuditHead(ctx)
		if err != nil || n != 0 {
			return fmt.Errorf("head %d: %w", n, err)
		}
		return tx.WriteAudit(ctx, ls, 0, append(hs, hs...), 1200) // 2400 hashes: two chunks
	})
	if err != nil {
		t.Fatal(err)
	}
	if n, err := s.AuditTreeSize(ctx); err != nil || n != 1200 {
		t.Fatalf("size=%d, %v", n, err)
	}
	got, err := s.AuditLeaves(ctx, 1000, 1003, false)
	if err != nil || len(got) != 3 {
		t.Fatalf("leaves: %d, %v", len(got), err)
	}
	if g := got[1]; g.Index != 1001 || !bytes.Equal(g.Leaf, ls[1001].Leaf) || g.LeafHash != ls[1001].LeafHash ||
		!g.Time.Equal(t0) || g.ActorOrgID != "O1" || g.Body != nil || g.SubjectHash != "" {
		t.Fatalf("leaf 1001 read back as %+v", g)
	}
	found, err := s.FindAuditLeaves(ctx, audit.Filter{SubjectHash: "s", ActorOrgID: "O1", Before: 1000, Limit: 2})
	if err != nil || len(found) != 2 || found[0].Index != 999 || found[1].Index != 993 || found[0].Body[1] != byte(999%256) {
		t.Fatalf("find: %+v, %v", found, err)
	}
	rh, err := s.AuditHashRange(ctx, 2398, 3000)
	if err != nil || len(rh) != 2 || rh[1].Index != 2399 || !bytes.Equal(rh[1].Hash, hs[1199][:]) {
		t.Fatalf("hash range: %+v, %v", rh, err)
	}
	if h, err := s.ReadAuditHashes(ctx, []int64{2399, 5}); err != nil || h[0] != hs[1199] || h[1] != hs[5] {
		t.Fatalf("read hashes: %v", err)
	}
	if _, err := s.ReadAuditHashes(ctx, []int64{1, 2400}); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("missing hash: err=%v, want NotFound", err)
	}
	more, mh := auditLeaves(1200, 1)
	err = s.Tx(ctx, func(tx *sqlstore.Tx) error { return tx.WriteAudit(ctx, more, 2400, mh, 1202) })
	if !apperr.Is(err, apperr.Conflict) {
		t.Fatalf("head moved from the wrong size: err=%v, want Conflict", err)
	}
	if n, _ := s.AuditTreeSize(ctx); n != 1200 {
		t.Fatalf("size=%d after a refused write, want 1200", n)
	}
}

// Checkpoints are kept once per size; the latest is the largest.
func TestAudit_Checkpoints(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	if _, err := s.LatestAuditCheckpoint(ctx); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("err=%v, want NotFound", err)
	}
	for _, c := range []audit.Checkpoint{
		{Size: 5, Root: tlog.RecordHash([]byte("5")), Note: []byte("five\n"), CreatedAt: t0},
		{Size: 9, Root: tlog.RecordHash([]byte("9")), Note: []byte("nine\n"), CreatedAt: t0},
		{Size: 5, Root: tlog.RecordHash([]byte("other")), Note: []byte("again\n"), CreatedAt: t0},
	} {
		if err := s.CreateAuditCheckpoint(ctx, c); err != nil {
			t.Fatal(err)
		}
	}
	last, err := s.LatestAuditCheckpoint(ctx)
	if err != nil || last.Size != 9 || string(last.Note) != "nine\n" || !last.CreatedAt.Equal(t0) {
		t.Fatalf("latest=%+v, %v", last, err)
	}
	all, err := s.AuditCheckpoints(ctx)
	if err != nil || len(all) != 2 || string(all[0].Note) != "five\n" || all[0].Root != tlog.RecordHash([]byte("5")) {
		t.Fatalf("all=%+v, %v", all, err)
	}
}
