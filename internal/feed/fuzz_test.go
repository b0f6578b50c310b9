// SPDX-License-Identifier: Apache-2.0

package feed_test

import (
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/feed"
)

// FuzzDecodeCursor: a cursor from a client either decodes to the position
// it was made from or is refused as Invalid; it never panics.
func FuzzDecodeCursor(f *testing.F) {
	for _, s := range []string{"", feed.EncodeCursor(0), feed.EncodeCursor(42), feed.EncodeCursor(1 << 62), "YzEuLTE", "zzz", "YzEuMDE"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n, err := feed.DecodeCursor(s)
		if err != nil {
			if apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("DecodeCursor(%q): %v, want Invalid", s, err)
			}
			return
		}
		if s != "" && feed.EncodeCursor(n) != s {
			t.Fatalf("DecodeCursor(%q)=%d, which encodes as %q", s, n, feed.EncodeCursor(n))
		}
	})
}

// FuzzFilterNormalize: a normalized filter is stable and holds only what
// the store compares safely (digits, a section letter, item codes).
func FuzzFilterNormalize(f *testing.F) {
	f.Add("640100", "C13", "PEN.XZCF")
	f.Add("64", "F", "")
	f.Add("6x", "ZZ", " abn.jyyc ")
	f.Fuzz(func(t *testing.T, region, industry, item string) {
		n, err := feed.Filter{Region: region, Industry: industry, Items: []string{item}}.Normalize()
		if err != nil {
			return
		}
		again, err := n.Normalize()
		if err != nil || again.Region != n.Region || len(again.Items) != len(n.Items) {
			t.Fatalf("Normalize is not stable: %+v then %+v, %v", n, again, err)
		}
		if len(n.Industry) > 1 && (n.Industry[0] < '0' || n.Industry[0] > '9') {
			t.Fatalf("industry %q kept its section letter", n.Industry)
		}
	})
}
