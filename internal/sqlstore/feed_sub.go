// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"database/sql"
	"errors"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/feed"
)

const subCols = `id, org_id, url, secret, region, industry, items, purpose, status, cursor_seq, failures, next_attempt_at,
	last_error, created_by, created_at, updated_at`

func scanSub(sc interface{ Scan(...any) error }) (feed.Subscription, error) {
	var s feed.Subscription
	var items, status string
	err := sc.Scan(&s.ID, &s.OrgID, &s.URL, &s.SealedSecret, &s.Filter.Region, &s.Filter.Industry, &items, &s.Purpose,
		&status, &s.Cursor, &s.Failures, scanTime{&s.NextAttemptAt}, &s.LastError, &s.CreatedBy,
		scanTime{&s.CreatedAt}, scanTime{&s.UpdatedAt})
	s.Status, s.Filter.Items = feed.Status(status), strings.Fields(items)
	return s, err
}

// CreateSubscription implements feed.Store.
func (s *Store) CreateSubscription(ctx context.Context, sub feed.Subscription) error {
	_, err := s.exec(ctx, `INSERT INTO feed_subscriptions (`+subCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		sub.ID, sub.OrgID, sub.URL, sub.SealedSecret, sub.Filter.Region, sub.Filter.Industry, strings.Join(sub.Filter.Items, " "),
		sub.Purpose, string(sub.Status), sub.Cursor, sub.Failures, ts(sub.NextAttemptAt), sub.LastError, sub.CreatedBy,
		ts(sub.CreatedAt), ts(sub.UpdatedAt))
	return s.wrap("create subscription", err)
}

// FindSubscription implements feed.Store.
func (s *Store) FindSubscription(ctx context.Context, id string) (feed.Subscription, error) {
	sub, err := scanSub(s.queryRow(ctx, `SELECT `+subCols+` FROM feed_subscriptions WHERE id = ?`, id))
	return sub, s.wrap("find subscription", err)
}

// ListSubscriptions implements feed.Store: the institution's
// subscriptions that were not deleted, newest first.
func (s *Store) ListSubscriptions(ctx context.Context, orgID string) ([]feed.Subscription, error) {
	return s.subs(ctx, "list subscriptions", `SELECT `+subCols+` FROM feed_subscriptions WHERE org_id = ? AND status <> ?
		ORDER BY created_at DESC, id DESC`, orgID, string(feed.StatusDeleted))
}

// DueSubscriptions implements feed.Store.
func (s *Store) DueSubscriptions(ctx context.Context, now time.Time, limit int) ([]feed.Subscription, error) {
	return s.subs(ctx, "due subscriptions", `SELECT `+subCols+` FROM feed_subscriptions WHERE status = ? AND next_attempt_at <= ?
		ORDER BY next_attempt_at, id LIMIT ?`, string(feed.StatusActive), ts(now), limit)
}

func (s *Store) subs(ctx context.Context, op, q string, args ...any) ([]feed.Subscription, error) {
	rows, err := s.query(ctx, q, args...)
	if err != nil {
		return nil, s.wrap(op, err)
	}
	defer rows.Close()
	var out []feed.Subscription
	for rows.Next() {
		sub, err := scanSub(rows)
		if err != nil {
			return nil, s.wrap(op, err)
		}
		out = append(out, sub)
	}
	return out, s.wrap(op, rows.Err())
}

// ClaimSubscription implements feed.Store with a compare-and-set on the
// next attempt time.
func (s *Store) ClaimSubscription(ctx context.Context, id string, seen, until time.Time) (bool, error) {
	res, err := s.exec(ctx, `UPDATE feed_subscriptions SET next_attempt_at = ? WHERE id = ? AND next_attempt_at = ? AND status = ?`,
		ts(until), id, ts(seen), string(feed.StatusActive))
	if err != nil {
		return false, s.wrap("claim subscription", err)
	}
	n, err := res.RowsAffected()
	return n == 1, s.wrap("claim subscription", err)
}

