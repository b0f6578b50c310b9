// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"context"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"
)

// frontier returns the stored-hash indexes of the complete subtrees that
// make up a tree of n leaves, largest first. They are all that appending
// to the tree reads, and all that its root hash needs (tlog.TreeHash reads
// exactly these), so an append reads about log₂ n hashes in one query.
func frontier(n int64) []int64 {
	var idx []int64
	for l := 63; l >= 0; l-- {
		if n>>uint(l)&1 == 1 {
			idx = append(idx, tlog.StoredHashIndex(l, n>>uint(l)-1))
		}
	}
	return idx
}

// hashMap is a tlog.HashReader over stored hashes held in memory.
type hashMap map[int64]tlog.Hash

// ReadHashes implements tlog.HashReader. A missing index is a bug in the
// caller's arithmetic, never a reason to go to the database.
func (m hashMap) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	out := make([]tlog.Hash, len(indexes))
	for i, x := range indexes {
		h, ok := m[x]
		if !ok {
			return nil, fmt.Errorf("audit: stored hash %d is not on the frontier", x)
		}
		out[i] = h
	}
	return out, nil
}

// builder grows a tree leaf by leaf in memory, knowing only its frontier:
// the appender starts it from the frontier read in the transaction, the
// verifier from the empty tree.
type builder struct {
	n int64
	m hashMap
}

// add appends a leaf hash and returns the stored hashes it creates, the
// ones tlog.StoredHashes would have the log store for it.
func (b *builder) add(leafHash tlog.Hash) ([]tlog.Hash, error) {
	hs, err := tlog.StoredHashesForRecordHash(b.n, leafHash, b.m)
	if err != nil {
		return nil, err
	}
	base := tlog.StoredHashIndex(0, b.n)
	for i, h := range hs {
		b.m[base+int64(i)] = h
	}
	b.n++
	return hs, nil
}

// prune forgets every hash not on the current frontier, so that a
// verifier walking millions of leaves keeps a few dozen hashes.
func (b *builder) prune() {
	keep := make(hashMap, 64)
	for _, x := range frontier(b.n) {
		keep[x] = b.m[x]
	}
	b.m = keep
}

// root returns the tree hash of the leaves added so far.
func (b *builder) root() (tlog.Hash, error) { return tlog.TreeHash(b.n, b.m) }

// storeHashes adapts a context-taking hash reader to tlog.HashReader.
type storeHashes struct {
	ctx  context.Context
	read func(ctx context.Context, indexes []int64) ([]tlog.Hash, error)
}

// ReadHashes implements tlog.HashReader.
func (r storeHashes) ReadHashes(indexes []int64) ([]tlog.Hash, error) {
	if len(indexes) == 0 {
		return nil, nil
	}
	return r.read(r.ctx, indexes)
}

// proveTree is tlog.ProveTree extended to the empty tree, which is a
// prefix of every tree with an empty proof.
func proveTree(t, n int64, r tlog.HashReader) (tlog.TreeProof, error) {
	if n == 0 && t >= 0 {
		return tlog.TreeProof{}, nil
	}
	return tlog.ProveTree(t, n, r)
}

// checkTree is tlog.CheckTree extended to the empty tree.
func checkTree(p tlog.TreeProof, t int64, th tlog.Hash, n int64, h tlog.Hash) error {
	if n == 0 {
		empty, _ := tlog.TreeHash(0, nil)
		if len(p) != 0 || h != empty {
			return fmt.Errorf("audit: bad proof for the empty tree")
		}
		return nil
	}
	if t == 0 {
		return fmt.Errorf("audit: a tree of size %d is not a prefix of the empty tree", n)
	}
	return tlog.CheckTree(p, t, th, n, h)
}
