// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
)

// QualityStore is what data-quality figures need from storage.
type QualityStore interface {
	// BatchesSince returns the batches created at or after since.
	BatchesSince(ctx context.Context, since time.Time) ([]Batch, error)
	// ItemSubjects counts, per item, the enterprises with a current record.
	ItemSubjects(ctx context.Context) (map[string]int64, error)
}

// Quality is the data quality of one provider's deliveries of one item
// (数据质量): how recent, how complete, how clean, how much of the expected
// population is covered.
type Quality struct {
	Provider       string
	ProviderName   string
	Item           string
	ItemName       string
	Frequency      catalog.Frequency
	LastDelivery   time.Time // zero if none in the window
	Late           bool      // the last delivery is older than the item's frequency allows
	Batches        int
	Received       int64
	Rejected       int64
	Quarantined    int64
	ErrorRate      float64 // rejected / received
	Completeness   []FieldFill
	Subjects       int64   // enterprises with a current record of the item (all providers)
	Expected       int64   // enterprises that should have one; 0 when the item covers only some
	CollectionRate float64 // 归集率 = Subjects / Expected
	Trend          []MonthPoint
}

// FieldFill is how often a field had a value in the valid rows received.
type FieldFill struct {
	Field  string
	Label  string
	Filled int64
	Rate   float64
}

// MonthPoint is one month of deliveries.
type MonthPoint struct {
	Month                        string // 2026-11, Asia/Shanghai
	Batches                      int
	Received, Rejected, Accepted int64
}

var shanghai = time.FixedZone("CST", 8*3600) // China has no daylight saving time

// Quality returns figures per provider and item over the last window,
// with the master's size as the expected population of items that cover
// every enterprise.
func (s *Service) Quality(ctx context.Context, window time.Duration, masterSize int64) ([]Quality, error) {
	now := s.now().UTC()
	batches, err := s.store.BatchesSince(ctx, now.Add(-window))
	if err != nil {
		return nil, err
	}
	subjects, err := s.store.ItemSubjects(ctx)
	if err != nil {
		return nil, err
	}
	c, _, err := s.catalogs.Current(ctx)
	if err != nil {
		return nil, err
	}
	providers, err := s.store.ListProviders(ctx)
	if err != nil {
		return nil, err
	}
	byKey := map[[2]string]*Quality{}
	var out []*Quality
	for _, p := range providers {
		for _, code := range p.Items {
			it, err := c.Item(code)
			if err != nil {
				continue
			}
			q := &Quality{Provider: p.Code, ProviderName: p.Name, Item: code, ItemName: it.Name, Frequency: it.Frequency,
				Subjects: subjects[code]}
			if it.Coverage == "all" && masterSize > 0 {
				q.Expected = masterSize
				q.CollectionRate = float64(q.Subjects) / float64(masterSize)
			}
			byKey[[2]string{p.Code, code}] = q
			out = append(out, q)
		}
	}
	fills := map[[2]string]map[string]int64{}
	for _, b := range batches {
		k := [2]string{b.Provider, b.Item}
		q := byKey[k]
		if q == nil || b.Status == BatchFailed {
			continue
		}
		q.Batches++
		q.Received += b.Received
		q.Rejected += b.Rejected
		q.Quarantined += b.Quarantined
		if b.CreatedAt.After(q.LastDelivery) {
			q.LastDelivery = b.CreatedAt
		}
		if fills[k] == nil {
			fills[k] = map[string]int64{}
		}
		for f, n := range b.FieldFill {
			fills[k][f] += n
		}
		month := b.CreatedAt.In(shanghai).Format("2006-01")
		if n := len(q.Trend); n == 0 || q.Trend[n-1].Month != month {
			q.Trend = append(q.Trend, MonthPoint{Month: month})
		}
		mp := &q.Trend[len(q.Trend)-1]
		mp.Batches++
		mp.Received += b.Received
		mp.Rejected += b.Rejected
		mp.Accepted += b.Accepted
	}
	res := make([]Quality, 0, len(out))
	for _, q := range out {
		it, _ := c.Item(q.Item)
		if q.Received > 0 {
			q.ErrorRate = float64(q.Rejected) / float64(q.Received)
		}
		valid := q.Received - q.Rejected
		for _, f := range it.Fields {
			n := fills[[2]string{q.Provider, q.Item}][f.Code]
			ff := FieldFill{Field: f.Code, Label: f.Name, Filled: n}
			if valid > 0 {
				ff.Rate = float64(n) / float64(valid)
			}
			q.Completeness = append(q.Completeness, ff)
		}
		days := q.Frequency.Days()
		q.Late = q.LastDelivery.IsZero() || days > 0 && now.Sub(q.LastDelivery) > time.Duration(days+days/2+1)*24*time.Hour
		res = append(res, *q)
	}
	slices.SortFunc(res, func(a, b Quality) int {
		if a.Provider != b.Provider {
			return strings.Compare(a.Provider, b.Provider)
		}
		return strings.Compare(a.Item, b.Item)
	})
	return res, nil
}
