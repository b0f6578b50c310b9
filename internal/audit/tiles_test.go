// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"bytes"
	"fmt"
	"slices"
	"testing"

	"golang.org/x/mod/sumdb/tlog"
)

func TestTilePath(t *testing.T) {
	for _, c := range []struct {
		tile tlog.Tile
		path string
	}{
		{tlog.Tile{H: 8, L: 0, N: 0, W: 256}, "tile/0/000"},
		{tlog.Tile{H: 8, L: 0, N: 1234067, W: 256}, "tile/0/x001/x234/067"},
		{tlog.Tile{H: 8, L: 1, N: 3, W: 7}, "tile/1/003.p/7"},
		{tlog.Tile{H: 8, L: -1, N: 0, W: 256}, "tile/entries/000"},
		{tlog.Tile{H: 8, L: -1, N: 1000, W: 1}, "tile/entries/x001/000.p/1"},
	} {
		if got := TilePath(c.tile); got != c.path {
			t.Fatalf("TilePath(%+v)=%s, want %s", c.tile, got, c.path)
		}
		got, err := ParseTilePath(c.path)
		if err != nil || got != c.tile {
			t.Fatalf("ParseTilePath(%s)=%+v, %v, want %+v", c.path, got, err, c.tile)
		}
	}
	for _, bad := range []string{"", "tile/", "tile/0", "tile/0/0", "tile/0/000.p/256", "tile/0/000.p/0",
		"tile/8/0/000", "tile/data/000", "tile/8/data/000", "tile/0/1000", "tile/0/x000/001", "tile/8/000",
		"tile/-1/000", "tile/01/000", "tiles/0/000", "tile/entries/000.p/", "tile/0/000/"} {
		if _, err := ParseTilePath(bad); err == nil {
			t.Fatalf("ParseTilePath(%q) accepted", bad)
		}
	}
}

func FuzzParseTilePath(f *testing.F) {
	for _, s := range []string{"tile/0/000", "tile/entries/x001/000.p/1", "tile/3/x123/456.p/255", "tile/0/000.p/x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, p string) {
		tile, err := ParseTilePath(p)
		if err != nil {
			return
		}
		if got := TilePath(tile); got != p {
			t.Fatalf("ParseTilePath(%q) round trips to %q", p, got)
		}
		if tile.H != TileHeight || tile.W < 1 || tile.W > 256 || tile.L < -1 || tile.L > 7 {
			t.Fatalf("ParseTilePath(%q)=%+v out of range", p, tile)
		}
	})
}

func TestBundle(t *testing.T) {
	leaves := [][]byte{[]byte(`{"a":1}`), {}, bytes.Repeat([]byte("x"), 300)}
	b, err := encodeBundle(leaves)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := b[:9], []byte("\x00\x07{\"a\":1}"); !bytes.Equal(got, want) {
		t.Fatalf("bundle starts %q, want %q", got, want)
	}
	got, err := DecodeBundle(b, 3)
	if err != nil {
		t.Fatal(err)
	}
	for i := range leaves {
		if !bytes.Equal(got[i], leaves[i]) {
			t.Fatalf("entry %d=%q, want %q", i, got[i], leaves[i])
		}
	}
	for _, bad := range [][]byte{b[:len(b)-1], b[:1], append(b, 0)} {
		if _, err := DecodeBundle(bad, 3); err == nil {
			t.Fatalf("DecodeBundle accepted %d bytes", len(bad))
		}
	}
	if _, err := DecodeBundle(b, 2); err == nil {
		t.Fatal("DecodeBundle accepted the wrong count")
	}
	if _, err := encodeBundle([][]byte{make([]byte, 1<<16)}); err == nil {
		t.Fatal("encodeBundle accepted a leaf of 64 KiB")
	}
}

func FuzzDecodeBundle(f *testing.F) {
	f.Add([]byte("\x00\x01a\x00\x00"), 2)
	f.Add([]byte("\x00"), 0)
	f.Fuzz(func(t *testing.T, data []byte, want int) {
		entries, err := DecodeBundle(data, want)
		if err != nil {
			return
		}
		again, err := encodeBundle(entries)
		if err != nil || !bytes.Equal(again, data) {
			t.Fatalf("re-encoding %q gives %q, %v", data, again, err)
		}
	})
}

// The builder stores what tlog.StoredHashes stores, and its frontier is
// what tlog.TreeHash reads, for every size up to 600 leaves.
func TestBuilder_MatchesTlog(t *testing.T) {
	all := hashMap{}
	b := builder{m: hashMap{}}
	for i := int64(0); i < 600; i++ {
		data := []byte(fmt.Sprintf("leaf %d", i))
		want, err := tlog.StoredHashes(i, data, all)
		if err != nil {
			t.Fatal(err)
		}
		for j, h := range want {
			all[tlog.StoredHashIndex(0, i)+int64(j)] = h
		}
		got, err := b.add(tlog.RecordHash(data))
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(got, want) {
			t.Fatalf("leaf %d: stored hashes differ", i)
		}
		if i%7 == 0 {
			b.prune()
		}
		var asked []int64
		rec := tlog.HashReaderFunc(func(x []int64) ([]tlog.Hash, error) { asked = append(asked, x...); return all.ReadHashes(x) })
		wantRoot, err := tlog.TreeHash(i+1, rec)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.Equal(asked, frontier(i+1)) {
			t.Fatalf("size %d: TreeHash reads %v, frontier is %v", i+1, asked, frontier(i+1))
		}
		if root, err := b.root(); err != nil || root != wantRoot {
			t.Fatalf("size %d: root %s, %v; want %s", i+1, root, err, wantRoot)
		}
	}
}
