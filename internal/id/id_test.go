// SPDX-License-Identifier: Apache-2.0

package id

import (
	"testing"
	"time"
)

func TestNew_SortableAndUnique(t *testing.T) {
	g := NewGenerator(func() time.Time { return time.UnixMilli(1_700_000_000_000) })
	prev := ""
	seen := map[string]bool{}
	for i := 0; i < 10000; i++ {
		s := g.New()
		if len(s) != 26 {
			t.Fatalf("len=%d, want 26", len(s))
		}
		if s <= prev {
			t.Fatalf("id %q not after %q", s, prev)
		}
		if seen[s] {
			t.Fatalf("duplicate %q", s)
		}
		seen[s] = true
		prev = s
	}
	if got, want := Time(prev).UnixMilli(), int64(1_700_000_000_000); got != want {
		t.Fatalf("Time=%d, want %d", got, want)
	}
}

func TestNew_TimeOrder(t *testing.T) {
	ms := int64(1_600_000_000_000)
	g := NewGenerator(func() time.Time { ms += 1; return time.UnixMilli(ms) })
	a, b := g.New(), g.New()
	if !(a < b) {
		t.Fatalf("%q !< %q", a, b)
	}
}
