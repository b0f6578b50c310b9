// SPDX-License-Identifier: Apache-2.0

package feed

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"fmt"
	"net/http"
	"net/netip"
	"sync"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Gate releases pages of changes. *gate.Gate implements it.
type Gate interface {
	ReleaseChanges(ctx context.Context, req gate.BatchRequest, recs []ingest.Record) ([]gate.Change, error)
}

// Page sizes.
const (
	DefaultLimit = 100
	MaxLimit     = 1000
)

// Options configure a Service. Zero values take the defaults.
type Options struct {
	// Secret seals the webhook secrets at rest; the node secret.
	Secret []byte
	// Source is the CloudEvents source of webhook messages, a URI naming
	// this node (e.g. "https://credit.example.gov.cn/feed").
	Source string
	Now    func() time.Time
	// Client posts webhooks; default: 10 s timeout, no redirects, and no
	// connections to internal addresses (see ssrf.go).
	Client *http.Client
	// Batch is the number of changes per webhook message (default 100).
	Batch int
	// Backoff is the pause after the first failed delivery, doubled after
	// each further failure up to MaxBackoff (defaults 30 s and 2 h).
	Backoff, MaxBackoff time.Duration
	// MaxFailures switches a subscription off after that many failures in
	// a row (default 12, about a day with the default pauses).
	MaxFailures int
	// AllowLoopback accepts endpoints on this host (127.0.0.1, localhost,
	// ::1), over http:// too: tests and single-machine demos only, since
	// loopback is the node's own machine.
	AllowLoopback bool
	// AllowNets lists networks the node may post to although they are
	// private (the government extranet, a leased line to a bank).
	AllowNets []netip.Prefix
}

// Service serves the change feed and delivers webhooks.
type Service struct {
	store Store
	gate  Gate
	opt   Options
	key   []byte // seals webhook secrets

	mu      sync.Mutex
	horizon int64 // every record with seq <= horizon is final
	pending *Mark // a head not yet final: its writers were in flight
}

// New returns the feed service.
func New(store Store, g Gate, opt Options) (*Service, error) {
	if len(opt.Secret) < 16 {
		return nil, fmt.Errorf("feed: the node secret is missing or too short")
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Source == "" {
		opt.Source = "urn:xinrong:feed"
	}
	if opt.Client == nil {
		opt.Client = guardedClient(opt)
	}
	if opt.Batch <= 0 {
		opt.Batch = DefaultLimit
	}
	if opt.Backoff <= 0 {
		opt.Backoff = 30 * time.Second
	}
	if opt.MaxBackoff <= 0 {
		opt.MaxBackoff = 2 * time.Hour
	}
	if opt.MaxFailures <= 0 {
		opt.MaxFailures = 12
	}
	m := hmac.New(sha256.New, opt.Secret)
	m.Write([]byte("xinrong feed webhook secrets v1"))
	return &Service{store: store, gate: g, opt: opt, key: m.Sum(nil)}, nil
}

// Request is one page asked of the change feed.
type Request struct {
	Filter
	Purpose string // the consent purpose code the bank uses the feed for
	Cursor  string // from the previous page's Next; empty starts at the beginning
	Limit   int    // changes at most; default DefaultLimit, at most MaxLimit
}

// Page returns the next page of changes for the signed-in institution.
// The page passes the gate, which writes the audit leaves before Page
// returns. Returns Invalid for a bad filter or cursor and Forbidden (after
// logging the refusal) when the caller may not receive pushes.
func (s *Service) Page(ctx context.Context, req Request) (Page, error) {
	f, err := req.Filter.Normalize()
	if err != nil {
		return Page{}, err
	}
	after, err := DecodeCursor(req.Cursor)
	if err != nil {
		return Page{}, err
	}
	switch {
	case req.Limit == 0:
		req.Limit = DefaultLimit
	case req.Limit < 0 || req.Limit > MaxLimit:
		return Page{}, apperr.Invalidf("limit: 每页 1–%d 条 / 1–%d changes a page", MaxLimit, MaxLimit)
	}
	changes, next, more, err := s.release(ctx, f, req.Purpose, gate.ChannelFeed, after, req.Limit)
	if err != nil {
		return Page{}, err
	}
	return Page{Changes: changes, Next: EncodeCursor(next), More: more}, nil
}

// release reads the rows after the cursor and passes them through the
// gate. next is where the following page starts.
func (s *Service) release(ctx context.Context, f Filter, purpose, channel string, after int64, limit int) ([]Change, int64, bool, error) {
	upto, err := s.Horizon(ctx)
	if err != nil {
		return nil, 0, false, err
	}
	rows := Rows{Next: after}
	if after < upto {
		if rows, err = s.store.FeedRows(ctx, Query{Filter: f, After: after, Upto: upto, Limit: limit}); err != nil {
			return nil, 0, false, err
		}
	}
	gc, err := s.gate.ReleaseChanges(ctx, gate.BatchRequest{Purpose: purpose, Channel: channel, Cursor: EncodeCursor(after),
		Items: f.Items, At: s.opt.Now()}, rows.Records)
	if err != nil {
		return nil, 0, false, err
	}
	out := make([]Change, len(gc))
	for i, c := range gc {
		out[i] = fromGate(c)
	}
	return out, rows.Next, rows.Next < upto, nil
}

// Horizon returns the highest record seq below which the log is final:
// no row with a smaller seq can still appear. On PostgreSQL, sequence
// values are taken when a row is inserted but become visible when its
// transaction commits, so a bulk load that began earlier may still commit
// rows below the highest visible seq. The head is taken as final once
// every writer in flight when it was read has ended; until then the feed
// stops at the previous final head. Nothing blocks collection.
func (s *Service) Horizon(ctx context.Context) (int64, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.pending == nil {
		m, err := s.store.MarkRecords(ctx)
		if err != nil {
			return 0, err
		}
		if m.Max <= s.horizon {
			return s.horizon, nil
		}
		if len(m.Writers) == 0 {
			s.horizon = m.Max
			return s.horizon, nil
		}
		s.pending = &m
	}
	for try := 0; ; try++ {
		done, err := s.store.WritersDone(ctx, s.pending.Writers)
		if err != nil {
			return 0, err
		}
		if done {
			s.horizon, s.pending = max(s.horizon, s.pending.Max), nil
			return s.horizon, nil
		}
		if try == 3 {
			return s.horizon, nil // the next call looks again
		}
		time.Sleep(25 * time.Millisecond) // a chunk of a bulk load commits in well under a second
	}
}
