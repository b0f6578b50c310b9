// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"bytes"
	"context"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Problem is one thing verification found wrong, and where.
type Problem struct {
	Where string // "leaf", "hash", "checkpoint" or "head"
	Index int64  // leaf index, stored-hash index or checkpoint size; -1 for none
	What  string
}

// String says where and what, e.g. "leaf 17: missing".
func (p Problem) String() string {
	if p.Index < 0 {
		return p.Where + ": " + p.What
	}
	return fmt.Sprintf("%s %d: %s", p.Where, p.Index, p.What)
}

// Report is the result of verifying the log.
type Report struct {
	Size        int64     // leaves according to the log head
	Root        tlog.Hash // root hash recomputed from the leaves
	Checkpoints int       // signed checkpoints checked
	Bodies      bool      // whether every sealed body was opened and matched to its leaf
	Problems    []Problem // the first MaxProblems problems, in the order found
	More        int       // problems found beyond those
}

// OK reports whether verification found nothing wrong.
func (r Report) OK() bool { return len(r.Problems) == 0 }

// VerifyOptions configure Verify.
type VerifyOptions struct {
	// Secret, if set, is the node secret: every sealed body is opened and
	// the leaf re-derived from it. Without it the tree is still checked.
	Secret []byte
	// VerifierKey pins the checkpoint key. If empty, the key stored in
	// the database is used, which proves less: whoever can rewrite the
	// database could replace it. Auditors should pin the published key.
	VerifierKey string
	// MaxProblems bounds Report.Problems (100 if zero).
	MaxProblems int
}

// verifyPage is how many leaves verification reads per query.
const verifyPage = 4096

// Verify recomputes the whole log from the leaves in the store and checks
// it against everything stored: each leaf against its hash and its sealed
// body, every stored hash against the recomputed tree, every checkpoint's
// signature and root, and the consistency of successive checkpoints.
// Tampering is reported as Problems; the error is for failures to read.
func Verify(ctx context.Context, st Store, opt VerifyOptions) (Report, error) {
	v := &verifier{st: st, max: opt.MaxProblems, b: builder{m: hashMap{}}}
	if v.max <= 0 {
		v.max = 100
	}
	if opt.Secret != nil {
		k, err := deriveKeys(opt.Secret)
		if err != nil {
			return v.rep, err
		}
		v.keys, v.rep.Bodies = k, true
	}
	// Checkpoints first, then the size: a checkpoint published meanwhile
	// is then never beyond the size read, even on a live database.
	if err := v.loadCheckpoints(ctx, opt.VerifierKey); err != nil {
		return v.rep, err
	}
	size, err := st.AuditTreeSize(ctx)
	if err != nil {
		return v.rep, err
	}
	v.rep.Size = size
	v.checkpointRoots()
	for from := int64(0); from < size; from += verifyPage {
		if err := v.page(ctx, from, min(from+verifyPage, size)); err != nil {
			return v.rep, err
		}
	}
	if v.rep.Root, err = v.b.root(); err != nil {
		return v.rep, err
	}
	if err := v.tail(ctx, size); err != nil {
		return v.rep, err
	}
	return v.rep, v.consistency(ctx, size)
}

// verifier holds the state of one verification.
type verifier struct {
	st   Store
	keys *keys
	max  int
	rep  Report
	b    builder
	cps  []Checkpoint // signature-checked, by size
	next int          // next checkpoint whose root is due
}

func (v *verifier) problem(where string, idx int64, format string, a ...any) {
	if len(v.rep.Problems) >= v.max {
		v.rep.More++
		return
	}
	v.rep.Problems = append(v.rep.Problems, Problem{Where: where, Index: idx, What: fmt.Sprintf(format, a...)})
}

