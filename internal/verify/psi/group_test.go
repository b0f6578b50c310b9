// SPDX-License-Identifier: Apache-2.0

package psi

import (
	"bytes"
	"errors"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
)

// TestProtocol_IntersectionIsPlainIntersection runs both parties' steps
// on random sets and compares with the intersection computed in clear.
func TestProtocol_IntersectionIsPlainIntersection(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	code := func() string { return fmt.Sprintf("91640104MA7%06dX", r.IntN(400)) }
	for round := range 3 {
		var client, list []string
		for range 150 {
			client = append(client, code())
			list = append(list, code())
		}
		a, err := NewKey()
		if err != nil {
			t.Fatal(err)
		}
		b := KeyFromUniform(bytes.Repeat([]byte{byte(round + 1)}, 64))
		blinded := HashBlind(a, client)
		evaluated, err := Apply(b, blinded)
		if err != nil {
			t.Fatal(err)
		}
		enc := HashBlind(b, list)
		sortElements(enc)
		raised, err := Apply(a, enc)
		if err != nil {
			t.Fatal(err)
		}
		sortElements(raised)
		var got, want []string
		for i := range client {
			if contains(raised, evaluated.At(i)) {
				got = append(got, client[i])
			}
			if slices.Contains(list, client[i]) {
				want = append(want, client[i])
			}
		}
		if !slices.Equal(got, want) || len(want) == 0 {
			t.Fatalf("round %d: got %d matches %v, want %d %v", round, len(got), got, len(want), want)
		}
	}
}

// TestHashBlind_SameCodeSameElement: hashing is deterministic under one
// key and differs under another, so encrypted lists of two versions
// cannot be joined.
func TestHashBlind_SameCodeSameElement(t *testing.T) {
	k1, k2 := KeyFromUniform(bytes.Repeat([]byte{1}, 64)), KeyFromUniform(bytes.Repeat([]byte{2}, 64))
	codes := []string{"91640104MA7GATE12X", "91640104MA7GATE12X"}
	e1, e2 := HashBlind(k1, codes), HashBlind(k2, codes)
	if !bytes.Equal(e1.At(0), e1.At(1)) || bytes.Equal(e1.At(0), e2.At(0)) {
		t.Fatalf("k1: %x %x, k2: %x", e1.At(0), e1.At(1), e2.At(0))
	}
}

// TestApply_RefusesNonElements: bytes that encode no element, and the
// identity, are refused rather than raised.
func TestApply_RefusesNonElements(t *testing.T) {
	k := KeyFromUniform(bytes.Repeat([]byte{3}, 64))
	bad := [][]byte{make([]byte, 32), bytes.Repeat([]byte{0xff}, 32)}
	for _, b := range bad {
		if _, err := Apply(k, Elements(b)); !errors.Is(err, ErrBadElement) {
			t.Fatalf("Apply(%x) err=%v, want ErrBadElement", b, err)
		}
	}
}

// TestCodec_RoundTrip writes and reads batches and refuses bad framing.
func TestCodec_RoundTrip(t *testing.T) {
	e := HashBlind(KeyFromUniform(bytes.Repeat([]byte{4}, 64)), []string{"a", "b", "c"})
	var buf bytes.Buffer
	if err := WriteElements(&buf, e); err != nil {
		t.Fatal(err)
	}
	if got, want := int64(buf.Len()), EncodedSize(3); got != want {
		t.Fatalf("size %d, want %d", got, want)
	}
	raw := buf.Bytes()
	got, err := ReadElements(bytes.NewReader(raw), 3)
	if err != nil || !bytes.Equal(got, e) {
		t.Fatalf("round trip: %v", err)
	}
	for name, in := range map[string][]byte{
		"TooMany": raw, "Truncated": raw[:len(raw)-1], "Trailing": append(slices.Clone(raw), 0),
		"BadMagic": append([]byte("XRP2"), raw[4:]...), "Empty": nil,
	} {
		max := 3
		if name == "TooMany" {
			max = 2
		}
		if _, err := ReadElements(bytes.NewReader(in), max); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("%s: err=%v, want Invalid", name, err)
		}
	}
}

// FuzzReadElements: the decoder never panics, never returns more than
// max elements, and what it accepts re-encodes to the same bytes.
func FuzzReadElements(f *testing.F) {
	var buf bytes.Buffer
	_ = WriteElements(&buf, HashBlind(KeyFromUniform(bytes.Repeat([]byte{5}, 64)), []string{"x", "y"}))
	f.Add(buf.Bytes(), 4)
	f.Add([]byte("XRP1\x00\x00\x00\x01"), 1)
	f.Add([]byte("XRP1\xff\xff\xff\xff"), 1000)
	f.Fuzz(func(t *testing.T, in []byte, max int) {
		max = max & 0xffff
		e, err := ReadElements(bytes.NewReader(in), max)
		if err != nil {
			return
		}
		if e.Len() > max || len(e)%ElementSize != 0 {
			t.Fatalf("%d elements, max %d", e.Len(), max)
		}
		var out bytes.Buffer
		if err := WriteElements(&out, e); err != nil || !bytes.Equal(out.Bytes(), in) {
			t.Fatalf("re-encoding differs: %v", err)
		}
		_, _ = Apply(KeyFromUniform(bytes.Repeat([]byte{6}, 64)), e) // never panics on any bytes
	})
}

func BenchmarkHashBlind(b *testing.B) {
	k := KeyFromUniform(bytes.Repeat([]byte{7}, 64))
	codes := []string{"91640104MA7GATE12X"}
	for b.Loop() {
		HashBlind(k, codes)
	}
}

func BenchmarkApply(b *testing.B) {
	k := KeyFromUniform(bytes.Repeat([]byte{7}, 64))
	e := HashBlind(k, []string{"91640104MA7GATE12X"})
	for b.Loop() {
		if _, err := Apply(k, e); err != nil {
			b.Fatal(err)
		}
	}
}
