// SPDX-License-Identifier: Apache-2.0

package audit_test

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

// MustServe serves the public audit routes of s.
func MustServe(t *testing.T, s *sqlstore.Store) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	audit.NewServer(audit.NewTree(s), nil).Routes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func get(t *testing.T, url string) (int, http.Header, []byte) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return resp.StatusCode, resp.Header, b
}

// tileClient is an independent tlog.TileReader over the HTTP endpoints.
type tileClient struct {
	t    *testing.T
	base string
}

func (c tileClient) Height() int { return 8 }

func (c tileClient) ReadTiles(tiles []tlog.Tile) ([][]byte, error) {
	out := make([][]byte, len(tiles))
	for i, tile := range tiles {
		status, _, b := get(c.t, c.base+"/audit/"+audit.TilePath(tile))
		if status != http.StatusOK {
			return nil, fmt.Errorf("%s: %d", audit.TilePath(tile), status)
		}
		out[i] = b
	}
	return out, nil
}

func (c tileClient) SaveTiles([]tlog.Tile, [][]byte) {}

// A client holding only the verifier key proves a leaf from the served
// tiles: the checkpoint verifies, tlog.TileHashReader authenticates the
// hash tiles against its root, the entry bundle's leaf hashes to the
// authenticated leaf hash, and the inclusion proof built from the tiles
// checks. Entry bundles hold no enterprise code in clear.
func TestServer_TilesProveLeaf(t *testing.T) {
	ctx := context.Background()
	s, svc := MustLog(t)
	srv := MustServe(t, s)
	if status, _, _ := get(t, srv.URL+"/audit/checkpoint"); status != http.StatusNotFound {
		t.Fatalf("checkpoint before the first: status %d, want 404", status)
	}
	MustAppend(t, s, svc, 0, 300)
	MustAppend(t, s, svc, 300, 70000-300)
	if err := svc.PublishCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	status, h, signed := get(t, srv.URL+"/audit/checkpoint")
	if status != http.StatusOK || !strings.HasPrefix(h.Get("Content-Type"), "text/plain") {
		t.Fatalf("checkpoint: %d %s", status, h.Get("Content-Type"))
	}
	size, root, err := audit.OpenCheckpoint(signed, svc.VerifierKey())
	if err != nil || size != 70000 {
		t.Fatalf("checkpoint: %d %v", size, err)
	}
	hr := tlog.TileHashReader(tlog.Tree{N: size, Hash: root}, tileClient{t, srv.URL})
	for _, i := range []int64{0, 255, 256, 65535, 65536, 69999} {
		hs, err := hr.ReadHashes([]int64{tlog.StoredHashIndex(0, i)})
		if err != nil {
			t.Fatalf("leaf %d: tiles do not authenticate: %v", i, err)
		}
		w := int(min(size-i/256*256, 256))
		_, _, bundle := get(t, srv.URL+"/audit/"+audit.TilePath(tlog.Tile{H: 8, L: -1, N: i / 256, W: w}))
		entries, err := audit.DecodeBundle(bundle, w)
		if err != nil {
			t.Fatal(err)
		}
		if got := tlog.RecordHash(entries[i%256]); got != hs[0] {
			t.Fatalf("leaf %d: entry hashes to %s, tiles say %s", i, got, hs[0])
		}
		p, err := tlog.ProveRecord(size, i, hr)
		if err != nil {
			t.Fatal(err)
		}
		if err := tlog.CheckRecord(p, size, root, i, hs[0]); err != nil {
			t.Fatalf("leaf %d: %v", i, err)
		}
		if strings.Contains(string(bundle), "914403001922038") {
			t.Fatalf("entry bundle %d holds an enterprise code in clear", i/256)
		}
	}
	_, h, _ = get(t, srv.URL+"/audit/tile/0/000")
	if got := h.Get("Cache-Control"); !strings.Contains(got, "immutable") {
		t.Fatalf("full tile Cache-Control=%q", got)
	}
	if got := h.Get("Access-Control-Allow-Origin"); got != "*" {
		t.Fatalf("Access-Control-Allow-Origin=%q", got)
	}
}

