// SPDX-License-Identifier: Apache-2.0

package web

import (
	"time"

	"github.com/xinrong/xinrong/internal/ingest"
)

// trendChart is a small bar chart of rows received per month over the
// last twelve months, drawn by the template as inline SVG: geometry in
// SVG attributes, colours in CSS classes, so the strict CSP holds and no
// chart library is needed.
type trendChart struct {
	Width, Height int
	Bars          []trendBar
	Label         string // what the chart shows, for screen readers
	Empty         bool   // no rows in the window
}

// trendBar is one month: the received rows as a bar, the rejected part of
// it drawn over its foot.
type trendBar struct {
	X, Y, H       int // the received bar
	RejY, RejH    int // the rejected part
	Month         string
	Batches       int
	Received      int64
	Rejected      int64
	Accepted      int64
	ReceivedLabel string // "1,234"
}

// Geometry of the chart, in SVG user units (CSS pixels at 1:1).
const (
	trendMonths = 12
	trendBarW   = 9
	trendGap    = 3
	trendHeight = 36
)

// newTrend lays out the twelve months up to now's month in China, with
// months without deliveries as empty slots.
func newTrend(v *view, points []ingest.MonthPoint, now time.Time) trendChart {
	byMonth := map[string]ingest.MonthPoint{}
	for _, p := range points {
		byMonth[p.Month] = p
	}
	first := time.Date(now.In(chinaTime).Year(), now.In(chinaTime).Month(), 1, 0, 0, 0, 0, chinaTime).AddDate(0, -(trendMonths - 1), 0)
	ch := trendChart{Width: trendMonths*(trendBarW+trendGap) - trendGap, Height: trendHeight, Label: v.T("collect.quality.trend_label")}
	var peak int64
	for i := 0; i < trendMonths; i++ {
		m := first.AddDate(0, i, 0).Format("2006-01")
		p := byMonth[m]
		peak = max(peak, p.Received)
		ch.Bars = append(ch.Bars, trendBar{X: i * (trendBarW + trendGap), Month: m, Batches: p.Batches, Received: p.Received,
			Rejected: p.Rejected, Accepted: p.Accepted, ReceivedLabel: formatCount(int(p.Received))})
	}
	ch.Empty = peak == 0
	for i := range ch.Bars {
		b := &ch.Bars[i]
		if peak == 0 || b.Received == 0 {
			b.Y, b.RejY = trendHeight, trendHeight
			continue
		}
		// Every month with rows gets at least a sliver, so that a small
		// delivery next to a large one is still visible.
		b.H = max(2, int(float64(b.Received)/float64(peak)*float64(trendHeight-1)+0.5))
		b.Y = trendHeight - b.H
		if b.Rejected > 0 {
			b.RejH = max(1, int(float64(b.Rejected)/float64(b.Received)*float64(b.H)+0.5))
			b.RejY = trendHeight - b.RejH
		}
	}
	return ch
}
