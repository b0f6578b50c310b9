// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/httpx"
)

// maxGroup bounds how many releases share one transaction.
const maxGroup = 128

// entry is one release waiting for its transaction.
type entry struct {
	ctx   context.Context
	v     *View
	ev    audit.Event
	used  map[string]string // authorization ID → an item it released
	write func(ctx context.Context, tx consent.Tx, idx int64) error
	done  chan error
}

// group queues the transactions of concurrent releases. The first release
// to find no commit running commits everything queued behind it in one
// transaction (group commit): a database with one writer, as SQLite is,
// otherwise spends most of each release waiting for the others' commits.
// Nothing is returned to any caller before its own leaf has committed.
type group struct {
	mu      sync.Mutex
	queue   []*entry
	leading bool
}

// commit consumes the authorizations relied on and appends the access's
// audit leaf, in one transaction that may hold other releases too.
func (g *Gate) commit(ctx context.Context, v *View, req Request, seal Seal) error {
	e := &entry{ctx: context.WithoutCancel(ctx), v: v, used: map[string]string{}, done: make(chan error, 1)}
	for _, iv := range v.Items {
		if iv.AuthorizationID != "" {
			e.used[iv.AuthorizationID] = iv.Item.Code
		}
	}
	v.Authorizations = slices.Sorted(maps.Keys(e.used))
	details := maps.Clone(req.Details)
	if details == nil {
		details = map[string]string{}
	}
	if seal != nil {
		sealed, err := seal(v)
		if err != nil {
			return err
		}
		maps.Copy(details, sealed.Details)
		e.write = sealed.Write
	}
	if ps := providersOf(v); ps != "" {
		details["providers"] = ps
	}
	e.ev = g.event(v.Principal, v.Subject.USCC, req.Action, v.Purpose, v.At, audit.OutcomeOK, details)
	e.ev.Items, e.ev.Authorization = v.Released(), strings.Join(v.Authorizations, ",")
	e.ev.RequestID = httpx.RequestIDFrom(ctx)

	w := &g.group
	w.mu.Lock()
	w.queue = append(w.queue, e)
	lead := !w.leading
	w.leading = true
	w.mu.Unlock()
	if lead {
		g.lead()
	}
	select {
	case err := <-e.done:
		if apperr.Is(err, apperr.Forbidden) || apperr.Is(err, apperr.TooMany) {
			// An authorization ended between the decision and the commit,
			// or the day's quota ran out: a refusal, logged as one.
			return g.log(ctx, v.Principal, v.Subject, req, v.Purpose, err)
		}
		return err
	case <-ctx.Done():
		return ctx.Err() // the leaf may still commit: the log shows an access whose answer was never read
	}
}

// lead commits one group, then hands the lead to a new goroutine if more
// releases queued meanwhile, so that no caller waits for others' groups.
func (g *Gate) lead() {
	w := &g.group
	w.mu.Lock()
	n := min(len(w.queue), maxGroup)
	batch := w.queue[:n:n]
	w.queue = w.queue[n:]
	w.mu.Unlock()
	g.commitGroup(batch)
	w.mu.Lock()
	if len(w.queue) == 0 {
		w.leading = false
		w.mu.Unlock()
		return
	}
	w.mu.Unlock()
	go g.lead()
}

// commitGroup writes a group in one transaction. If any release fails (an
// authorization revoked an instant ago), the group rolls back and each is
// committed alone, so that only the failing one fails.
func (g *Gate) commitGroup(batch []*entry) {
	ctx, cancel := context.WithTimeout(batch[0].ctx, 30*time.Second)
	defer cancel()
	err := g.store.ConsentTx(ctx, func(tx consent.Tx) error { return g.apply(ctx, tx, batch) })
	if err == nil || len(batch) == 1 {
		for _, e := range batch {
			e.done <- err
		}
		return
	}
	for _, e := range batch {
		e.done <- g.store.ConsentTx(ctx, func(tx consent.Tx) error { return g.apply(ctx, tx, []*entry{e}) })
	}
}

// apply writes the releases of a group inside tx: first every use of an
// authorization (a one-time one is consumed, with its own leaf), then
// all access leaves in one append, then each release's own write.
func (g *Gate) apply(ctx context.Context, tx consent.Tx, batch []*entry) error {
	events := make([]audit.Event, len(batch))
	for i, e := range batch {
		if err := g.takeQuota(e.ctx, tx, e.v); err != nil {
			return err
		}
		for _, id := range slices.Sorted(maps.Keys(e.used)) {
			if _, err := g.consent.Use(e.ctx, tx, id, e.used[id]); err != nil {
				return err
			}
		}
		events[i] = e.ev
	}
	idx, err := g.audit.Append(ctx, tx, events...)
	if err != nil {
		return err
	}
	if len(idx) != len(batch) {
		return errors.New("gate: audit append returned the wrong number of indexes")
	}
	for i, e := range batch {
		e.v.AuditIndex = idx[i]
		if e.write != nil {
			if err := e.write(e.ctx, tx, idx[i]); err != nil {
				return err
			}
		}
	}
	return nil
}

// shanghai is the zone of the quota's day (China has no daylight saving).
var shanghai = time.FixedZone("CST", 8*3600)

// takeQuota draws one enterprise query from an institution's daily quota
// (Asia/Shanghai day) in tx. Returns apperr.TooMany when it is used up.
func (g *Gate) takeQuota(ctx context.Context, tx consent.Tx, v *View) error {
	if v.quota <= 0 {
		return nil
	}
	q, ok := tx.(QuotaTx)
	if !ok {
		return errors.New("gate: the store cannot draw from quotas")
	}
	day := v.At.In(shanghai).Format(time.DateOnly)
	took, err := q.TakeQuota(ctx, v.Principal.OrgID, day, 1, v.quota)
	if err != nil {
		return err
	}
	if !took {
		return apperr.E(apperr.TooMany, fmt.Sprintf("今日查询配额（%d次）已用完，北京时间零点重置 / the daily quota of %d queries is used up; it resets at midnight Beijing time",
			v.quota, v.quota), nil)
	}
	return nil
}
