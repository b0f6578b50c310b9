// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

// RemoteOptions configure VerifyRemote.
type RemoteOptions struct {
	// VerifierKey is the node's published verifier key (required): a
	// remote check is worth only as much as the key it is pinned to.
	VerifierKey string
	// Previous, if set, is a checkpoint seen earlier; the log must still
	// contain it as a prefix.
	Previous *tlog.Tree
	// HTTP is the client to use (a 60-second timeout client if nil).
	HTTP *http.Client
}

// VerifyRemote checks a running node's log through its public endpoints
// only, as any outside party can: the signed checkpoint; every entry
// bundle, hashed and rebuilt into the tree whose root must be the signed
// one; every leaf hash read through tlog.TileHashReader, which
// authenticates the hash tiles against the signed root; and the proof
// endpoints for the first and last leaf. baseURL is the node's URL without
// /audit. Problems are tampering or inconsistency; the error is for
// failures to fetch.
func VerifyRemote(ctx context.Context, baseURL string, opt RemoteOptions) (Report, error) {
	hc := opt.HTTP
	if hc == nil {
		hc = &http.Client{Timeout: 60 * time.Second}
	}
	c := &client{ctx: ctx, base: strings.TrimSuffix(baseURL, "/") + "/audit/", hc: hc, cache: map[tlog.Tile][]byte{}}
	v := &verifier{max: 100, b: builder{m: hashMap{}}}
	signed, err := c.get("checkpoint")
	if err != nil {
		return v.rep, err
	}
	size, root, err := OpenCheckpoint(signed, opt.VerifierKey)
	if err != nil {
		v.problem("checkpoint", -1, "%v", err)
		return v.rep, nil
	}
	v.rep.Size, v.rep.Checkpoints = size, 1
	if p := opt.Previous; p != nil && p.N > size {
		v.problem("checkpoint", size, "the log shrank from the %d leaves seen before", p.N)
	} else if p != nil {
		v.cps = append(v.cps, Checkpoint{Size: p.N, Root: p.Hash})
	}
	v.cps = append(v.cps, Checkpoint{Size: size, Root: root})
	v.checkpointRoots()
	ends := map[int64]tlog.Hash{} // leaf hashes of the first and last leaf, for checkProofs
	tiles := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, c)
	for start := int64(0); start < size; start += 1 << TileHeight {
		w := int(min(size-start, 1<<TileHeight))
		data, err := c.get(TilePath(tlog.Tile{H: TileHeight, L: -1, N: start >> TileHeight, W: w}))
		if err != nil {
			return v.rep, err
		}
		entries, err := DecodeBundle(data, w)
		if err != nil {
			v.problem("leaf", start, "%v", err)
			return v.rep, nil
		}
		indexes := make([]int64, w)
		for i := range indexes {
			indexes[i] = tlog.StoredHashIndex(0, start+int64(i))
		}
		authentic, err := tiles.ReadHashes(indexes)
		if err != nil {
			v.problem("hash", indexes[0], "hash tiles do not authenticate against the signed root: %v", err)
			return v.rep, nil
		}
		for i, e := range entries {
			h := tlog.RecordHash(e)
			if idx := start + int64(i); idx == 0 || idx == size-1 {
				ends[idx] = h
			}
			if h != authentic[i] {
				v.problem("leaf", start+int64(i), "entry does not hash to the leaf hash in the authenticated tiles")
			}
			if _, err := v.b.add(h); err != nil {
				return v.rep, err
			}
			v.checkpointRoots()
		}
		v.b.prune()
	}
	if v.rep.Root, err = v.b.root(); err != nil {
		return v.rep, err
	}
	if v.next < len(v.cps) {
		v.problem("checkpoint", v.cps[v.next].Size, "not reached by the log's %d leaves", size)
	}
	return v.rep, c.checkProofs(v, size, root, ends, opt.Previous)
}

// client fetches public audit resources and serves as a tlog.TileReader.
type client struct {
	ctx   context.Context
	base  string
	hc    *http.Client
	cache map[tlog.Tile][]byte // authenticated tiles above level 0
}

func (c *client) get(path string) ([]byte, error) {
	req, err := http.NewRequestWithContext(c.ctx, http.MethodGet, c.base+path, nil)
	if err != nil {
		return nil, err
	}
	resp, err := c.hc.Do(req)
	if err != nil {
		return nil, fmt.Errorf("audit: GET %s: %w", path, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<24))
	if err != nil {
		return nil, fmt.Errorf("audit: GET %s: %w", path, err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("audit: GET %s: %s: %s", path, resp.Status, strings.TrimSpace(string(body)))
	}
	return body, nil
}

// Height implements tlog.TileReader.
func (c *client) Height() int { return TileHeight }

// ReadTiles implements tlog.TileReader.
func (c *client) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, t := range tiles {
		if d, ok := c.cache[t]; ok {
			out[i] = d
			continue
		}
		d, err := c.get(TilePath(t))
		if err != nil {
			return nil, err
		}
		out[i] = d
	}
	return out, nil
}

// SaveTiles implements tlog.TileReader: tiles above level 0 are asked for
// again for every bundle, so they are kept once authenticated.
func (c *client) SaveTiles(tiles []tlog.Tile, data [][]byte) {
	for i, t := range tiles {
		if t.L > 0 {
			c.cache[t] = data[i]
		}
	}
}

// checkProofs asks the proof endpoints for the first and last leaf and,
// with a previous checkpoint, for consistency, and checks the answers.
func (c *client) checkProofs(v *verifier, size int64, root tlog.Hash, ends map[int64]tlog.Hash, prev *tlog.Tree) error {
	for idx, leafHash := range ends {
		var p inclusionJSON
		if err := c.getJSON("proof/inclusion?index="+strconv.FormatInt(idx, 10)+"&size="+strconv.FormatInt(size, 10), &p); err != nil {
			return err
		}
		if p.LeafHash != leafHash || p.RootHash != root || tlog.CheckRecord(p.Proof, size, root, idx, leafHash) != nil {
			v.problem("leaf", idx, "the inclusion proof served does not check against the signed root")
		}
	}
	if prev != nil && prev.N <= size {
		var p consistencyJSON
		if err := c.getJSON("proof/consistency?old="+strconv.FormatInt(prev.N, 10)+"&size="+strconv.FormatInt(size, 10), &p); err != nil {
			return err
		}
		if checkTree(p.Proof, size, root, prev.N, prev.Hash) != nil {
			v.problem("checkpoint", size, "the consistency proof served does not show the checkpoint at %d as a prefix", prev.N)
		}
	}
	return nil
}

func (c *client) getJSON(path string, v any) error {
	b, err := c.get(path)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, v); err != nil {
		return fmt.Errorf("audit: GET %s: %w", path, err)
	}
	return nil
}
