// SPDX-License-Identifier: Apache-2.0

package feed_test

import (
	"testing"

	"github.com/xinrong/xinrong/internal/feed"
	"github.com/xinrong/xinrong/internal/subject"
)

// BenchmarkPage reads pages of 100 changes, filtered by region, through
// the gate (one audit leaf per enterprise per page).
func BenchmarkPage(b *testing.B) {
	e := newEnv(b)
	for i := range 5 {
		var rows []map[string]string
		for j := range 200 {
			n := i*200 + j
			rows = append(rows, penalty([]subject.Subject{e.yc, e.yc2, e.szs}[n%3], n, "2025-12-01"))
		}
		e.push(b, "PEN.XZCF", rows...)
	}
	b.ResetTimer()
	cursor := ""
	for b.Loop() {
		p, err := e.feed.Page(e.instQuery, feed.Request{Purpose: "post_loan", Filter: feed.Filter{Region: "6401"}, Cursor: cursor})
		must(b, err)
		cursor = p.Next
		if !p.More {
			cursor = ""
		}
	}
}
