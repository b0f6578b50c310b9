// SPDX-License-Identifier: Apache-2.0

package audit_test

import (
	"context"
	"sync"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/audit"
)

// Checkpoints are published only when the log grew, verify with the
// printed verifier key, and each is consistent with the one before.
func TestService_PublishCheckpoint(t *testing.T) {
	ctx := context.Background()
	s, svc := MustLog(t)
	v, err := note.NewVerifier(svc.VerifierKey())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := v.Name(), "test.example/audit"; got != want || svc.Origin() != want {
		t.Fatalf("key name=%q, origin=%q, want %q", got, svc.Origin(), want)
	}
	var prev *audit.Checkpoint
	want := 0
	for i, grow := range []int{0, 0, 1, 0, 9, 300} {
		if i == 0 || grow > 0 {
			want++ // the empty log is signed once, then only growth
		}
		if grow > 0 {
			n, _ := svc.Size(ctx)
			MustAppend(t, s, svc, int(n), grow)
		}
		if err := svc.PublishCheckpoint(ctx); err != nil {
			t.Fatal(err)
		}
		cps, err := s.AuditCheckpoints(ctx)
		if err != nil {
			t.Fatal(err)
		}
		c := cps[len(cps)-1]
		if len(cps) != want {
			t.Fatalf("after step %d: %d checkpoints, want %d", i, len(cps), want)
		}
		n, err := note.Open(c.Note, note.VerifierList(v))
		if err != nil {
			t.Fatalf("checkpoint at %d does not verify with the verifier key: %v", c.Size, err)
		}
		origin, size, root, err := audit.ParseCheckpoint([]byte(n.Text))
		if err != nil || origin != "test.example/audit" || size != c.Size || root != c.Root {
			t.Fatalf("checkpoint %q: %v", n.Text, err)
		}
		if prev != nil && prev.Size > 0 && c.Size > prev.Size {
			p, err := svc.ProveConsistency(ctx, prev.Size, c.Size)
			if err != nil {
				t.Fatal(err)
			}
			if err := tlog.CheckTree(p.Proof, c.Size, c.Root, prev.Size, prev.Root); err != nil {
				t.Fatalf("checkpoint %d is not consistent with %d: %v", c.Size, prev.Size, err)
			}
		}
		prev = &c
	}
	if rep := MustVerify(t, s, svc); rep.Checkpoints != 4 || rep.Size != 310 {
		t.Fatalf("verify saw %d checkpoints and %d leaves, want 4 and 310", rep.Checkpoints, rep.Size)
	}
}

// A node whose stored hashes were altered refuses to sign a new head.
func TestService_PublishCheckpointRefusesInconsistentTree(t *testing.T) {
	ctx := context.Background()
	s, svc := MustLog(t)
	MustAppend(t, s, svc, 0, 8)
	if err := svc.PublishCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	exec(t, s, "UPDATE audit_hashes SET hash = ? WHERE idx = ?", make([]byte, 32), tlog.StoredHashIndex(3, 0))
	MustAppend(t, s, svc, 8, 1)
	if err := svc.PublishCheckpoint(ctx); err == nil {
		t.Fatal("signed a tree inconsistent with its last checkpoint")
	}
}

// The signing key is made once and kept in the database: processes that
// start together agree on it, a restart finds it, and a process with
// another node secret cannot use it.
func TestService_SigningKey(t *testing.T) {
	ctx := context.Background()
	s, svc := MustLog(t)
	keys := make([]string, 6)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			other, err := audit.New(ctx, s, audit.Options{Secret: secret, Origin: "elsewhere/audit"})
			if err != nil {
				t.Error(err)
				return
			}
			keys[i] = other.VerifierKey()
		}()
	}
	wg.Wait()
	for _, k := range keys {
		if k != svc.VerifierKey() {
			t.Fatalf("verifier key %q, want %q", k, svc.VerifierKey())
		}
	}
	if v, err := s.Setting(ctx, "audit.verifier"); err != nil || v != svc.VerifierKey() {
		t.Fatalf("stored verifier key %q, %v", v, err)
	}
	if _, err := audit.New(ctx, s, audit.Options{Secret: []byte("a different node secret, 32+ bytes"), Origin: "x/audit"}); err == nil {
		t.Fatal("a process with another node secret opened the signing key")
	}
}
