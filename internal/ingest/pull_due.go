// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
)

// PullState coordinates pulls between processes sharing one database and
// remembers when each item was last pulled, also when nothing was new.
// *sqlstore.Store implements it.
type PullState interface {
	TryLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, holder string) error
	Setting(ctx context.Context, key string) (string, error)
	PutSetting(ctx context.Context, key, value string) error
}

// PullDue pulls, for every provider with an endpoint, each item whose last
// pull is older than the item's update frequency. Each provider-item pull
// holds a lease, so that several processes never pull the same thing at
// once. It returns the batches made and the first error met; one failing
// provider does not stop the others.
func (p *Puller) PullDue(ctx context.Context, leases PullState, holder string) ([]Batch, error) {
	provs, err := p.svc.store.ListProviders(ctx)
	if err != nil {
		return nil, err
	}
	c, _, err := p.svc.catalogs.Current(ctx)
	if err != nil {
		return nil, err
	}
	var out []Batch
	var first error
	for _, prov := range provs {
		if prov.PullURL == "" {
			continue
		}
		for _, code := range prov.Items {
			it, err := c.Item(code)
			if err != nil {
				continue
			}
			name := "pull:" + prov.Code + ":" + code
			var last time.Time
			if v, err := leases.Setting(ctx, name); err == nil {
				last, _ = time.Parse(time.RFC3339Nano, v)
			}
			if !due(it, last, p.svc.now()) {
				continue
			}
			ok, err := leases.TryLease(ctx, name, holder, 15*time.Minute)
			if err != nil || !ok {
				continue
			}
			bs, err := p.PullItem(ctx, prov.Code, code)
			if err == nil {
				err = leases.PutSetting(ctx, name, p.svc.now().UTC().Format(time.RFC3339Nano))
			}
			_ = leases.ReleaseLease(context.WithoutCancel(ctx), name, holder)
			out = append(out, bs...)
			if err != nil && first == nil {
				first = err
			}
		}
	}
	return out, first
}

// due reports whether an item should be pulled again: never pulled, or
// its frequency's interval has passed (real-time items every time).
func due(it catalog.Item, last, now time.Time) bool {
	if last.IsZero() {
		return true
	}
	days := it.Frequency.Days()
	if days <= 0 {
		return true
	}
	return now.Sub(last) >= time.Duration(days)*24*time.Hour
}
