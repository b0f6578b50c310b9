// SPDX-License-Identifier: Apache-2.0

package feed

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/ingest"
)

// Query is one read of the record log.
type Query struct {
	Filter
	After int64 // read rows with seq > After
	Upto  int64 // … and seq <= Upto (the horizon)
	Limit int
}

// Rows is what the store read: rows in seq order, and where the next read
// starts. Next is past every row read, and past rows the filter skipped.
type Rows struct {
	Records []ingest.Record
	Next    int64
}

// Mark is the log's head at one moment, and which writers were still in
// flight then. Rows up to Max are final once those writers have ended.
type Mark struct {
	Max     int64
	Writers []string
}

// Store is what the feed reads and writes.
type Store interface {
	// MarkRecords returns the highest record seq visible now and the
	// writers into the records table still in flight after reading it.
	MarkRecords(ctx context.Context) (Mark, error)
	// WritersDone reports whether every named writer has ended.
	WritersDone(ctx context.Context, writers []string) (bool, error)
	// FeedRows reads up to q.Limit record rows with After < seq <= Upto
	// matching the filter, joining the enterprise's region and industry.
	FeedRows(ctx context.Context, q Query) (Rows, error)

	CreateSubscription(ctx context.Context, s Subscription) error
	// FindSubscription returns NotFound.
	FindSubscription(ctx context.Context, id string) (Subscription, error)
	ListSubscriptions(ctx context.Context, orgID string) ([]Subscription, error)
	// DueSubscriptions returns active subscriptions whose next attempt is
	// due at now, oldest due first.
	DueSubscriptions(ctx context.Context, now time.Time, limit int) ([]Subscription, error)
	// ClaimSubscription moves the next attempt of s from seen to until,
	// reporting false when another process moved it first.
	ClaimSubscription(ctx context.Context, id string, seen, until time.Time) (bool, error)
	// UpdateSubscription writes status, failures, next attempt, last
	// error and updated time.
	UpdateSubscription(ctx context.Context, s Subscription) error
	// AdvanceSubscription moves the cursor from prev to next, and stores
	// d (unless d.ID is empty) in the same transaction. Returns Conflict
	// when the cursor is no longer prev.
	AdvanceSubscription(ctx context.Context, id string, prev, next int64, d Delivery) error
	// PendingDelivery returns the subscription's undelivered delivery.
	PendingDelivery(ctx context.Context, subscriptionID string) (Delivery, bool, error)
	// UpdateDelivery writes status, attempts and the last attempt.
	UpdateDelivery(ctx context.Context, d Delivery) error
	// ListDeliveries returns the subscription's deliveries, newest first.
	ListDeliveries(ctx context.Context, subscriptionID string, limit int) ([]Delivery, error)

	TryLease(ctx context.Context, name, holder string, ttl time.Duration) (bool, error)
	ReleaseLease(ctx context.Context, name, holder string) error
}
