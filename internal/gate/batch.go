// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"context"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Channels of a batch push, named in each audit leaf.
const (
	ChannelFeed    = "feed"    // the institution pulls a page of its change feed
	ChannelWebhook = "webhook" // the node posts a page to the institution's endpoint
)

// ChangeKind says what happened to a record.
type ChangeKind string

// The kinds of change.
const (
	// ChangeUpsert is a new record or a new version of one; the change
	// carries the released fields.
	ChangeUpsert ChangeKind = "upsert"
	// ChangeRevoked says the provider revoked the record (撤销、移出); the
	// change carries no data, only which record it was.
	ChangeRevoked ChangeKind = "revoked"
)

// BatchRequest is one page of changes an institution (or an operator)
// asks to receive in bulk (批量推送).
type BatchRequest struct {
	// Purpose is the consent purpose code the push serves (post_loan…);
	// the institution's agreement must name it.
	Purpose string
	// Channel is ChannelFeed or ChannelWebhook.
	Channel string
	// Cursor is the position the page starts after, as the client sees
	// it; it goes into the audit leaves so that a page can be traced.
	Cursor string
	// Items the caller named. Named items are all-or-nothing: an item the
	// agreement does not cover, or one that is not public, refuses the
	// page. Empty means every public item the agreement covers; records of
	// other items are dropped.
	Items []string
	// At is the as-of time; zero means now.
	At time.Time
	// Details are further non-personal facts for the audit leaves.
	Details map[string]string
}

// Change is one record released in a batch: public fields only, masked.
type Change struct {
	Kind    ChangeKind
	Seq     int64  // the record row's position in the node's change log
	Subject string // the enterprise's unified social credit code
	Item    string
	Record  Record // Data is empty for ChangeRevoked
	// AuditIndex is the index of the enterprise's audit leaf for this page.
	AuditIndex int64
}

