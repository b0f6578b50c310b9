// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/subject"
)

// Quarantine statuses.
const (
	QuarantineOpen      = "open"
	QuarantineResolved  = "resolved"  // attached to an enterprise by an operator
	QuarantineDiscarded = "discarded" // not about an enterprise of this node
)

// QuarantineFilter selects quarantined rows.
type QuarantineFilter struct {
	Status   string
	Provider string
	Item     string
	Limit    int
	After    string // ID of the last row of the previous page
}

// QuarantineStore is what the quarantine queue needs from storage.
type QuarantineStore interface {
	ListQuarantine(ctx context.Context, f QuarantineFilter) ([]Quarantined, error)
	FindQuarantined(ctx context.Context, id string) (Quarantined, error)
	// ResolveQuarantined stores the row's record versions and marks it
	// resolved (or discarded when uscc is "") in one transaction. Returns
	// apperr.Conflict if the row is no longer open.
	ResolveQuarantined(ctx context.Context, q *Quarantined, records []Record, supersede []int64) error
}

// Quarantine lists the queue of rows that named no known enterprise.
func (s *Service) Quarantine(ctx context.Context, f QuarantineFilter) ([]Quarantined, error) {
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 100
	}
	return s.store.ListQuarantine(ctx, f)
}

// ResolveQuarantined attaches a quarantined row to the enterprise with the
// given code, which must be in the master, and stores it as a record
// through the same versioning rules as a delivery (it may turn out to be a
// duplicate). With uscc "" the row is discarded.
func (s *Service) ResolveQuarantined(ctx context.Context, id, uscc string) (Quarantined, error) {
	q, err := s.store.FindQuarantined(ctx, id)
	if err != nil {
		return Quarantined{}, err
	}
	if q.Status != QuarantineOpen {
		return Quarantined{}, apperr.Conflictf("该行已处理（%s）/ the row was already handled (%s)", q.Status, q.Status)
	}
	if uscc == "" {
		q.Status = QuarantineDiscarded
		return q, s.store.ResolveQuarantined(ctx, &q, nil, nil)
	}
	uscc = subject.Normalize(uscc)
	known, err := s.subjects.MapSubjectCodes(ctx, []string{uscc})
	if err != nil {
		return Quarantined{}, err
	}
	if known[uscc] != uscc {
		return Quarantined{}, apperr.Invalidf("uscc: 主体库中没有 %s / %s is not in the enterprise master", uscc, uscc)
	}
	b, err := s.store.FindBatch(ctx, q.Batch)
	if err != nil {
		return Quarantined{}, err
	}
	c, _, err := s.catalogs.Current(ctx)
	if err != nil {
		return Quarantined{}, err
	}
	it, err := c.Item(q.Item)
	if err != nil {
		return Quarantined{}, err
	}
	p := &processor{s: s, item: it, batch: &b}
	ch := checked{num: q.Row, ok: true, norm: q.Data, key: keyHash(it, q.Data), srcTime: sourceTime(it, q.Data), revoked: it.Revoked(q.Data)}
	ch.data, ch.hash = canonical(q.Data)
	versions, err := s.store.RecordVersions(ctx, it.Code, []string{ch.key})
	if err != nil {
		return Quarantined{}, err
	}
	chunk := &Chunk{Batch: &b}
	p.version(chunk, versions, &ch, uscc, s.now().UTC())
	q.Status, q.ResolvedTo = QuarantineResolved, uscc
	return q, s.store.ResolveQuarantined(ctx, &q, chunk.Records, chunk.Supersede)
}
