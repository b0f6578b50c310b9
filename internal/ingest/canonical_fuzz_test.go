// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"bytes"
	"encoding/json"
	"slices"
	"testing"
)

// FuzzCanonical holds the hand-written canonical JSON to encoding/json:
// stored content hashes depend on every byte.
func FuzzCanonical(f *testing.F) {
	for _, s := range [][3]string{
		{"CF_WSH", "宁市监罚〔2024〕12号", "CF_JE"},
		{"a<b>&c", "\u2028\u2029\x00\x1f\t\n\r\b\f\"\\", "\xff\xfe"},
		{"", "", ""},
		{"k", "v\x7f", "é\xe2\x82"},
	} {
		f.Add(s[0], s[1], s[2])
	}
	f.Fuzz(func(t *testing.T, k1, v1, k2 string) {
		for _, m := range []map[string]string{nil, {}, {k1: v1}, {k1: v1, k2: k1 + v1}, {k2: v1, k1 + "x": k2, v1: k1}} {
			want, err := json.Marshal(m)
			if err != nil {
				t.Fatal(err)
			}
			got, _ := canonical(m)
			if !bytes.Equal(got, want) {
				t.Fatalf("canonical(%q) = %s, json.Marshal gives %s", m, got, want)
			}
			sorted := []string{"", "CF_JE", "CF_WSH", k1}
			slices.Sort(sorted)
			sorted = slices.Compact(sorted) // field codes are unique
			if got, _ := canonicalIn(m, sorted); !bytes.Equal(got, want) {
				t.Fatalf("canonicalIn(%q, %q) = %s, json.Marshal gives %s", m, sorted, got, want)
			}
		}
	})
}
