// SPDX-License-Identifier: Apache-2.0

package onboard

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

// shanghai is China Standard Time. China keeps no daylight saving, so a
// fixed zone is exact and needs no tzdata on the host.
var shanghai = time.FixedZone("Asia/Shanghai", 8*3600)

// Exceeded is the cause of a TooMany error from a limit: when to try again.
type Exceeded struct {
	RetryAt time.Time
}

func (e *Exceeded) Error() string { return "limit exceeded until " + e.RetryAt.Format(time.RFC3339) }

// RetryAfter returns how long after now the limit behind err lifts, if
// err came from one.
func RetryAfter(err error, now time.Time) (time.Duration, bool) {
	var e *Exceeded
	if !errors.As(err, &e) {
		return 0, false
	}
	return max(e.RetryAt.Sub(now), 0), true
}

// Quota enforces the institutions' daily quotas of enterprise queries,
// counted in the database so that every process sharing it draws on one
// counter, and their per-second rate in this process.
type Quota struct {
	store   Store
	now     func() time.Time
	buckets *buckets

	mu     sync.Mutex
	recent map[string]cachedLimits // the per-second rate's limits, read at most once a second
}

// cachedLimits are an institution's limits as read at a time. Only the
// rate limiter uses them: whether the institution may read at all is the
// gate's question, asked of the database on every release.
type cachedLimits struct {
	l   Limits
	err error
	at  time.Time
}

// NewQuota returns a Quota over store (time.Now if now is nil).
func NewQuota(store Store, now func() time.Time) *Quota {
	if now == nil {
		now = time.Now
	}
	return &Quota{store: store, now: now, buckets: newBuckets(), recent: map[string]cachedLimits{}}
}

// limits returns the institution's limits, or Forbidden if it has no
// agreement (and so may make no queries at all).
func (q *Quota) limits(ctx context.Context, orgID string) (Limits, error) {
	a, err := q.store.FindApplicationByOrg(ctx, orgID)
	if apperr.Is(err, apperr.NotFound) || (err == nil && a.Agreement == nil) {
		return Limits{}, apperr.Forbiddenf("机构没有数据共享协议 / the institution has no data sharing agreement")
	}
	return a.Agreement.Limits, err
}

// Take draws n enterprise queries from the institution's quota for today
// (Asia/Shanghai). Returns apperr.TooMany, caused by *Exceeded with the
// next midnight, when fewer than n remain; nothing is drawn then.
func (q *Quota) Take(ctx context.Context, institutionOrgID string, n int) error {
	if n < 1 {
		return apperr.Invalidf("n: 须为正数 / must be positive")
	}
	l, err := q.limits(ctx, institutionOrgID)
	if err != nil {
		return err
	}
	now := q.now().In(shanghai)
	ok, err := q.store.TakeQuota(ctx, institutionOrgID, now.Format(time.DateOnly), n, l.DailyQuota)
	if err != nil {
		return fmt.Errorf("onboard: take quota: %w", err)
	}
	if ok {
		return nil
	}
	y, m, d := now.Date()
	reset := time.Date(y, m, d+1, 0, 0, 0, 0, shanghai).UTC()
	return apperr.E(apperr.TooMany, fmt.Sprintf("今日查询配额（%d次）已用完，%s 重置 / the daily quota of %d queries is used up; it resets at %s",
		l.DailyQuota, reset.In(shanghai).Format("2006-01-02 15:04"), l.DailyQuota, reset.Format(time.RFC3339)), &Exceeded{RetryAt: reset})
}

// Wait applies the institution's per-second rate in this process. Returns
// apperr.TooMany, caused by *Exceeded, when the request comes too soon.
// An institution without an agreement has no rate here; the gate refuses
// its data anyway.
func (q *Quota) Wait(ctx context.Context, institutionOrgID string) error {
	l, err := q.rateLimits(ctx, institutionOrgID)
	if apperr.Is(err, apperr.Forbidden) {
		return nil
	}
	if err != nil {
		return err
	}
	now := q.now()
	if wait := q.buckets.take(institutionOrgID, l, now); wait > 0 {
		return apperr.E(apperr.TooMany, "请求过于频繁，请稍后再试 / too many requests, slow down", &Exceeded{RetryAt: now.Add(wait)})
	}
	return nil
}

// rateLimits returns the institution's limits, read from the store at most
// once a second per institution: the rate limiter runs before every
// request, and a change of limits may take a second to apply.
func (q *Quota) rateLimits(ctx context.Context, orgID string) (Limits, error) {
	now := q.now()
	q.mu.Lock()
	c, ok := q.recent[orgID]
	q.mu.Unlock()
	if ok && now.Sub(c.at) < time.Second && now.Sub(c.at) >= 0 {
		return c.l, c.err
	}
	l, err := q.limits(ctx, orgID)
	if err != nil && !apperr.Is(err, apperr.Forbidden) {
		return l, err // a store failure is not remembered
	}
	q.mu.Lock()
	if len(q.recent) > 10000 {
		clear(q.recent)
	}
	q.recent[orgID] = cachedLimits{l: l, err: err, at: now}
	q.mu.Unlock()
	return l, err
}
