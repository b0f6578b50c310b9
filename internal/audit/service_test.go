// SPDX-License-Identifier: Apache-2.0

package audit_test

import (
	"context"
	"crypto"
	"errors"
	"testing"

	"github.com/transparency-dev/merkle/proof"
	"github.com/transparency-dev/merkle/rfc6962"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

// Events appended across many transactions of different sizes get dense
// indexes, and every inclusion and consistency proof the log serves checks
// with two independent verifiers: golang.org/x/mod/sumdb/tlog and
// github.com/transparency-dev/merkle. The roots are also recomputed here
// from the leaf bytes alone, with RFC 6962's definition.
func TestService_AppendAndProve(t *testing.T) {
	ctx := context.Background()
	s, svc := MustLog(t)
	n := 0
	for _, batch := range []int{1, 1, 2, 5, 1, 16, 3, 100, 1, 127, 256, 7} {
		idx := MustAppend(t, s, svc, n, batch)
		for i, x := range idx {
			if x != int64(n+i) {
				t.Fatalf("index %d, want %d", x, n+i)
			}
		}
		n += batch
	}
	size, err := svc.Size(ctx)
	if err != nil || size != int64(n) {
		t.Fatalf("size=%d, %v; want %d", size, err, n)
	}
	leaves, err := s.AuditLeaves(ctx, 0, size, false)
	if err != nil {
		t.Fatal(err)
	}
	h := rfc6962.New(crypto.SHA256)
	for _, m := range []int64{1, 2, 3, 7, 8, 100, 255, 256, 257, size} {
		root := tlog.Hash(refRoot(h, leaves[:m]))
		p, err := svc.ProveConsistency(ctx, m/2, m)
		if err != nil {
			t.Fatal(err)
		}
		if p.Root != root {
			t.Fatalf("size %d: root %s, RFC 6962 says %x", m, p.Root, root)
		}
		if err := tlog.CheckTree(p.Proof, m, p.Root, p.Old, p.OldRoot); err != nil && p.Old > 0 {
			t.Fatalf("tlog.CheckTree(%d, %d): %v", m, p.Old, err)
		}
		if err := proof.VerifyConsistency(h, uint64(p.Old), uint64(m), hashes(p.Proof), p.OldRoot[:], p.Root[:]); err != nil && p.Old > 0 {
			t.Fatalf("merkle.VerifyConsistency(%d, %d): %v", p.Old, m, err)
		}
		for _, i := range []int64{0, m / 3, m - 1} {
			ip, err := svc.ProveInclusion(ctx, i, m)
			if err != nil {
				t.Fatal(err)
			}
			leafHash := tlog.RecordHash(leaves[i].Leaf)
			if err := tlog.CheckRecord(ip.Proof, m, root, i, leafHash); err != nil {
				t.Fatalf("tlog.CheckRecord(%d in %d): %v", i, m, err)
			}
			if err := proof.VerifyInclusion(h, uint64(i), uint64(m), leafHash[:], hashes(ip.Proof), root[:]); err != nil {
				t.Fatalf("merkle.VerifyInclusion(%d in %d): %v", i, m, err)
			}
		}
	}
	if _, err := svc.ProveInclusion(ctx, 0, size+1); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("proof beyond the log: err=%v, want NotFound", err)
	}
	if _, err := svc.ProveInclusion(ctx, 5, 5); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("index = size: err=%v, want Invalid", err)
	}
	MustVerify(t, s, svc)
}

// refRoot is RFC 6962 §2.1 MTH, written from the definition.
func refRoot(h *rfc6962.Hasher, leaves []audit.StoredLeaf) []byte {
	if len(leaves) == 1 {
		return h.HashLeaf(leaves[0].Leaf)
	}
	k := 1
	for k*2 < len(leaves) {
		k *= 2
	}
	return h.HashChildren(refRoot(h, leaves[:k]), refRoot(h, leaves[k:]))
}

func hashes(p []tlog.Hash) [][]byte {
	out := make([][]byte, len(p))
	for i := range p {
		out[i] = p[i][:]
	}
	return out
}

// A business write that rolls back leaves no leaf, and the next append
// takes the index the rolled-back one would have had.
func TestService_AppendRollsBackWithTransaction(t *testing.T) {
	ctx := context.Background()
	s, svc := MustLog(t)
	MustAppend(t, s, svc, 0, 3)
	boom := errors.New("business rule failed after the audit append")
	err := s.Tx(ctx, func(tx *sqlstore.Tx) error {
		if _, err := tx.Exec(ctx, "INSERT INTO node_settings (key, value, updated_at) VALUES (?, ?, ?)", "biz", "x", "2026-03-01T09:00:00.000000Z"); err != nil {
			return err
		}
		idx, err := svc.Append(ctx, tx, event(3), event(4))
		if err != nil || idx[0] != 3 {
			t.Fatalf("append in tx: %v %v", idx, err)
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("tx err=%v", err)
	}
	if _, err := s.Setting(ctx, "biz"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("the business write survived the rollback: %v", err)
	}
	if n, _ := svc.Size(ctx); n != 3 {
		t.Fatalf("size=%d after rollback, want 3", n)
	}
	if idx := MustAppend(t, s, svc, 5, 1); idx[0] != 3 {
		t.Fatalf("next append got index %d, want 3 (no gap)", idx[0])
	}
	MustVerify(t, s, svc)
}

// An invalid event is refused before anything is written.
func TestService_AppendInvalid(t *testing.T) {
	ctx := context.Background()
	s, svc := MustLog(t)
	bad := event(1)
	bad.Subject = "not a code"
	err := s.Tx(ctx, func(tx *sqlstore.Tx) error {
		_, err := svc.Append(ctx, tx, event(0), bad)
		return err
	})
	if !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("err=%v, want Invalid", err)
	}
	if n, _ := svc.Size(ctx); n != 0 {
		t.Fatalf("size=%d, want 0", n)
	}
}