func TestServer_Errors(t *testing.T) {
	s, svc := MustLog(t)
	srv := MustServe(t, s)
	MustAppend(t, s, svc, 0, 10)
	for path, want := range map[string]int{
		"/audit/tile/0/000.p/10":                      200,
		"/audit/tile/entries/000.p/10":                200,
		"/audit/tile/0/000.p/11":                      404,
		"/audit/tile/0/000":                           404,
		"/audit/tile/1/000.p/1":                       404,
		"/audit/tile/8/0/000.p/10":                    404,
		"/audit/tile/0/0":                             404,
		"/audit/proof/inclusion?index=3&size=10":      200,
		"/audit/proof/inclusion?index=3&size=11":      404,
		"/audit/proof/inclusion?index=10&size=10":     400,
		"/audit/proof/inclusion?index=x&size=10":      400,
		"/audit/proof/consistency?old=0&size=10":      200,
		"/audit/proof/consistency?old=4&size=10":      200,
		"/audit/proof/consistency?old=11&size=10":     400,
		"/audit/proof/consistency?old=-1&size=10":     400,
		"/audit/checkpoint":                           404,
		"/audit/proof/consistency?old=4&size=1000000": 404,
	} {
		if status, _, body := get(t, srv.URL+path); status != want {
			t.Fatalf("GET %s: %d %s, want %d", path, status, body, want)
		}
	}
	_, _, body := get(t, srv.URL+"/audit/proof/consistency?old=4&size=10")
	var p struct {
		OldRootHash tlog.Hash   `json:"old_root_hash"`
		RootHash    tlog.Hash   `json:"root_hash"`
		Proof       []tlog.Hash `json:"proof"`
	}
	if err := json.Unmarshal(body, &p); err != nil {
		t.Fatal(err)
	}
	if err := tlog.CheckTree(p.Proof, 10, p.RootHash, 4, p.OldRootHash); err != nil {
		t.Fatalf("served consistency proof: %v", err)
	}
}

// VerifyRemote checks a node through its public endpoints: a clean log
// passes (also against an earlier checkpoint), a log edited behind the
// node's back or a wrong key does not.
func TestVerifyRemote(t *testing.T) {
	ctx := context.Background()
	s, svc := MustLog(t)
	srv := MustServe(t, s)
	MustAppend(t, s, svc, 0, 100)
	if err := svc.PublishCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	first, _ := svc.Checkpoint(ctx)
	MustAppend(t, s, svc, 100, 500)
	if err := svc.PublishCheckpoint(ctx); err != nil {
		t.Fatal(err)
	}
	prev := &tlog.Tree{N: first.Size, Hash: first.Root}
	rep, err := audit.VerifyRemote(ctx, srv.URL, audit.RemoteOptions{VerifierKey: svc.VerifierKey(), Previous: prev})
	if err != nil || !rep.OK() || rep.Size != 600 {
		t.Fatalf("clean log: %v %v size %d", err, rep.Problems, rep.Size)
	}
	if local := MustVerify(t, s, svc); local.Root != rep.Root {
		t.Fatalf("remote root %s, local root %s", rep.Root, local.Root)
	}
	rep, err = audit.VerifyRemote(ctx, srv.URL, audit.RemoteOptions{VerifierKey: "other+12345678+AQ=="})
	if err != nil || rep.OK() {
		t.Fatalf("a bad key: %v %v", err, rep.Problems)
	}
	editLeaf(t, s, 300, true)
	rep, err = audit.VerifyRemote(ctx, srv.URL, audit.RemoteOptions{VerifierKey: svc.VerifierKey()})
	if err != nil || rep.OK() {
		t.Fatalf("an edited leaf: %v %v", err, rep.Problems)
	}
	if p := rep.Problems[0]; p.Where != "leaf" || p.Index != 300 {
		t.Fatalf("problem %v, want leaf 300", p)
	}
}