// UpdateSubscription implements feed.Store. A deleted subscription stays
// deleted.
func (s *Store) UpdateSubscription(ctx context.Context, sub feed.Subscription) error {
	_, err := s.exec(ctx, `UPDATE feed_subscriptions SET status = CASE WHEN status = ? THEN status ELSE ? END,
		failures = ?, next_attempt_at = ?, last_error = ?, updated_at = ? WHERE id = ?`,
		string(feed.StatusDeleted), string(sub.Status), sub.Failures, ts(sub.NextAttemptAt), sub.LastError, ts(sub.UpdatedAt), sub.ID)
	return s.wrap("update subscription", err)
}

// AdvanceSubscription implements feed.Store.
func (s *Store) AdvanceSubscription(ctx context.Context, id string, prev, next int64, d feed.Delivery) error {
	return s.Tx(ctx, func(tx *Tx) error {
		res, err := tx.Exec(ctx, `UPDATE feed_subscriptions SET cursor_seq = ? WHERE id = ? AND cursor_seq = ?`, next, id, prev)
		if err != nil {
			return s.wrap("advance subscription", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return apperr.Conflictf("订阅游标已被另一进程推进 / another process advanced the subscription")
		}
		if d.ID == "" {
			return nil
		}
		_, err = tx.Exec(ctx, `INSERT INTO feed_deliveries (`+deliveryCols+`) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			d.ID, d.SubscriptionID, d.From, d.To, d.Changes, string(d.Body), string(d.Status), d.Attempts, d.LastStatus,
			d.LastError, ts(d.CreatedAt), ts(d.LastAttemptAt), ts(d.DeliveredAt))
		return s.wrap("create delivery", err)
	})
}

const deliveryCols = `id, subscription_id, cursor_from, cursor_to, changes, body, status, attempts, last_status, last_error,
	created_at, last_attempt_at, delivered_at`

func scanDelivery(sc interface{ Scan(...any) error }) (feed.Delivery, error) {
	var d feed.Delivery
	var body, status string
	err := sc.Scan(&d.ID, &d.SubscriptionID, &d.From, &d.To, &d.Changes, &body, &status, &d.Attempts, &d.LastStatus,
		&d.LastError, scanTime{&d.CreatedAt}, scanTime{&d.LastAttemptAt}, scanTime{&d.DeliveredAt})
	d.Body, d.Status = []byte(body), feed.DeliveryStatus(status)
	return d, err
}

// PendingDelivery implements feed.Store.
func (s *Store) PendingDelivery(ctx context.Context, subscriptionID string) (feed.Delivery, bool, error) {
	d, err := scanDelivery(s.queryRow(ctx, `SELECT `+deliveryCols+` FROM feed_deliveries
		WHERE subscription_id = ? AND status = ? ORDER BY cursor_from LIMIT 1`, subscriptionID, string(feed.DeliveryPending)))
	if errors.Is(err, sql.ErrNoRows) {
		return feed.Delivery{}, false, nil
	}
	return d, err == nil, s.wrap("pending delivery", err)
}

// UpdateDelivery implements feed.Store.
func (s *Store) UpdateDelivery(ctx context.Context, d feed.Delivery) error {
	_, err := s.exec(ctx, `UPDATE feed_deliveries SET status = ?, attempts = ?, last_status = ?, last_error = ?,
		last_attempt_at = ?, delivered_at = ? WHERE id = ?`,
		string(d.Status), d.Attempts, d.LastStatus, d.LastError, ts(d.LastAttemptAt), ts(d.DeliveredAt), d.ID)
	return s.wrap("update delivery", err)
}

// ListDeliveries implements feed.Store.
func (s *Store) ListDeliveries(ctx context.Context, subscriptionID string, limit int) ([]feed.Delivery, error) {
	rows, err := s.query(ctx, `SELECT `+deliveryCols+` FROM feed_deliveries WHERE subscription_id = ?
		ORDER BY cursor_from DESC LIMIT ?`, subscriptionID, limit)
	if err != nil {
		return nil, s.wrap("list deliveries", err)
	}
	defer rows.Close()
	var out []feed.Delivery
	for rows.Next() {
		d, err := scanDelivery(rows)
		if err != nil {
			return nil, s.wrap("list deliveries", err)
		}
		out = append(out, d)
	}
	return out, s.wrap("list deliveries", rows.Err())
}
