// SPDX-License-Identifier: Apache-2.0

// Command ttc2ttf extracts one face of a TrueType Collection (.ttc) into a
// standalone TrueType font (.ttf).
//
// It exists because the PDF library we use (github.com/signintech/gopdf)
// reads only single-face .ttf files, while Debian ships WenQuanYi Micro
// Hei, the Chinese font embedded in our PDF reports, as a .ttc. The
// output is byte-for-byte reproducible: tables are copied verbatim in
// tag order, padded to four bytes, and only the table directory and the
// head table's checkSumAdjustment are recomputed.
//
// Usage (regenerates internal/report/pdf/font/wqy-microhei.ttf):
//
//	apt-get install -y fonts-wqy-microhei
//	go run ./tools/ttc2ttf -face 0 \
//	    /usr/share/fonts/truetype/wqy/wqy-microhei.ttc \
//	    internal/report/pdf/font/wqy-microhei.ttf
package main

import (
	"encoding/binary"
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
)

func main() {
	face := flag.Int("face", 0, "index of the face to extract")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: ttc2ttf [-face N] in.ttc out.ttf")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	in, err := os.ReadFile(flag.Arg(0))
	if err != nil {
		fatal(err)
	}
	out, err := extract(in, *face)
	if err != nil {
		fatal(err)
	}
	if err := os.WriteFile(flag.Arg(1), out, 0o644); err != nil {
		fatal(err)
	}
}

func fatal(err error) {
	fmt.Fprintln(os.Stderr, "ttc2ttf:", err)
	os.Exit(1)
}

// table is one entry of an sfnt table directory.
type table struct {
	tag            [4]byte
	checksum       uint32
	offset, length uint32
	newOffset      uint32
}

// extract returns face number face of the collection ttc as an sfnt file.
func extract(ttc []byte, face int) ([]byte, error) {
	be := binary.BigEndian
	if len(ttc) < 12 || string(ttc[:4]) != "ttcf" {
		return nil, errors.New("not a TrueType Collection (no ttcf header)")
	}
	numFonts := int(be.Uint32(ttc[8:]))
	if face < 0 || face >= numFonts || len(ttc) < 12+4*numFonts {
		return nil, fmt.Errorf("face %d out of range (collection has %d)", face, numFonts)
	}
	dir := int(be.Uint32(ttc[12+4*face:]))
	if dir+12 > len(ttc) {
		return nil, errors.New("face offset past end of file")
	}
	sfntVersion := be.Uint32(ttc[dir:])
	n := int(be.Uint16(ttc[dir+4:]))
	if dir+12+16*n > len(ttc) {
		return nil, errors.New("table directory past end of file")
	}
	tables := make([]table, n)
	for i := range tables {
		rec := ttc[dir+12+16*i:]
		t := &tables[i]
		copy(t.tag[:], rec[:4])
		t.checksum = be.Uint32(rec[4:])
		t.offset = be.Uint32(rec[8:])
		t.length = be.Uint32(rec[12:])
		if uint64(t.offset)+uint64(t.length) > uint64(len(ttc)) {
			return nil, fmt.Errorf("table %q past end of file", t.tag[:])
		}
	}
	// The sfnt spec requires the directory sorted by tag; copying the data
	// in the same order keeps the output deterministic.
	sort.Slice(tables, func(i, j int) bool { return string(tables[i].tag[:]) < string(tables[j].tag[:]) })

	pos := uint32(12 + 16*n)
	for i := range tables {
		tables[i].newOffset = pos
		pos += (tables[i].length + 3) &^ 3
	}
	out := make([]byte, pos)
	be.PutUint32(out[0:], sfntVersion)
	be.PutUint16(out[4:], uint16(n))
	// searchRange, entrySelector and rangeShift follow from n.
	entrySelector := 0
	for 1<<(entrySelector+1) <= n {
		entrySelector++
	}
	searchRange := (1 << entrySelector) * 16
	be.PutUint16(out[6:], uint16(searchRange))
	be.PutUint16(out[8:], uint16(entrySelector))
	be.PutUint16(out[10:], uint16(n*16-searchRange))

	headAt := -1
	for i, t := range tables {
		copy(out[t.newOffset:], ttc[t.offset:t.offset+t.length])
		if string(t.tag[:]) == "head" {
			if t.length < 12 {
				return nil, errors.New("head table too short")
			}
			headAt = int(t.newOffset)
			// checkSumAdjustment is zero while checksums are computed.
			be.PutUint32(out[headAt+8:], 0)
		}
		rec := out[12+16*i:]
		copy(rec[:4], t.tag[:])
		be.PutUint32(rec[4:], checksum(out[t.newOffset:t.newOffset+(t.length+3)&^3]))
		be.PutUint32(rec[8:], t.newOffset)
		be.PutUint32(rec[12:], t.length)
	}
	if headAt < 0 {
		return nil, errors.New("face has no head table")
	}
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out, nil
}

// checksum is the sfnt table checksum: the sum of big-endian uint32 words.
func checksum(b []byte) uint32 {
	var sum uint32
	for len(b) >= 4 {
		sum += binary.BigEndian.Uint32(b)
		b = b[4:]
	}
	if len(b) > 0 {
		var last [4]byte
		copy(last[:], b)
		sum += binary.BigEndian.Uint32(last[:])
	}
	return sum
}
