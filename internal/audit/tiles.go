// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"encoding/binary"
	"fmt"
	"strings"

	"golang.org/x/mod/sumdb/tlog"
)

// TileHeight is the height of every tile: C2SP tlog-tiles fixes it at 8,
// so a full tile holds 256 hashes or 256 entries.
const TileHeight = 8

// TilePath returns the C2SP tlog-tiles path of a tile of height 8:
// "tile/<L>/<N>[.p/<W>]" for hashes and "tile/entries/<N>[.p/<W>]" for
// entry bundles (tlog's L = -1), N written in three-digit groups, all but
// the last prefixed with "x". It is tlog's Tile.Path without the height,
// which C2SP leaves out because it is always 8.
func TilePath(t tlog.Tile) string {
	p := strings.TrimPrefix(t.Path(), "tile/8/")
	if rest, ok := strings.CutPrefix(p, "data/"); ok {
		return "tile/entries/" + rest
	}
	return "tile/" + p
}

// ParseTilePath parses a C2SP tlog-tiles path as TilePath writes it and
// returns the tile (height 8, L = -1 for entries). Only the canonical
// spelling is accepted, so every tile has exactly one URL.
func ParseTilePath(path string) (tlog.Tile, error) {
	rest, ok := strings.CutPrefix(path, "tile/")
	if !ok {
		return tlog.Tile{}, fmt.Errorf("audit: malformed tile path %q", path)
	}
	if r, ok := strings.CutPrefix(rest, "entries/"); ok {
		rest = "data/" + r
	}
	t, err := tlog.ParseTilePath("tile/8/" + rest)
	if err != nil || t.L > 63/TileHeight || TilePath(t) != path {
		return tlog.Tile{}, fmt.Errorf("audit: malformed tile path %q", path)
	}
	return t, nil
}

// encodeBundle writes leaves as a C2SP entry bundle: each entry as a
// big-endian uint16 length and then its bytes.
func encodeBundle(leaves [][]byte) ([]byte, error) {
	size := 0
	for _, l := range leaves {
		size += 2 + len(l)
	}
	out := make([]byte, 0, size)
	for _, l := range leaves {
		if len(l) > maxLeaf {
			return nil, fmt.Errorf("audit: leaf of %d bytes does not fit an entry bundle", len(l))
		}
		out = binary.BigEndian.AppendUint16(out, uint16(len(l)))
		out = append(out, l...)
	}
	return out, nil
}

// DecodeBundle splits a C2SP entry bundle into its entries and checks it
// holds exactly want of them.
func DecodeBundle(data []byte, want int) ([][]byte, error) {
	var out [][]byte
	for len(data) > 0 {
		if len(data) < 2 {
			return nil, fmt.Errorf("audit: entry bundle: truncated length after %d entries", len(out))
		}
		n := int(binary.BigEndian.Uint16(data))
		if len(data) < 2+n {
			return nil, fmt.Errorf("audit: entry bundle: entry %d is truncated", len(out))
		}
		out = append(out, data[2:2+n])
		data = data[2+n:]
	}
	if len(out) != want {
		return nil, fmt.Errorf("audit: entry bundle has %d entries, want %d", len(out), want)
	}
	return out, nil
}
