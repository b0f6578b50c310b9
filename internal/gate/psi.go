// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/httpx"
)

// PurposeListMatching is the agreement purpose that allows list matching
// by private set intersection (名单比对): the institution learns which of
// its own customers are on a platform list, and nothing else.
const PurposeListMatching = "list_matching"

// listMatchKind is the audit kind of a list matching run.
const listMatchKind = "list.matched/v1"

// ListMatch is one run of list matching as the gate sees it: no
// enterprise is named, the institution's set stays with the institution.
type ListMatch struct {
	List     string   // the list's name
	Items    []string // the catalog items the list is built from
	Version  string   // the list version served
	Elements int      // the size of the institution's set
}

// ListMatchLimits bound what an institution can learn by matching: a set
// smaller than MinElements could single out an enterprise, and the daily
// runs and elements bound how many probes a day can hold.
type ListMatchLimits struct {
	MinElements    int
	RunsPerDay     int
	ElementsPerDay int
}

// MatchList decides a list matching run: the caller must be an
// institution's query officer or approver, the institution live with an
// agreement in term naming PurposeListMatching and every item of the list,
// the set at least lim.MinElements, and the day's runs and elements within
// the limits (drawn here). The run's audit leaf commits with the draws and
// its index is returned. A refusal is logged and returned as Forbidden or
// TooMany.
func (g *Gate) MatchList(ctx context.Context, m ListMatch, lim ListMatchLimits) (int64, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return 0, apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	at := g.now().UTC().Truncate(time.Microsecond)
	if err := g.decideListMatch(ctx, p, m, lim, at); err != nil {
		if !apperr.Is(err, apperr.Forbidden) {
			return 0, err
		}
		return 0, g.DenyListMatch(ctx, m, err)
	}
	var idx int64
	err := g.store.ConsentTx(ctx, func(tx consent.Tx) error {
		q, ok := tx.(QuotaTx)
		if !ok {
			return errors.New("gate: the store cannot draw from quotas")
		}
		// The runs and elements counters share the quota table, keyed by
		// a day prefixed with what they count.
		day := at.In(shanghai).Format(time.DateOnly)
		if took, err := q.TakeQuota(ctx, p.OrgID, "psi-runs/"+day, 1, lim.RunsPerDay); err != nil || !took {
			return orTooMany(err, fmt.Sprintf("今日名单比对次数（%d次）已用完 / the daily limit of %d list matching runs is reached",
				lim.RunsPerDay, lim.RunsPerDay))
		}
		if took, err := q.TakeQuota(ctx, p.OrgID, "psi-elements/"+day, m.Elements, lim.ElementsPerDay); err != nil || !took {
			return orTooMany(err, fmt.Sprintf("今日名单比对元素总数上限（%d）不足以比对 %d 个 / the daily limit of %d elements leaves too few for %d",
				lim.ElementsPerDay, m.Elements, lim.ElementsPerDay, m.Elements))
		}
		ids, err := g.audit.Append(ctx, tx, g.listMatchEvent(ctx, p, m, at, audit.OutcomeOK, ""))
		if err != nil {
			return err
		}
		idx = ids[0]
		return nil
	})
	if apperr.Is(err, apperr.TooMany) {
		return 0, g.DenyListMatch(ctx, m, err)
	}
	if err != nil {
		return 0, fmt.Errorf("gate: list matching: %w", err)
	}
	return idx, nil
}

// orTooMany returns err, or a TooMany with msg when there is none.
func orTooMany(err error, msg string) error {
	if err != nil {
		return err
	}
	return apperr.E(apperr.TooMany, msg, nil)
}

// decideListMatch is everything but the limits drawn in the transaction.
func (g *Gate) decideListMatch(ctx context.Context, p access.Principal, m ListMatch, lim ListMatchLimits, at time.Time) error {
	if p.OrgKind != access.OrgInstitution || !p.HasAny(queryRoles...) {
		return apperr.Forbiddenf("只有接入机构的查询人员可进行名单比对 / only an institution's query staff may match lists")
	}
	permit, err := g.agreements.Permit(ctx, p.OrgID, PurposeListMatching, at)
	if err != nil {
		return err
	}
	cat, _, err := g.catalog.Current(ctx)
	if err != nil {
		return err
	}
	for _, code := range m.Items {
		it, err := cat.Item(code)
		if err != nil || !permit.Covers(it.Code, it.Category) {
			return apperr.Forbiddenf("数据共享协议未涵盖名单信息项 %s / the agreement does not cover the list's item %s", code, code)
		}
	}
	if m.Elements < lim.MinElements {
		return apperr.Forbiddenf("比对集合至少须有 %d 个不同企业，以免针对单个企业探测 / a set must hold at least %d distinct enterprises, so that no single enterprise can be probed",
			lim.MinElements, lim.MinElements)
	}
	return nil
}

// DenyListMatch logs a refused list matching run (decided here or by the
// list service, e.g. a set with too few distinct elements) and returns why.
func (g *Gate) DenyListMatch(ctx context.Context, m ListMatch, why error) error {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return why
	}
	return g.appendDenied(ctx, g.listMatchEvent(ctx, p, m, g.now().UTC().Truncate(time.Microsecond), audit.OutcomeDenied, reasonOf(why)), why)
}

func (g *Gate) listMatchEvent(ctx context.Context, p access.Principal, m ListMatch, at time.Time, o audit.Outcome, reason string) audit.Event {
	d := map[string]string{"list": m.List, "list_version": m.Version, "elements": strconv.Itoa(m.Elements)}
	if reason != "" {
		d["reason"] = reason
	}
	return audit.Event{Kind: listMatchKind, Time: at, Actor: audit.ActorOf(p), Items: m.Items,
		Purpose: PurposeListMatching, Outcome: o, Details: d, RequestID: httpx.RequestIDFrom(ctx)}
}
