// SPDX-License-Identifier: Apache-2.0

package main

import (
	"bytes"
	"encoding/binary"
	"os"
	"testing"
)

// collection builds a two-face TTC whose faces share the "glyf" table, the
// way real collections save space, with face 1 having a different head.
func collection() []byte {
	be := binary.BigEndian
	var b []byte
	u32 := func(v uint32) { b = be.AppendUint32(b, v) }
	u16 := func(v uint16) { b = be.AppendUint16(b, v) }
	u32(0x74746366) // "ttcf"
	u32(0x00010000)
	u32(2)
	u32(20) // face 0 directory
	u32(64) // face 1 directory
	dir := func(headAt uint32) {
		u32(0x00010000)
		u16(2)
		u16(32)
		u16(1)
		u16(0)
		b = append(b, "head"...)
		u32(0)
		u32(headAt)
		u32(12)
		b = append(b, "glyf"...)
		u32(0)
		u32(108)
		u32(5)
	}
	dir(116)
	dir(128)
	b = append(b, 'G', 'L', 'Y', 'F', '!', 0, 0, 0)               // glyf at 108, padded
	b = append(b, 0, 1, 0, 0, 0, 0, 0, 1, 0xde, 0xad, 0xbe, 0xef) // head of face 0 at 116
	b = append(b, 0, 1, 0, 0, 0, 0, 0, 2, 0xde, 0xad, 0xbe, 0xef) // head of face 1 at 128
	return b
}

func TestExtract(t *testing.T) {
	out, err := extract(collection(), 1)
	if err != nil {
		t.Fatal(err)
	}
	be := binary.BigEndian
	if got, want := be.Uint16(out[4:]), uint16(2); got != want {
		t.Fatalf("numTables = %d, want %d", got, want)
	}
	// Tables sorted by tag: glyf before head.
	if got := string(out[12:16]) + string(out[28:32]); got != "glyfhead" {
		t.Fatalf("directory order %q, want glyfhead", got)
	}
	glyf := be.Uint32(out[12+8:])
	if got := string(out[glyf : glyf+5]); got != "GLYF!" {
		t.Fatalf("glyf data %q", got)
	}
	head := be.Uint32(out[28+8:])
	if got, want := out[head+7], byte(2); got != want {
		t.Fatalf("head came from face %d, want face 1", got-1)
	}
	// The whole file sums to the magic number once checkSumAdjustment is set.
	if got, want := checksum(out), uint32(0xB1B0AFBA); got != want {
		t.Fatalf("file checksum %#x, want %#x", got, want)
	}
	for _, bad := range [][]byte{nil, []byte("OTTO0000000000"), collection()[:30]} {
		if _, err := extract(bad, 0); err == nil {
			t.Errorf("extract(%q) succeeded", bad)
		}
	}
	if _, err := extract(collection(), 2); err == nil {
		t.Error("face 2 of a 2-face collection succeeded")
	}
}

// TestCommittedFontReproducible re-extracts the committed font from the
// Debian package when it is installed: the bytes must be identical.
func TestCommittedFontReproducible(t *testing.T) {
	ttc, err := os.ReadFile("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
	if err != nil {
		t.Skip("fonts-wqy-microhei not installed")
	}
	want, err := os.ReadFile("../../internal/report/pdf/font/wqy-microhei.ttf")
	if err != nil {
		t.Fatal(err)
	}
	got, err := extract(ttc, 0)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("re-extracted font (%d bytes) differs from the committed one (%d bytes)", len(got), len(want))
	}
}

func FuzzExtract(f *testing.F) {
	f.Add(collection(), 0)
	f.Add(collection(), 1)
	f.Fuzz(func(t *testing.T, b []byte, face int) {
		out, err := extract(b, face)
		if err == nil && checksum(out) != 0xB1B0AFBA {
			t.Fatalf("output checksum %#x", checksum(out))
		}
	})
}
