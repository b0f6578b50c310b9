// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"context"
	"fmt"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Reader is who asks to read events in clear: the organization a signed-in
// principal acts for. Readers never see events by reading leaves; they get
// the sealed bodies opened for them here, under these rules:
//
//   - the credit centre (operator) and regulators (auditors) read every event;
//   - an enterprise reads the events about itself (its own code): who saw
//     what about it, when, for which purpose, on which authorization;
//   - a provider or institution reads the events it caused itself.
type Reader struct {
	OrgID   string
	OrgKind string // operator, regulator, enterprise, provider, institution
	OrgCode string // the enterprise's own code, for enterprises
}

// Query selects events for a reader, newest first. Limit defaults to 50
// and is at most 1000; Before pages backwards (the last Index seen).
type Query struct {
	Subject    string // enterprise code
	ActorOrgID string
	Before     int64
	Limit      int
}

// Record is an event as a reader sees it, with its place in the log so
// that the reader can ask for a proof of inclusion.
type Record struct {
	Index    int64
	LeafHash tlog.Hash
	Event    Event
}

// Events returns the events the reader may see that match q. Returns
// apperr.Forbidden if the query asks for more than the reader may read.
func (s *Service) Events(ctx context.Context, r Reader, q Query) ([]Record, error) {
	f := Filter{ActorOrgID: q.ActorOrgID, Before: q.Before, Limit: q.Limit}
	if q.Subject != "" {
		f.SubjectHash = s.SubjectHash(q.Subject)
	}
	switch r.OrgKind {
	case "operator", "regulator":
	case "enterprise":
		if r.OrgCode == "" || q.Subject == "" || normSubject(q.Subject) != normSubject(r.OrgCode) {
			return nil, apperr.Forbiddenf("audit: an enterprise may read only the events about itself")
		}
	case "provider", "institution":
		if r.OrgID == "" || q.ActorOrgID != r.OrgID {
			return nil, apperr.Forbiddenf("audit: an organization may read only the events it caused")
		}
	default:
		return nil, apperr.Forbiddenf("audit: organization kind %q may not read the audit log", r.OrgKind)
	}
	if f.Limit <= 0 {
		f.Limit = 50
	}
	f.Limit = min(f.Limit, 1000)
	rows, err := s.store.FindAuditLeaves(ctx, f)
	if err != nil {
		return nil, err
	}
	out := make([]Record, 0, len(rows))
	for _, l := range rows {
		e, err := s.keys.openBody(l.Body, l.LeafHash)
		if err != nil {
			return nil, fmt.Errorf("audit: event %d: %w", l.Index, err)
		}
		out = append(out, Record{Index: l.Index, LeafHash: l.LeafHash, Event: e})
	}
	return out, nil
}
