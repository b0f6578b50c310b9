// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

// Service is the node's audit log: it turns events into leaves inside
// business transactions, signs checkpoints, and answers readers.
type Service struct {
	*Tree
	store  Store
	keys   *keys
	signer note.Signer
	vkey   string
	now    func() time.Time
}

// Options configure a Service.
type Options struct {
	// Secret is the node secret (config secret_key or DataDir/secret.key).
	// Every process sharing the database must have the same one.
	Secret []byte
	// Origin names the log in checkpoints and names its signing key, e.g.
	// "credit.example.gov.cn/audit". It is used only when the key is
	// created on first start; afterwards the stored key's name wins.
	Origin string
	// Now is the clock for events without a time (time.Now if nil).
	Now func() time.Time
}

// New returns the audit service over store, creating the node's signing
// key on first start (see doc.go, "Keys").
func New(ctx context.Context, store Store, opt Options) (*Service, error) {
	k, err := deriveKeys(opt.Secret)
	if err != nil {
		return nil, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	s := &Service{Tree: NewTree(store), store: store, keys: k, now: opt.Now}
	if s.signer, s.vkey, err = loadSigner(ctx, store, k, opt.Origin); err != nil {
		return nil, err
	}
	return s, nil
}

// VerifierKey returns the signed-note verifier key that checks this log's
// checkpoints: "origin+hash+base64 key", to be published out of band.
func (s *Service) VerifierKey() string { return s.vkey }

// Origin returns the log's origin, the first line of its checkpoints.
func (s *Service) Origin() string { return s.signer.Name() }

// SubjectHash returns the keyed hash standing for an enterprise code in
// leaves, so that a caller can find the events about one enterprise.
func (s *Service) SubjectHash(code string) string {
	return s.keys.SubjectHash(normSubject(code))
}

// Append records events in the caller's transaction and returns their
// indexes in the log. If the transaction rolls back, the events were never
// logged and their indexes are reused by the next append: the log has no
// gaps. Call it as the last write of the transaction, since concurrent
// appends queue on the log head until commit. Returns apperr.Invalid for a
// malformed event, before anything is written.
func (s *Service) Append(ctx context.Context, tx Appender, events ...Event) ([]int64, error) {
	if len(events) == 0 {
		return nil, nil
	}
	// Encode and seal before taking the head lock, to hold it briefly.
	leaves := make([]StoredLeaf, len(events))
	for i, e := range events {
		if e.Time.IsZero() {
			e.Time = s.now()
		}
		e, err := e.normalize()
		if err != nil {
			return nil, err
		}
		if leaves[i], err = s.leaf(e); err != nil {
			return nil, err
		}
	}
	n, err := tx.LockAuditHead(ctx)
	if err != nil {
		return nil, fmt.Errorf("audit: append: %w", err)
	}
	b := builder{n: n, m: hashMap{}}
	if fr := frontier(n); len(fr) > 0 {
		hs, err := tx.ReadAuditHashes(ctx, fr)
		if err != nil {
			return nil, fmt.Errorf("audit: append: read frontier of %d: %w", n, err)
		}
		for i, x := range fr {
			b.m[x] = hs[i]
		}
	}
	stored := make([]tlog.Hash, 0, 2*len(leaves)+1)
	idx := make([]int64, len(leaves))
	for i := range leaves {
		leaves[i].Index, idx[i] = n+int64(i), n+int64(i)
		hs, err := b.add(leaves[i].LeafHash)
		if err != nil {
			return nil, fmt.Errorf("audit: append: %w", err)
		}
		stored = append(stored, hs...)
	}
	if err := tx.WriteAudit(ctx, leaves, tlog.StoredHashIndex(0, n), stored, b.n); err != nil {
		return nil, fmt.Errorf("audit: append: %w", err)
	}
	return idx, nil
}

// leaf builds the stored form of a normalized event.
func (s *Service) leaf(e Event) (StoredLeaf, error) {
	leaf, err := s.keys.leafOf(e)
	if err != nil {
		return StoredLeaf{}, err
	}
	h := tlog.RecordHash(leaf)
	sealed, err := s.keys.sealBody(e, h)
	if err != nil {
		return StoredLeaf{}, err
	}
	l := StoredLeaf{Kind: e.Kind, Time: e.Time, ActorOrgID: e.Actor.OrgID, Leaf: leaf, LeafHash: h, Body: sealed}
	if e.Subject != "" {
		l.SubjectHash = s.keys.SubjectHash(e.Subject)
	}
	return l, nil
}