// page checks leaves [from, to) and the stored hashes they create.
func (v *verifier) page(ctx context.Context, from, to int64) error {
	leaves, err := v.st.AuditLeaves(ctx, from, to, v.keys != nil)
	if err != nil {
		return err
	}
	rows, err := v.st.AuditHashRange(ctx, tlog.StoredHashIndex(0, from), tlog.StoredHashIndex(0, to))
	if err != nil {
		return err
	}
	stored := make(map[int64][]byte, len(rows))
	for _, r := range rows {
		stored[r.Index] = r.Hash
	}
	li := 0
	for i := from; i < to; i++ {
		var h tlog.Hash
		if li < len(leaves) && leaves[li].Index == i {
			h = v.leaf(leaves[li])
			li++
		} else {
			v.problem("leaf", i, "missing: the row was deleted")
			copy(h[:], stored[tlog.StoredHashIndex(0, i)]) // carry on with what the hash table says
		}
		base := tlog.StoredHashIndex(0, i)
		hs, err := v.b.add(h)
		if err != nil {
			return err
		}
		for j, want := range hs {
			x := base + int64(j)
			got, ok := stored[x]
			level, n := tlog.SplitStoredHashIndex(x)
			switch {
			case !ok:
				v.problem("hash", x, "missing (level %d, node %d)", level, n)
			case !bytes.Equal(got, want[:]):
				v.problem("hash", x, "differs from the tree recomputed from the leaves (level %d, node %d, covering leaves %d–%d)",
					level, n, n<<uint(level), (n+1)<<uint(level)-1)
			}
		}
		v.checkpointRoots()
		if v.b.n%1024 == 0 {
			v.b.prune()
		}
	}
	return nil
}

// checkpointRoots compares the recomputed root with every checkpoint of
// the current size.
func (v *verifier) checkpointRoots() {
	for v.next < len(v.cps) && v.cps[v.next].Size == v.b.n {
		c := v.cps[v.next]
		v.next++
		root, err := v.b.root()
		if err != nil || root != c.Root {
			v.problem("checkpoint", c.Size, "signed root %s differs from the root %s recomputed from the leaves", c.Root, root)
		}
	}
}

// tail reports rows beyond the head and checkpoints the log no longer
// reaches. The rows are read before the head is read again, so leaves a
// running node appended meanwhile are below the new head and not reported.
func (v *verifier) tail(ctx context.Context, size int64) error {
	extra, err := v.st.AuditLeaves(ctx, size, size+1000, false)
	if err != nil {
		return err
	}
	n := tlog.StoredHashCount(size)
	hs, err := v.st.AuditHashRange(ctx, n, n+1000)
	if err != nil {
		return err
	}
	head, err := v.st.AuditTreeSize(ctx)
	if err != nil {
		return err
	}
	for _, l := range extra {
		if l.Index >= head {
			v.problem("leaf", l.Index, "exists beyond the head (%d leaves): added behind the log's back", head)
		}
	}
	for _, h := range hs {
		if h.Index >= tlog.StoredHashCount(head) {
			v.problem("hash", h.Index, "exists beyond the head (%d leaves)", head)
		}
	}
	for _, c := range v.cps[v.next:] {
		v.problem("checkpoint", c.Size, "signed for %d leaves but the log has only %d: leaves were removed", c.Size, size)
	}
	return nil
}

// consistency checks each checkpoint against the next with a consistency
// proof from the stored hashes, as a client holding the older one would.
func (v *verifier) consistency(ctx context.Context, size int64) error {
	r := storeHashes{ctx: ctx, read: v.st.ReadAuditHashes}
	for i := 1; i < len(v.cps); i++ {
		a, b := v.cps[i-1], v.cps[i]
		if b.Size > size {
			break
		}
		p, err := proveTree(b.Size, a.Size, r)
		if err != nil && !apperr.Is(err, apperr.NotFound) {
			return err
		}
		if err != nil || checkTree(p, b.Size, b.Root, a.Size, a.Root) != nil {
			v.problem("checkpoint", b.Size, "not consistent with the checkpoint at %d", a.Size)
		}
	}
	return nil
}