// ReleaseChanges passes a page of record versions (oldest first) through
// the gate for a bulk push. Only public information leaves this way:
// authorized and verify_only items and fields never do, because they need
// the enterprise's authorization for one institution at a time. Records
// past their publicity period are dropped; a revoked record becomes a
// ChangeRevoked without data. The caller must be an institution's query
// officer or approver whose live agreement names the purpose, or an
// operator. One audit leaf per enterprise in the page (kind feed.pushed)
// commits in one transaction before anything is returned. A refusal is
// logged as one denied leaf and returned as apperr.Forbidden.
func (g *Gate) ReleaseChanges(ctx context.Context, req BatchRequest, recs []ingest.Record) ([]Change, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return nil, apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	if req.Channel != ChannelFeed && req.Channel != ChannelWebhook {
		return nil, fmt.Errorf("gate: unknown push channel %q", req.Channel)
	}
	at := req.At
	if at.IsZero() {
		at = g.now()
	}
	at = at.UTC().Truncate(time.Microsecond)
	cat, _, err := g.catalog.Current(ctx)
	if err != nil {
		return nil, err
	}
	named := make([]catalog.Item, len(req.Items))
	for i, code := range req.Items {
		if named[i], err = cat.Item(code); err != nil {
			return nil, apperr.Invalidf("items: 未知信息项 %q / unknown item %q", code, code)
		}
	}
	purpose, covers, err := g.decideBatch(ctx, p, req, at)
	if err != nil {
		return nil, g.refuseBatch(ctx, p, req, purpose, err)
	}
	for _, it := range named {
		if why := batchWithheld(it, covers); why != "" {
			return nil, g.refuseBatch(ctx, p, req, purpose, apperr.Forbiddenf("%s：%s", it.Name, why))
		}
	}
	marks, err := g.pageMarks(ctx, recs)
	if err != nil {
		return nil, err
	}
	out, events := g.batchChanges(p, cat, req, purpose, covers, recs, marks, at)
	for i := range events {
		events[i].RequestID = httpx.RequestIDFrom(ctx)
	}
	if len(events) == 0 {
		return out, nil
	}
	err = g.store.ConsentTx(ctx, func(tx consent.Tx) error {
		idx, err := g.audit.Append(ctx, tx, events...)
		if err != nil {
			return err
		}
		bySubject := make(map[string]int64, len(events))
		for i, ev := range events {
			bySubject[ev.Subject] = idx[i]
		}
		for i := range out {
			out[i].AuditIndex = bySubject[out[i].Subject]
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// decideBatch checks the caller's role and, for an institution, its
// agreement. covers reports whether the agreement covers an item.
func (g *Gate) decideBatch(ctx context.Context, p access.Principal, req BatchRequest, at time.Time) (string, func(catalog.Item) bool, error) {
	switch {
	case p.Kind == access.PrincipalSystem || p.HasAny(access.RoleOperatorAdmin, access.RoleOperator):
		return PurposeOperation, func(catalog.Item) bool { return true }, nil
	case p.HasAny(queryRoles...):
		if !consent.Purpose(req.Purpose).Valid() {
			return req.Purpose, nil, apperr.Invalidf("purpose: 请声明用途（%s） / declare the purpose (%s)", purposeList(), purposeList())
		}
		permit, err := g.agreements.Permit(ctx, p.OrgID, req.Purpose, at)
		if err != nil {
			return req.Purpose, nil, err
		}
		return req.Purpose, func(it catalog.Item) bool { return permit.Covers(it.Code, it.Category) }, nil
	default:
		purpose := ""
		if consent.Purpose(req.Purpose).Valid() {
			purpose = req.Purpose // only a known code enters the leaf
		}
		return purpose, nil, apperr.Forbiddenf("当前角色无权接收批量推送 / your role may not receive bulk pushes")
	}
}

// batchWithheld says why a named item may not be pushed, or "".
func batchWithheld(it catalog.Item, covers func(catalog.Item) bool) string {
	if LevelOf(it.Disclosure) > LevelPublic {
		return "仅公开信息可批量推送，授权信息须逐户查询 / only public information is pushed in bulk; authorized information is read one enterprise at a time"
	}
	if !covers(it) {
		return "数据共享协议未涵盖该信息项 / the data sharing agreement does not cover this item"
	}
	return ""
}

// batchChanges projects the records and builds one audit event per
// enterprise that has at least one change in the page.
func (g *Gate) batchChanges(p access.Principal, cat *catalog.Catalog, req BatchRequest, purpose string,
	covers func(catalog.Item) bool, recs []ingest.Record, marks map[string]map[string]Mark, at time.Time) ([]Change, []audit.Event) {
	fields := map[string][]catalog.Field{} // public fields of each pushable item
	named := func(code string) bool { return len(req.Items) == 0 || slices.Contains(req.Items, code) }
	var out []Change
	items, counts, providers := map[string][]string{}, map[string]int{}, map[string][]string{}
	var order []string // enterprises in page order
	for _, r := range recs {
		it, err := cat.Item(r.Item)
		if err != nil || !named(r.Item) || batchWithheld(it, covers) != "" {
			continue
		}
		fs, ok := fields[it.Code]
		if !ok {
			for _, f := range it.Fields {
				if fieldLevel(it, f) <= LevelPublic {
					fs = append(fs, f)
				}
			}
			fields[it.Code] = fs
		}
		c := Change{Kind: ChangeUpsert, Seq: r.Seq, Subject: r.USCC, Item: it.Code}
		if r.Status == ingest.RecordRevoked {
			c.Kind = ChangeRevoked
			c.Record = Record{ID: r.ID, Version: r.Version, Provider: r.Provider, SourceTime: r.SourceTime,
				ReceivedAt: r.ReceivedAt, Data: map[string]string{}}
		} else if c.Record, ok = project(it, fs, r, marks[r.USCC][r.ID], g.rules, false, at); !ok {
			continue // past publicity, repaired, or not active
		}
		out = append(out, c)
		counts[r.USCC]++
		if _, seen := items[r.USCC]; !seen {
			order = append(order, r.USCC)
		}
		if !slices.Contains(items[r.USCC], it.Code) {
			items[r.USCC] = append(items[r.USCC], it.Code)
		}
		if !slices.Contains(providers[r.USCC], r.Provider) {
			providers[r.USCC] = append(providers[r.USCC], r.Provider)
		}
	}
	details := maps.Clone(req.Details)
	if details == nil {
		details = map[string]string{}
	}
	details["channel"], details["cursor"] = req.Channel, req.Cursor
	events := make([]audit.Event, 0, len(order))
	for _, uscc := range order {
		d := maps.Clone(details)
		d["changes"] = strconv.Itoa(counts[uscc])
		// As for single reads: each provider can be told how its data
		// was used (信息使用情况反馈).
		ps := slices.Sorted(slices.Values(providers[uscc]))
		for len(strings.Join(ps, ",")) > 1000 {
			ps = ps[:len(ps)-1]
		}
		d["providers"] = strings.Join(ps, ",")
		ev := g.event(p, uscc, ActionPush, purpose, at, audit.OutcomeOK, d)
		ev.Items = items[uscc]
		events = append(events, ev)
	}
	return out, events
}

// refuseBatch logs a refused push as one denied leaf about no single
// enterprise (the page was never released, so no enterprise was read) and
// returns why. Errors other than Forbidden are returned as they are.
func (g *Gate) refuseBatch(ctx context.Context, p access.Principal, req BatchRequest, purpose string, why error) error {
	if !apperr.Is(why, apperr.Forbidden) {
		return why
	}
	d := maps.Clone(req.Details)
	if d == nil {
		d = map[string]string{}
	}
	d["channel"], d["cursor"] = req.Channel, req.Cursor
	ev := g.event(p, "", ActionPush, purpose, g.now(), audit.OutcomeDenied, d)
	ev.Items, ev.RequestID = req.Items, httpx.RequestIDFrom(ctx)
	d["reason"] = reasonOf(why)
	return g.appendDenied(ctx, ev, why)
}

// pageMarks reads the record marks of every enterprise in a page.
func (g *Gate) pageMarks(ctx context.Context, recs []ingest.Record) (map[string]map[string]Mark, error) {
	out := map[string]map[string]Mark{}
	if g.marks == nil {
		return out, nil
	}
	for _, r := range recs {
		if _, ok := out[r.USCC]; ok {
			continue
		}
		m, err := g.marks.RecordMarks(ctx, r.USCC)
		if err != nil {
			return nil, err
		}
		out[r.USCC] = m
	}
	return out, nil
}
