// SPDX-License-Identifier: Apache-2.0

package psi

import (
	"crypto/rand"
	"crypto/sha512"
	"encoding/binary"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/gtank/ristretto255"
)

// ElementSize is the size of an encoded ristretto255 element.
const ElementSize = 32

// hashDST separates this hash from every other use of the group: the same
// code hashed for another protocol gives an unrelated element.
const hashDST = "xinrong/psi/v1/uscc-to-ristretto255"

// Key is one party's secret exponent.
type Key struct{ s *ristretto255.Scalar }

// NewKey returns a fresh random key (the institution's a).
func NewKey() (Key, error) {
	var b [64]byte
	if _, err := rand.Read(b[:]); err != nil {
		return Key{}, fmt.Errorf("psi: new key: %w", err)
	}
	return KeyFromUniform(b[:]), nil
}

// KeyFromUniform derives a key from 64 uniformly random bytes (the node
// derives its list key from its secret this way).
func KeyFromUniform(b []byte) Key {
	s := ristretto255.NewScalar()
	s.FromUniformBytes(b)
	return Key{s: s}
}

// hashToGroup maps a canonical code to the group: SHA-512 of the tag and
// the length-prefixed code, through the one-way map of RFC 9496 §4.3.4,
// so nobody knows the discrete log of any H(c).
func hashToGroup(p *ristretto255.Element, code string) {
	h := sha512.New()
	var n [2]byte
	h.Write([]byte(hashDST))
	binary.BigEndian.PutUint16(n[:], uint16(len(code)))
	h.Write(n[:])
	h.Write([]byte(code))
	var sum [64]byte
	p.FromUniformBytes(h.Sum(sum[:0]))
}

// Elements is a batch of encoded group elements, ElementSize bytes each,
// kept flat so that a million of them are one allocation.
type Elements []byte

// Len returns the number of elements.
func (e Elements) Len() int { return len(e) / ElementSize }

// At returns the i-th element.
func (e Elements) At(i int) []byte { return e[i*ElementSize : (i+1)*ElementSize] }

// ErrBadElement is returned when bytes do not encode a group element.
var ErrBadElement = errors.New("psi: not a canonical ristretto255 element")

// HashBlind hashes each code to the group and raises it to k: the
// institution's H(c)^a, and the node's H(l)^b for its list.
func HashBlind(k Key, codes []string) Elements {
	out := make(Elements, len(codes)*ElementSize)
	parallel(len(codes), func(lo, hi int) error {
		p := ristretto255.NewElement()
		for i := lo; i < hi; i++ {
			hashToGroup(p, codes[i])
			p.ScalarMult(k.s, p)
			p.Encode(out.At(i)[:0]) // appends in place: At(i) has the capacity
		}
		return nil
	})
	return out
}

// Apply raises every element of in to k, in order. It refuses any
// element that is not a canonical encoding (the identity included: it
// would answer the identity whatever the key).
func Apply(k Key, in Elements) (Elements, error) {
	out := make(Elements, len(in))
	err := parallel(in.Len(), func(lo, hi int) error {
		p := ristretto255.NewElement()
		var zero [ElementSize]byte
		for i := lo; i < hi; i++ {
			// The identity's one canonical encoding is all zeros; raised
			// to any key it stays the identity, so it is refused.
			if [ElementSize]byte(in.At(i)) == zero || p.Decode(in.At(i)) != nil {
				return fmt.Errorf("%w (element %d)", ErrBadElement, i)
			}
			p.ScalarMult(k.s, p)
			p.Encode(out.At(i)[:0])
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// parallel splits [0,n) into one contiguous part per processor and runs
// fn on each; a group operation costs ~100 µs, so the split pays from a
// handful of elements on.
func parallel(n int, fn func(lo, hi int) error) error {
	workers := runtime.GOMAXPROCS(0)
	if n < 64 || workers == 1 {
		return fn(0, n)
	}
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	errs := make([]error, workers)
	for w := range workers {
		lo, hi := w*chunk, min((w+1)*chunk, n)
		if lo >= hi {
			break
		}
		wg.Go(func() { errs[w] = fn(lo, hi) })
	}
	wg.Wait()
	return errors.Join(errs...)
}
