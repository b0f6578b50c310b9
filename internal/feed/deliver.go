// SPDX-License-Identifier: Apache-2.0

package feed

import (
	"context"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/id"
)

// LeaseName is the job lease that lets one process at a time deliver.
const LeaseName = "feed.deliver"

const (
	leaseTTL     = 5 * time.Minute
	claimFor     = 2 * time.Minute // a claimed subscription is not due for others meanwhile
	perRun       = 10              // messages per subscription per run, so that one busy bank does not starve the rest
	subsPerRun   = 200
	maxErrorText = 500
)

// Deliver runs one round of webhook deliveries as holder of the job
// lease: for each subscription that is due, it retries the pending
// message or releases the next page through the gate, stores it as a
// delivery, and posts it. It returns the number of messages the endpoints
// acknowledged. Delivery is at least once: a message is stored before its
// first post and reposted under the same webhook-id until an endpoint
// answers 2xx. Without the lease it does nothing.
func (s *Service) Deliver(ctx context.Context, holder string) (int, error) {
	ok, err := s.store.TryLease(ctx, LeaseName, holder, leaseTTL)
	if err != nil || !ok {
		return 0, err
	}
	defer s.store.ReleaseLease(context.WithoutCancel(ctx), LeaseName, holder) //nolint:errcheck // it expires anyway
	now := s.opt.Now().UTC()
	subs, err := s.store.DueSubscriptions(ctx, now, subsPerRun)
	if err != nil {
		return 0, err
	}
	n := 0
	for _, sub := range subs {
		// The claim keeps a second process (one that took over an
		// expired lease) away from this subscription.
		claimed, err := s.store.ClaimSubscription(ctx, sub.ID, sub.NextAttemptAt, now.Add(claimFor))
		if err != nil {
			return n, err
		}
		if !claimed {
			continue
		}
		k, err := s.deliverOne(ctx, sub)
		n += k
		if err != nil {
			return n, err
		}
		if ok, err := s.store.TryLease(ctx, LeaseName, holder, leaseTTL); err != nil || !ok {
			return n, err
		}
	}
	return n, nil
}

// deliverOne sends up to perRun messages to one subscription and settles
// its schedule. Only store errors are returned; an endpoint's or the
// gate's refusal counts as a failure of the subscription.
func (s *Service) deliverOne(ctx context.Context, sub Subscription) (int, error) {
	n := 0
	for range perRun {
		d, ok, err := s.store.PendingDelivery(ctx, sub.ID)
		if err != nil {
			return n, err
		}
		if ok {
			// A retry posts a message released earlier. The agreement or
			// the purpose may have ended since: ask the gate again (an
			// empty page writes no leaf unless it refuses).
			if err := s.stillAllowed(ctx, sub); err != nil {
				if apperr.Is(err, apperr.Forbidden) || apperr.Is(err, apperr.Invalid) {
					return n, s.fail(ctx, sub, &d, err)
				}
				return n, err
			}
		} else {
			if d, ok, err = s.nextDelivery(ctx, &sub); err != nil {
				if apperr.Is(err, apperr.Forbidden) || apperr.Is(err, apperr.Invalid) {
					return n, s.fail(ctx, sub, nil, err)
				}
				if apperr.Is(err, apperr.Conflict) {
					break // another process advanced it: leave it to that one
				}
				return n, err
			}
			if !ok {
				break // caught up
			}
		}
		d.Attempts++
		d.LastAttemptAt = s.opt.Now().UTC()
		code, perr := s.post(ctx, sub, d)
		d.LastStatus = code
		if perr != nil {
			return n, s.fail(ctx, sub, &d, perr)
		}
		d.Status, d.DeliveredAt, d.LastError = DeliveryDelivered, d.LastAttemptAt, ""
		if err := s.store.UpdateDelivery(ctx, d); err != nil {
			return n, err
		}
		n++
		sub.Failures, sub.LastError = 0, ""
	}
	sub.NextAttemptAt, sub.UpdatedAt = s.opt.Now().UTC(), s.opt.Now().UTC() // due again next round
	return n, s.store.UpdateSubscription(ctx, sub)
}

// nextDelivery releases the next page after the subscription's cursor
// and stores it as a pending delivery, moving the cursor in the same
// transaction. Pages whose changes the gate dropped entirely move the
// cursor without a delivery. ok is false when there is nothing to send.
func (s *Service) nextDelivery(ctx context.Context, sub *Subscription) (Delivery, bool, error) {
	for range perRun {
		changes, next, _, err := s.release(s.as(ctx, *sub), sub.Filter, sub.Purpose, gate.ChannelWebhook, sub.Cursor, s.opt.Batch)
		if err != nil {
			return Delivery{}, false, err
		}
		if next == sub.Cursor {
			return Delivery{}, false, nil
		}
		var d Delivery
		if len(changes) > 0 {
			now := s.opt.Now().UTC()
			d = Delivery{ID: id.New(), SubscriptionID: sub.ID, From: sub.Cursor, To: next, Changes: len(changes),
				Status: DeliveryPending, CreatedAt: now}
			if d.Body, err = s.encodeEvent(d, changes, now); err != nil {
				return Delivery{}, false, err
			}
		}
		if err := s.store.AdvanceSubscription(ctx, sub.ID, sub.Cursor, next, d); err != nil {
			return Delivery{}, false, err
		}
		sub.Cursor = next
		if d.ID != "" {
			return d, true, nil
		}
	}
	return Delivery{}, false, nil
}

// fail records a failed attempt (d is nil when the gate refused the page)
// and schedules the next one after a doubling pause; after MaxFailures in
// a row the subscription is switched off.
func (s *Service) fail(ctx context.Context, sub Subscription, d *Delivery, why error) error {
	now := s.opt.Now().UTC()
	msg := why.Error()
	if len(msg) > maxErrorText {
		msg = strings.ToValidUTF8(msg[:maxErrorText], "")
	}
	sub.Failures++
	sub.LastError, sub.UpdatedAt = msg, now
	pause := s.opt.Backoff << min(sub.Failures-1, 20)
	if pause > s.opt.MaxBackoff || pause <= 0 {
		pause = s.opt.MaxBackoff
	}
	sub.NextAttemptAt = now.Add(pause)
	if sub.Failures >= s.opt.MaxFailures {
		sub.Status = StatusDisabled
	}
	if d != nil {
		d.LastError = msg
		if sub.Status == StatusDisabled {
			d.Status = DeliveryFailed
		}
		if err := s.store.UpdateDelivery(ctx, *d); err != nil {
			return err
		}
	}
	return s.store.UpdateSubscription(ctx, sub)
}

// stillAllowed asks the gate whether the subscription's institution may
// still receive its pushes, without releasing anything.
func (s *Service) stillAllowed(ctx context.Context, sub Subscription) error {
	_, err := s.gate.ReleaseChanges(s.as(ctx, sub), gate.BatchRequest{Purpose: sub.Purpose, Channel: gate.ChannelWebhook,
		Cursor: EncodeCursor(sub.Cursor), Items: sub.Filter.Items, At: s.opt.Now().UTC()}, nil)
	return err
}
