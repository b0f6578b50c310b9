// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"log/slog"
	"strings"
)

// Message is one notification handed to an outside channel (e-mail, SMS)
// after the change it reports has committed.
type Message struct {
	NotificationID string
	Channel        string // "email" or "sms"
	OrgID          string // the recipient organization (or OperatorsInbox)
	USCC           string
	Kind           string
	CaseID         string
	Text           string // Chinese / English
}

// Deliverer sends notifications outside the app. A node plugs in its
// e-mail or SMS gateway; the default writes each message to the log. The
// in-app notification is written whatever a Deliverer answers: a failed
// delivery is recorded on the notification, not retried here.
type Deliverer interface {
	Deliver(ctx context.Context, m Message) error
}

// LogDeliverer is the default Deliverer: one log line per message, with
// identifiers only (the text may name an enterprise's case, and the log
// is not the place for it).
type LogDeliverer struct{ Log *slog.Logger }

// Deliver implements Deliverer.
func (d LogDeliverer) Deliver(ctx context.Context, m Message) error {
	if d.Log != nil {
		d.Log.InfoContext(ctx, "notification delivered", slog.String("channel", m.Channel),
			slog.String("notification", m.NotificationID), slog.String("org_id", m.OrgID),
			slog.String("kind", m.Kind), slog.String("case", m.CaseID))
	}
	return nil
}

// Delivery names how notifications leave the app (the rights_delivery
// configuration knob): "log" (the default) or "off".
const (
	DeliveryLog = "log"
	DeliveryOff = "off"
)

// deliverer picks the Deliverer of the options.
func deliverer(opt Options) Deliverer {
	switch {
	case opt.Deliverer != nil:
		return opt.Deliverer
	case opt.Delivery == DeliveryOff:
		return nil
	}
	return LogDeliverer{Log: opt.Log}
}

// deliver hands each committed notification to every channel and records
// the results on it ("email:sent sms:failed"). It runs after the commit:
// a message must never announce a change that rolled back.
func (s *Service) deliver(ctx context.Context, ns []Notification) {
	if s.out == nil || len(ns) == 0 {
		return
	}
	ctx = context.WithoutCancel(ctx)
	for _, n := range ns {
		var res []string
		for _, ch := range s.channels {
			st := "sent"
			if err := s.out.Deliver(ctx, Message{NotificationID: n.ID, Channel: ch, OrgID: n.OrgID, USCC: n.USCC,
				Kind: n.Kind, CaseID: n.CaseID, Text: n.Text}); err != nil {
				st = "failed"
				if s.opt.Log != nil {
					s.opt.Log.WarnContext(ctx, "notification delivery failed", slog.String("channel", ch),
						slog.String("notification", n.ID), slog.String("error", err.Error()))
				}
			}
			res = append(res, ch+":"+st)
		}
		if err := s.store.SetNotificationChannels(ctx, n.ID, strings.Join(res, " ")); err != nil && s.opt.Log != nil {
			s.opt.Log.WarnContext(ctx, "notification channels not recorded", slog.String("notification", n.ID),
				slog.String("error", err.Error()))
		}
	}
}

// notingTx remembers the notifications a transaction adds, so that they
// are delivered once it has committed.
type notingTx struct {
	Tx
	added *[]Notification
}

// AddNotifications implements Tx.
func (t notingTx) AddNotifications(ctx context.Context, ns ...Notification) error {
	if err := t.Tx.AddNotifications(ctx, ns...); err != nil {
		return err
	}
	*t.added = append(*t.added, ns...)
	return nil
}

// inTx runs fn in one write transaction and delivers the notifications it
// added after the commit.
func (s *Service) inTx(ctx context.Context, fn func(tx Tx) error) error {
	var added []Notification
	err := s.store.RightsTx(ctx, func(tx Tx) error {
		added = added[:0] // a retried transaction starts again
		return fn(notingTx{Tx: tx, added: &added})
	})
	if err == nil {
		s.deliver(ctx, added)
	}
	return err
}
