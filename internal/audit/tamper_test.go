// SPDX-License-Identifier: Apache-2.0

package audit_test

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

// Every way of changing the log behind the node's back is found, and the
// report says where. The log has 40 leaves with checkpoints at 20 and 40.
func TestVerify_Tamper(t *testing.T) {
	ctx := context.Background()
	for _, c := range []struct {
		name      string
		secret    bool // verify with the node secret (opens bodies)
		tamper    func(t *testing.T, s *sqlstore.Store)
		where     string
		index     int64
		mentioned string
	}{
		{"EditLeaf", false, func(t *testing.T, s *sqlstore.Store) { editLeaf(t, s, 5, false) }, "leaf", 5, "edited"},
		{"EditLeafAndLeafHash", false, func(t *testing.T, s *sqlstore.Store) { editLeaf(t, s, 5, true) }, "hash", tlog.StoredHashIndex(0, 5), "differs"},
		{"EditLeafHashesAndAll", false, func(t *testing.T, s *sqlstore.Store) { editLeaf(t, s, 5, true); rewriteHashes(t, s) }, "checkpoint", 20, "differs"},
		{"EditLeafSeenByBody", true, func(t *testing.T, s *sqlstore.Store) { editLeaf(t, s, 5, true); rewriteHashes(t, s) }, "leaf", 5, "sealed body"},
		{"MoveBody", true, func(t *testing.T, s *sqlstore.Store) {
			exec(t, s, "UPDATE audit_events SET body = (SELECT body FROM audit_events WHERE idx = 6) WHERE idx = 5")
		}, "leaf", 5, "sealed body"},
		{"EditColumn", false, func(t *testing.T, s *sqlstore.Store) {
			exec(t, s, "UPDATE audit_events SET actor_org_id = 'OTHER' WHERE idx = 9")
		}, "leaf", 9, "column"},
		{"DeleteRow", false, func(t *testing.T, s *sqlstore.Store) { exec(t, s, "DELETE FROM audit_events WHERE idx = 17") }, "leaf", 17, "missing"},
		{"DeleteTail", false, func(t *testing.T, s *sqlstore.Store) {
			exec(t, s, "DELETE FROM audit_events WHERE idx = 39")
			exec(t, s, "DELETE FROM audit_hashes WHERE idx >= ?", tlog.StoredHashIndex(0, 39))
			exec(t, s, "UPDATE audit_head SET size = 39")
		}, "checkpoint", 40, "removed"},
		{"ChangeStoredHash", false, func(t *testing.T, s *sqlstore.Store) {
			exec(t, s, "UPDATE audit_hashes SET hash = ? WHERE idx = ?", make([]byte, 32), tlog.StoredHashIndex(2, 3))
		}, "hash", tlog.StoredHashIndex(2, 3), "level 2, node 3"},
		{"DeleteStoredHash", false, func(t *testing.T, s *sqlstore.Store) {
			exec(t, s, "DELETE FROM audit_hashes WHERE idx = ?", tlog.StoredHashIndex(1, 4))
		}, "hash", tlog.StoredHashIndex(1, 4), "missing"},
		{"Reorder", false, func(t *testing.T, s *sqlstore.Store) {
			exec(t, s, "UPDATE audit_events SET idx = -1 WHERE idx = 3")
			exec(t, s, "UPDATE audit_events SET idx = 3 WHERE idx = 4")
			exec(t, s, "UPDATE audit_events SET idx = 4 WHERE idx = -1")
		}, "hash", tlog.StoredHashIndex(0, 3), "differs"},
		{"ExtraRow", false, func(t *testing.T, s *sqlstore.Store) {
			exec(t, s, `INSERT INTO audit_events (idx, kind, created_at, actor_org_id, leaf, leaf_hash, body)
				SELECT 40, kind, created_at, actor_org_id, leaf, leaf_hash, body FROM audit_events WHERE idx = 0`)
		}, "leaf", 40, "beyond the head"},
		{"EditCheckpointRoot", false, func(t *testing.T, s *sqlstore.Store) {
			exec(t, s, "UPDATE audit_checkpoints SET root_hash = ? WHERE size = 20", make([]byte, 32))
		}, "checkpoint", 20, "column"},
		{"EditCheckpointNote", false, func(t *testing.T, s *sqlstore.Store) {
			exec(t, s, "UPDATE audit_checkpoints SET note_text = REPLACE(note_text, '\n20\n', '\n21\n') WHERE size = 20")
		}, "checkpoint", 20, "signature"},
	} {
		t.Run(c.name, func(t *testing.T) {
			s, svc := MustLog(t)
			MustAppend(t, s, svc, 0, 20)
			if err := svc.PublishCheckpoint(ctx); err != nil {
				t.Fatal(err)
			}
			MustAppend(t, s, svc, 20, 20)
			if err := svc.PublishCheckpoint(ctx); err != nil {
				t.Fatal(err)
			}
			MustVerify(t, s, svc)
			c.tamper(t, s)
			opt := audit.VerifyOptions{VerifierKey: svc.VerifierKey()}
			if c.secret {
				opt.Secret = secret
			}
			rep, err := audit.Verify(ctx, s, opt)
			if err != nil {
				t.Fatal(err)
			}
			if rep.OK() {
				t.Fatal("verify found nothing")
			}
			for _, p := range rep.Problems {
				if p.Where == c.where && p.Index == c.index && strings.Contains(p.String(), c.mentioned) {
					return
				}
			}
			t.Fatalf("no problem at %s %d mentioning %q in %v", c.where, c.index, c.mentioned, rep.Problems)
		})
	}
}

// editLeaf changes leaf i's outcome from ok to denied, as someone hiding a
// refusal might, and with fixHash also rewrites leaf_hash to match.
func editLeaf(t *testing.T, s *sqlstore.Store, i int64, fixHash bool) {
	t.Helper()
	ls, err := s.AuditLeaves(context.Background(), i, i+1, false)
	if err != nil || len(ls) != 1 {
		t.Fatalf("leaf %d: %v", i, err)
	}
	leaf := bytes.Replace(ls[0].Leaf, []byte(`"outcome":"ok"`), []byte(`"outcome":"denied"`), 1)
	exec(t, s, "UPDATE audit_events SET leaf = ? WHERE idx = ?", leaf, i)
	if fixHash {
		h := tlog.RecordHash(leaf)
		exec(t, s, "UPDATE audit_events SET leaf_hash = ? WHERE idx = ?", h[:], i)
	}
}

// rewriteHashes recomputes audit_hashes from the (edited) leaves, as a
// thorough attacker with write access would; only checkpoints remain.
func rewriteHashes(t *testing.T, s *sqlstore.Store) {
	t.Helper()
	ctx := context.Background()
	n, _ := s.AuditTreeSize(ctx)
	ls, err := s.AuditLeaves(ctx, 0, n, false)
	if err != nil {
		t.Fatal(err)
	}
	all := map[int64]tlog.Hash{}
	r := tlog.HashReaderFunc(func(x []int64) ([]tlog.Hash, error) {
		out := make([]tlog.Hash, len(x))
		for i, j := range x {
			out[i] = all[j]
		}
		return out, nil
	})
	exec(t, s, "DELETE FROM audit_hashes")
	for i, l := range ls {
		hs, err := tlog.StoredHashes(int64(i), l.Leaf, r)
		if err != nil {
			t.Fatal(err)
		}
		for j, h := range hs {
			x := tlog.StoredHashIndex(0, int64(i)) + int64(j)
			all[x] = h
			exec(t, s, "INSERT INTO audit_hashes (idx, hash) VALUES (?, ?)", x, h[:])
		}
	}
}
