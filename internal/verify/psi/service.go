// SPDX-License-Identifier: Apache-2.0

package psi

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha512"
	"encoding/hex"
	"errors"
	"fmt"
	"slices"
	"sync"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
)

// Options configure the service. Zero fields take the defaults.
type Options struct {
	// Secret is the node's secret; list keys are derived from it and the
	// list version. Required, at least 32 bytes.
	Secret []byte
	// Limits: minimum set (default 50), runs a day (default 20),
	// elements a day (default 5,000,000).
	Limits gate.ListMatchLimits
	// MaxElements is the largest set one run takes (default 2,000,000).
	MaxElements int
	// Refresh is how old a list may be before it is read again from the
	// records (default 10 minutes); a list whose content and day have not
	// changed keeps its encryption.
	Refresh time.Duration
	// SessionTTL is how long a session may be used (default 30 minutes).
	SessionTTL time.Duration
	Now        func() time.Time
}

func (o Options) withDefaults() Options {
	if o.Limits.MinElements <= 0 {
		o.Limits.MinElements = 50
	}
	if o.Limits.RunsPerDay <= 0 {
		o.Limits.RunsPerDay = 20
	}
	if o.Limits.ElementsPerDay <= 0 {
		o.Limits.ElementsPerDay = 5_000_000
	}
	if o.MaxElements <= 0 {
		o.MaxElements = 2_000_000
	}
	if o.Refresh <= 0 {
		o.Refresh = 10 * time.Minute
	}
	if o.SessionTTL <= 0 {
		o.SessionTTL = 30 * time.Minute
	}
	if o.Now == nil {
		o.Now = now
	}
	return o
}

// Service is the node's side of list matching.
type Service struct {
	store   Store
	gate    Gate
	catalog Catalog
	opt     Options

	build    sync.Mutex // one list build at a time: each costs a core-minute per million
	mu       sync.Mutex
	served   map[string]*served // newest encryption by list name
	sessions map[string]*session
}

// served is one list version, encrypted under its key and sorted.
type served struct {
	list    List
	version string
	key     Key
	enc     Elements
	readAt  time.Time
}

// session is one run: the declared set size, who runs it, which version.
type session struct {
	id, orgID, principal string
	srv                  *served
	elements             int
	expires              time.Time
	evaluated            bool
}

// Session is what opening a run answers.
type Session struct {
	ID          string    `json:"id"`
	List        string    `json:"list"`
	ListVersion string    `json:"list_version"`
	ListSize    int       `json:"list_size"`
	Elements    int       `json:"elements"`
	ExpiresAt   time.Time `json:"expires_at"`
	AuditIndex  int64     `json:"audit_index"`
}

// New returns the service.
func New(store Store, g Gate, cat Catalog, opt Options) (*Service, error) {
	if len(opt.Secret) < 32 {
		return nil, errors.New("psi: the node secret must be at least 32 bytes")
	}
	return &Service{store: store, gate: g, catalog: cat, opt: opt.withDefaults(),
		served: map[string]*served{}, sessions: map[string]*session{}}, nil
}

// Limits returns the limits in force.
func (s *Service) Limits() gate.ListMatchLimits { return s.opt.Limits }

// Open starts a run of list matching over the named list for a set of n
// elements: the gate decides and logs it and draws from the day's limits.
// Returns NotFound (no such list), Invalid (n out of range), Forbidden or
// TooMany.
func (s *Service) Open(ctx context.Context, name string, n int) (Session, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return Session{}, apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	l, ok := findList(name)
	if !ok {
		return Session{}, apperr.NotFoundf("没有名单 %q / no list %q", name, name)
	}
	if n < 1 || n > s.opt.MaxElements {
		return Session{}, apperr.Invalidf("elements: 须为 1–%d / must be 1–%d", s.opt.MaxElements, s.opt.MaxElements)
	}
	srv, err := s.current(ctx, l)
	if err != nil {
		return Session{}, err
	}
	idx, err := s.gate.MatchList(ctx, gate.ListMatch{List: l.Name, Items: l.Items, Version: srv.version, Elements: n}, s.opt.Limits)
	if err != nil {
		return Session{}, err
	}
	var b [16]byte
	if _, err := rand.Read(b[:]); err != nil {
		return Session{}, fmt.Errorf("psi: session id: %w", err)
	}
	at := s.opt.Now()
	ss := &session{id: hex.EncodeToString(b[:]), orgID: p.OrgID, principal: p.ID(), srv: srv, elements: n,
		expires: at.Add(s.opt.SessionTTL)}
	s.mu.Lock()
	for id, o := range s.sessions {
		if !at.Before(o.expires) {
			delete(s.sessions, id)
		}
	}
	s.sessions[ss.id] = ss
	s.mu.Unlock()
	return Session{ID: ss.id, List: l.Name, ListVersion: srv.version, ListSize: srv.enc.Len(), Elements: n,
		ExpiresAt: ss.expires.UTC(), AuditIndex: idx}, nil
}

// MaxBatch returns the number of elements session id takes, for sizing
// the request body before it is read. Returns NotFound.
func (s *Service) MaxBatch(ctx context.Context, id string) (int, error) {
	ss, err := s.session(ctx, id)
	if err != nil {
		return 0, err
	}
	return ss.elements, nil
}

