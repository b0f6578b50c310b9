// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"context"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Tree is the public, read-only view of the log: checkpoints, proofs and
// tiles. It needs no secret, holds nothing personal, and is what the
// public HTTP endpoints serve.
type Tree struct{ store Store }

// NewTree returns the public view of the log in store.
func NewTree(store Store) *Tree { return &Tree{store: store} }

// Size returns the number of committed leaves.
func (t *Tree) Size(ctx context.Context) (int64, error) { return t.store.AuditTreeSize(ctx) }

// Checkpoint returns the latest signed checkpoint, or apperr.NotFound
// before the first is published.
func (t *Tree) Checkpoint(ctx context.Context) (Checkpoint, error) {
	return t.store.LatestAuditCheckpoint(ctx)
}

// InclusionProof proves that the leaf at Index is in the tree of Size
// leaves whose root is Root (RFC 6962 audit path, tlog.RecordProof).
type InclusionProof struct {
	Index, Size int64
	LeafHash    tlog.Hash
	Root        tlog.Hash
	Proof       tlog.RecordProof
}

// ConsistencyProof proves that the tree of Old leaves (root OldRoot) is a
// prefix of the tree of Size leaves (root Root): nothing was changed or
// removed in between (RFC 6962 consistency proof, tlog.TreeProof).
type ConsistencyProof struct {
	Old, Size     int64
	OldRoot, Root tlog.Hash
	Proof         tlog.TreeProof
}

func (t *Tree) hashes(ctx context.Context) tlog.HashReader {
	return storeHashes{ctx: ctx, read: t.store.ReadAuditHashes}
}

// checkSize returns apperr.NotFound if the tree has fewer than size leaves.
func (t *Tree) checkSize(ctx context.Context, size int64) error {
	n, err := t.store.AuditTreeSize(ctx)
	if err != nil {
		return err
	}
	if size > n {
		return apperr.NotFoundf("audit: the log has %d leaves, not %d", n, size)
	}
	return nil
}

// ProveInclusion returns the proof that leaf index is in the tree of size
// leaves. Returns apperr.Invalid unless 0 ≤ index < size, NotFound if the
// log is smaller than size.
func (t *Tree) ProveInclusion(ctx context.Context, index, size int64) (InclusionProof, error) {
	if index < 0 || index >= size {
		return InclusionProof{}, apperr.Invalidf("audit: need 0 ≤ index < size, have index %d and size %d", index, size)
	}
	if err := t.checkSize(ctx, size); err != nil {
		return InclusionProof{}, err
	}
	r := t.hashes(ctx)
	p := InclusionProof{Index: index, Size: size}
	hs, err := r.ReadHashes([]int64{tlog.StoredHashIndex(0, index)})
	if err != nil {
		return p, fmt.Errorf("audit: leaf hash %d: %w", index, err)
	}
	p.LeafHash = hs[0]
	if p.Root, err = tlog.TreeHash(size, r); err != nil {
		return p, fmt.Errorf("audit: root of %d: %w", size, err)
	}
	if p.Proof, err = tlog.ProveRecord(size, index, r); err != nil {
		return p, fmt.Errorf("audit: prove %d in %d: %w", index, size, err)
	}
	return p, nil
}

// ProveConsistency returns the proof that the tree of old leaves is a
// prefix of the tree of size leaves. Returns apperr.Invalid unless
// 0 ≤ old ≤ size, NotFound if the log is smaller than size.
func (t *Tree) ProveConsistency(ctx context.Context, old, size int64) (ConsistencyProof, error) {
	if old < 0 || old > size {
		return ConsistencyProof{}, apperr.Invalidf("audit: need 0 ≤ old ≤ size, have old %d and size %d", old, size)
	}
	if err := t.checkSize(ctx, size); err != nil {
		return ConsistencyProof{}, err
	}
	r := t.hashes(ctx)
	p := ConsistencyProof{Old: old, Size: size}
	var err error
	if p.OldRoot, err = tlog.TreeHash(old, r); err != nil {
		return p, fmt.Errorf("audit: root of %d: %w", old, err)
	}
	if p.Root, err = tlog.TreeHash(size, r); err != nil {
		return p, fmt.Errorf("audit: root of %d: %w", size, err)
	}
	if p.Proof, err = proveTree(size, old, r); err != nil {
		return p, fmt.Errorf("audit: prove %d in %d: %w", old, size, err)
	}
	return p, nil
}

// ReadTile returns a tile of height TileHeight: hashes for L ≥ 0, an entry
// bundle of leaves for L = -1. Returns apperr.NotFound if the tree does
// not yet hold the tile at its width.
func (t *Tree) ReadTile(ctx context.Context, tile tlog.Tile) ([]byte, error) {
	if tile.H != TileHeight || tile.W < 1 || tile.W > 1<<TileHeight || tile.L < -1 || tile.L > 63/TileHeight {
		return nil, apperr.Invalidf("audit: tile %s is not a tile of height %d", tile.Path(), TileHeight)
	}
	n, err := t.store.AuditTreeSize(ctx)
	if err != nil {
		return nil, err
	}
	level := max(tile.L, 0) * TileHeight
	if tile.N > (n>>uint(level))>>TileHeight || (tile.N<<TileHeight)+int64(tile.W) > n>>uint(level) {
		return nil, apperr.NotFoundf("audit: tile %s is beyond the log's %d leaves", TilePath(tile), n)
	}
	if tile.L >= 0 {
		return tlog.ReadTileData(tile, t.hashes(ctx))
	}
	from := tile.N << TileHeight
	leaves, err := t.store.AuditLeaves(ctx, from, from+int64(tile.W), false)
	if err != nil {
		return nil, err
	}
	if len(leaves) != tile.W {
		return nil, fmt.Errorf("audit: entries %d..%d: found %d leaves, want %d", from, from+int64(tile.W), len(leaves), tile.W)
	}
	data := make([][]byte, len(leaves))
	for i, l := range leaves {
		data[i] = l.Leaf
	}
	return encodeBundle(data)
}
