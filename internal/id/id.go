// SPDX-License-Identifier: Apache-2.0

// Package id makes the application's record identifiers: 26-character,
// lexically sortable by creation time (ULID layout: 48-bit millisecond
// timestamp, 80 random bits, Crockford base32). The application makes them,
// not the database, so that they are the same on SQLite and PostgreSQL and
// can travel between nodes unchanged.
package id

import (
	"crypto/rand"
	"encoding/binary"
	"sync"
	"time"
)

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// Generator makes monotonic IDs: within one millisecond the random part is
// incremented, so IDs from one process never go backwards.
type Generator struct {
	mu     sync.Mutex
	lastMS uint64
	hi     uint16 // top 16 bits of the 80-bit random part
	lo     uint64 // low 64 bits
	now    func() time.Time
}

// NewGenerator returns a Generator reading the given clock (time.Now if nil).
func NewGenerator(now func() time.Time) *Generator {
	if now == nil {
		now = time.Now
	}
	return &Generator{now: now}
}

var std = NewGenerator(nil)

// New returns a new ID from the process-wide generator.
func New() string { return std.New() }

// New returns a new ID.
func (g *Generator) New() string {
	g.mu.Lock()
	ms := uint64(g.now().UnixMilli())
	if ms <= g.lastMS {
		ms = g.lastMS
		g.lo++
		if g.lo == 0 {
			g.hi++
		}
	} else {
		var b [10]byte
		_, _ = rand.Read(b[:])
		g.hi = binary.BigEndian.Uint16(b[:2])
		g.lo = binary.BigEndian.Uint64(b[2:])
		g.lastMS = ms
	}
	hi, lo := g.hi, g.lo
	g.mu.Unlock()
	return encode(ms, hi, lo)
}

// encode writes 128 bits (48 ms + 16 + 64) as 26 base32 characters.
func encode(ms uint64, hi uint16, lo uint64) string {
	var out [26]byte
	// The 128-bit value is ms<<80 | hi<<64 | lo; emit 5 bits at a time from the top
	// (26*5 = 130 bits, the first character carries 3 bits).
	h := ms<<16 | uint64(hi) // high 64 bits
	l := lo                  // low 64 bits
	for i := 25; i >= 0; i-- {
		out[i] = alphabet[l&31]
		l = l>>5 | (h&31)<<59
		h >>= 5
	}
	return string(out[:])
}

// Time returns the creation time encoded in an ID, or the zero time if the
// ID is malformed.
func Time(s string) time.Time {
	if len(s) != 26 {
		return time.Time{}
	}
	var ms uint64
	for i := 0; i < 10; i++ {
		v := indexOf(s[i])
		if v < 0 {
			return time.Time{}
		}
		ms = ms<<5 | uint64(v)
	}
	// The first 10 characters hold 50 bits: 2 leading zero bits + 48 ms bits.
	return time.UnixMilli(int64(ms)).UTC()
}

func indexOf(c byte) int {
	for i := 0; i < len(alphabet); i++ {
		if alphabet[i] == c {
			return i
		}
	}
	return -1
}