// Evaluate raises the institution's blinded set to the list key, in
// order. It is answered once per session, for exactly the declared number
// of elements, of which at least the minimum must be distinct (repeating
// one blinded code would defeat the minimum). Returns NotFound, Conflict
// (answered already), Invalid or Forbidden.
func (s *Service) Evaluate(ctx context.Context, id string, blinded Elements) (Elements, error) {
	ss, err := s.session(ctx, id)
	if err != nil {
		return nil, err
	}
	if got := blinded.Len(); got != ss.elements {
		return nil, apperr.Invalidf("会话声明 %d 个元素，收到 %d 个 / the session declared %d elements, got %d", ss.elements, got, ss.elements, got)
	}
	s.mu.Lock()
	done := ss.evaluated
	ss.evaluated = true
	s.mu.Unlock()
	if done {
		return nil, apperr.E(apperr.Conflict, "该会话已比对过，请新开会话 / this session has been answered; open a new one", nil)
	}
	if d := distinct(blinded); d < s.opt.Limits.MinElements {
		m := gate.ListMatch{List: ss.srv.list.Name, Items: ss.srv.list.Items, Version: ss.srv.version, Elements: d}
		return nil, s.gate.DenyListMatch(ctx, m, apperr.Forbiddenf("集合中不同元素只有 %d 个，少于 %d / only %d distinct elements, fewer than %d",
			d, s.opt.Limits.MinElements, d, s.opt.Limits.MinElements))
	}
	out, err := Apply(ss.srv.key, blinded)
	if err != nil {
		return nil, apperr.E(apperr.Invalid, "元素不是有效的 ristretto255 编码 / an element is not a valid ristretto255 encoding", err)
	}
	return out, nil
}

// EncryptedList returns the session's list version encrypted under its
// key, H(l)^b, sorted. Returns NotFound.
func (s *Service) EncryptedList(ctx context.Context, id string) (Elements, error) {
	ss, err := s.session(ctx, id)
	if err != nil {
		return nil, err
	}
	return ss.srv.enc, nil
}

// session finds a live session of the caller's. Another caller's session
// is NotFound, as an unknown one is.
func (s *Service) session(ctx context.Context, id string) (*session, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return nil, apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	s.mu.Lock()
	ss, ok := s.sessions[id]
	s.mu.Unlock()
	if !ok || ss.orgID != p.OrgID || ss.principal != p.ID() || !s.opt.Now().Before(ss.expires) {
		return nil, apperr.NotFoundf("没有会话 %q 或已过期 / no session %q, or it expired", id, id)
	}
	return ss, nil
}

// current returns the list's newest encryption, reading the list again
// when it is older than Refresh and encrypting it when its version
// changed.
func (s *Service) current(ctx context.Context, l List) (*served, error) {
	at := s.opt.Now()
	s.mu.Lock()
	srv := s.served[l.Name]
	s.mu.Unlock()
	if srv != nil && at.Sub(srv.readAt) < s.opt.Refresh && srv.version[:8] == at.In(shanghai).Format("20060102") {
		return srv, nil
	}
	s.build.Lock()
	defer s.build.Unlock()
	s.mu.Lock()
	if o := s.served[l.Name]; o != srv { // built by another request meanwhile
		s.mu.Unlock()
		return o, nil
	}
	s.mu.Unlock()
	members, err := s.members(ctx, l, at)
	if err != nil {
		return nil, fmt.Errorf("psi: read list %s: %w", l.Name, err)
	}
	ver := versionOf(at, members)
	if srv == nil || srv.version != ver {
		key := s.listKey(l.Name, ver)
		enc := HashBlind(key, members)
		sortElements(enc)
		srv = &served{list: l, version: ver, key: key, enc: enc}
	} else {
		srv = &served{list: srv.list, version: srv.version, key: srv.key, enc: srv.enc}
	}
	srv.readAt = at
	s.mu.Lock()
	s.served[l.Name] = srv
	s.mu.Unlock()
	return srv, nil
}

// Warm encrypts every list ahead of the first run of the day.
func (s *Service) Warm(ctx context.Context) error {
	for _, l := range lists {
		if _, err := s.current(ctx, l); err != nil {
			return err
		}
	}
	return nil
}

// listKey derives the key b of a list version from the node secret.
func (s *Service) listKey(list, version string) Key {
	m := hmac.New(sha512.New, s.opt.Secret)
	m.Write([]byte("xinrong/psi/v1/list-key\x00" + list + "\x00" + version))
	return KeyFromUniform(m.Sum(nil))
}

// distinct counts the different elements of e.
func distinct(e Elements) int {
	seen := make(map[[ElementSize]byte]struct{}, e.Len())
	for i := range e.Len() {
		seen[[ElementSize]byte(e.At(i))] = struct{}{}
	}
	return len(seen)
}

// sortElements sorts a batch bytewise: the order of an encrypted list
// then follows pseudorandom values, not the records.
func sortElements(e Elements) {
	n := e.Len()
	idx := make([][ElementSize]byte, n)
	for i := range n {
		idx[i] = [ElementSize]byte(e.At(i))
	}
	slices.SortFunc(idx, func(a, b [ElementSize]byte) int { return bytes.Compare(a[:], b[:]) })
	for i := range n {
		copy(e.At(i), idx[i][:])
	}
}
