// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/gate"
)

// Reach is how far back an institution that received a record is told
// that the record changed: 《信用修复管理办法》 asks the agencies that
// received it to update in step, and institutions keep reports for their
// credit files, so those that got it in the last 90 days are told.
const Reach = 90 * 24 * time.Hour

// ChangeRecord is the kind of outbox entry a decided objection or a
// granted repair writes: the record's content or marks changed, so
// evaluations are recomputed (score.follow), and the change feed and peer
// nodes pass it on. ChangeRestructuring is a 破产重整 annotation added.
const (
	ChangeRecord        = "record.changed"
	ChangeRestructuring = "restructuring.added"
)

// Change is one entry of the rights outbox, read by sequence number.
type Change struct {
	Seq       int64
	Kind      string
	USCC      string
	RecordID  string
	Item      string
	Provider  string
	CaseID    string
	Outcome   string   // corrected, deleted, confirmed, undeterminable, repaired, restructuring
	Notified  []string // the institutions told in-app
	CreatedAt time.Time
}

// EventReader reads the audit log. *audit.Service implements it.
type EventReader interface {
	Events(ctx context.Context, r audit.Reader, q audit.Query) ([]audit.Record, error)
}

// releaseKinds are the audit kinds of releases that carried record
// content out (a profile view shows counts only).
var releaseKinds = map[string]bool{
	gate.ActionReport.Kind(): true, gate.ActionQuery.Kind(): true,
	gate.ActionExport.Kind(): true, gate.ActionPush.Kind(): true,
}

// Recipients returns the institutions that received records of item from
// provider about the enterprise since the given time, from the audit
// leaves the gate wrote for each release (items released and the
// providers whose records were used). Refused attempts do not count.
func (s *Service) Recipients(ctx context.Context, uscc, item, provider string, since time.Time) ([]string, error) {
	if s.events == nil {
		return nil, nil
	}
	seen := map[string]bool{}
	var out []string
	var before int64
	for {
		recs, err := s.events.Events(ctx, audit.Reader{OrgKind: "operator"}, audit.Query{Subject: uscc, Before: before, Limit: 1000})
		if err != nil {
			return nil, fmt.Errorf("rights: recipients: %w", err)
		}
		for _, rec := range recs {
			ev := rec.Event
			if ev.Time.Before(since) {
				return out, nil
			}
			before = rec.Index
			if !releaseKinds[ev.Kind] || ev.Outcome != audit.OutcomeOK || ev.Actor.OrgKind != string(access.OrgInstitution) ||
				ev.Actor.OrgID == "" || seen[ev.Actor.OrgID] || !slices.Contains(ev.Items, item) ||
				!slices.Contains(strings.Split(ev.Details["providers"], ","), provider) {
				continue
			}
			seen[ev.Actor.OrgID] = true
			out = append(out, ev.Actor.OrgID)
		}
		if len(recs) < 1000 || before <= 0 {
			return out, nil
		}
	}
}

// propagate tells the institutions that received the record in the last
// 90 days, in-app, and writes the outbox entry that evaluations, the
// change feed and peer nodes read.
func (s *Service) propagate(ctx context.Context, tx Tx, c Change, text string) error {
	orgs, err := s.Recipients(ctx, c.USCC, c.Item, c.Provider, c.CreatedAt.Add(-Reach))
	if err != nil {
		return err
	}
	c.Notified = orgs
	if err := tx.AddNotifications(ctx, notices(c.Kind, c.USCC, c.CaseID, text, c.CreatedAt, orgs...)...); err != nil {
		return err
	}
	return tx.AddChange(ctx, c)
}

// Changes returns outbox entries after seq, oldest first: every entry for
// operators (and the peer-node sync), for an institution only those it
// was told of.
func (s *Service) Changes(ctx context.Context, after int64, limit int) ([]Change, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	inst := p.IsOrgKind(access.OrgInstitution) && p.OrgID != ""
	if !isOperator(p) && !inst {
		return nil, forbiddenChanges
	}
	if limit <= 0 || limit > 1000 {
		limit = 100
	}
	var out []Change
	for len(out) < limit {
		cs, err := s.store.FindChanges(ctx, after, limit)
		if err != nil {
			return nil, fmt.Errorf("rights: changes: %w", err)
		}
		for _, c := range cs {
			after = c.Seq
			if !inst || slices.Contains(c.Notified, p.OrgID) {
				out = append(out, c)
			}
		}
		if len(cs) < limit || !inst {
			break
		}
	}
	return out, nil
}
