// SPDX-License-Identifier: Apache-2.0

package usage

import (
	"context"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
)

// Entry is one access to an enterprise's information as its log shows
// it. People of other organizations are named by role only.
type Entry struct {
	Index          int64 // place in the audit log, for a proof of inclusion
	Time           time.Time
	Action         gate.Action
	USCC           string // the enterprise
	OrgID          string // the organization that accessed
	OrgName        string
	OrgKind        access.OrgKind
	Role           access.Role
	ActorID        string // the account, only when it is of the reader's own organization
	Items          []Item
	Purpose        string
	Authorizations []string
	Outcome        audit.Outcome
	Report         string // the credit report's number, for a report
}

// Item is a catalog item named in both languages.
type Item struct {
	Code, Name, NameEN string
}

// LogQuery selects a page of an access log, newest first.
type LogQuery struct {
	// USCC is the enterprise: required of operators, optional for an
	// institution (its accesses to one enterprise), ignored for an
	// enterprise (always itself).
	USCC       string
	Before     int64 // the Next of the previous page; 0 for the newest
	Limit      int   // 50 if zero, at most 200
	DeniedOnly bool  // only the attempts the gate refused
}

// LogPage is a page of an access log. Next is the Before of the next
// page, 0 at the end.
type LogPage struct {
	Entries []Entry
	Next    int64
}

// actions maps audit kinds back to the gate's actions.
var actions = func() map[string]gate.Action {
	m := map[string]gate.Action{}
	for _, a := range []gate.Action{gate.ActionProfile, gate.ActionReport, gate.ActionQuery, gate.ActionExport,
		gate.ActionVerify, gate.ActionPush, gate.ActionAccessLog} {
		m[a.Kind()] = a
	}
	return m
}()

var actionLabels = map[gate.Action][2]string{
	gate.ActionProfile: {"查看", "Viewed"}, gate.ActionReport: {"报告", "Report"}, gate.ActionQuery: {"查询", "Query"},
	gate.ActionVerify: {"核验", "Verification"}, gate.ActionExport: {"导出", "Export"}, gate.ActionPush: {"推送", "Push"},
	gate.ActionAccessLog: {"查看查询记录", "Read the access log"},
}

// ActionLabel names a kind of use in lang ("en", else Chinese).
func ActionLabel(a gate.Action, lang string) string { return pick(actionLabels[a], lang, string(a)) }

var purposeLabels = map[string][2]string{
	gate.PurposeSelf: {"本企业自查", "Own enquiry"}, gate.PurposeOperation: {"信用中心业务办理", "Credit centre operation"},
	gate.PurposeSupervision: {"监管", "Supervision"},
}

// PurposeLabel names a declared purpose in lang: an authorization's
// purpose or one of the gate's own.
func PurposeLabel(p, lang string) string {
	if l, ok := purposeLabels[p]; ok {
		return pick(l, lang, p)
	}
	if c := consent.Purpose(p); c.Valid() {
		return c.Label(lang)
	}
	return p
}

func pick(l [2]string, lang, fallback string) string {
	s := l[0]
	if lang == "en" {
		s = l[1]
	}
	if s == "" {
		return fallback
	}
	return s
}

// Access log pages scan at most this many leaves, so that a filter that
// matches little answers a short page with a Next instead of reading the
// whole log.
const (
	scanPage  = 200
	scanPages = 10
)

// AccessLog returns a page of accesses the caller may see: an enterprise
// the accesses to its own information, an institution the accesses it
// made, the credit centre those to the enterprise it names. Denied
// attempts are included. Returns Forbidden, or Invalid when an operator
// names no enterprise.
func (s *Service) AccessLog(ctx context.Context, q LogQuery) (LogPage, error) {
	p, err := principal(ctx)
	if err != nil {
		return LogPage{}, err
	}
	r, aq, err := s.readerOf(ctx, p, q)
	if err != nil {
		return LogPage{}, err
	}
	if q.Limit <= 0 {
		q.Limit = 50
	}
	q.Limit = min(q.Limit, 200)
	cat, _, err := s.catalog.Current(ctx)
	if err != nil {
		return LogPage{}, err
	}
	names := &orgNames{store: s.store}
	var page LogPage
	aq.Before, aq.Limit = q.Before, scanPage
	for range scanPages {
		recs, err := s.log.Events(ctx, r, aq)
		if err != nil {
			return LogPage{}, err
		}
		for _, rec := range recs {
			aq.Before = rec.Index
			e, ok := entryOf(rec, cat)
			if !ok || (q.DeniedOnly && e.Outcome != audit.OutcomeDenied) {
				continue
			}
			o, err := names.get(ctx, e.OrgID)
			if err != nil {
				return LogPage{}, err
			}
			e.OrgName, e.OrgKind = o.Name, access.OrgKind(rec.Event.Actor.OrgKind)
			if e.OrgID == p.OrgID && p.OrgID != "" {
				e.ActorID = rec.Event.Actor.ID
			}
			page.Entries = append(page.Entries, e)
			if len(page.Entries) == q.Limit {
				page.Next = rec.Index
				return page, nil
			}
		}
		if len(recs) < scanPage || aq.Before == 0 {
			return page, nil // the start of the log
		}
	}
	page.Next = aq.Before // scanned enough for one request; the reader may go on
	return page, nil
}

// readerOf decides whose events the caller reads.
func (s *Service) readerOf(ctx context.Context, p access.Principal, q LogQuery) (audit.Reader, audit.Query, error) {
	switch {
	case p.IsOrgKind(access.OrgEnterprise) && p.HasAny(access.RoleEnterpriseAdmin, access.RoleEnterpriseStaff):
		org, err := s.store.FindOrganizationByID(ctx, p.OrgID)
		if err != nil {
			return audit.Reader{}, audit.Query{}, err
		}
		if org.Code == "" {
			return audit.Reader{}, audit.Query{}, apperr.Forbiddenf("usage: 本企业账号未登记统一社会信用代码，请联系信用中心 / this enterprise account has no unified code; contact the credit centre")
		}
		return audit.Reader{OrgID: org.ID, OrgKind: "enterprise", OrgCode: org.Code}, audit.Query{Subject: org.Code}, nil
	case p.IsOrgKind(access.OrgInstitution) && p.OrgID != "":
		return audit.Reader{OrgID: p.OrgID, OrgKind: "institution"}, audit.Query{ActorOrgID: p.OrgID, Subject: strings.TrimSpace(q.USCC)}, nil
	case p.IsOrgKind(access.OrgOperator) && p.HasAny(operatorRoles...):
		if strings.TrimSpace(q.USCC) == "" {
			return audit.Reader{}, audit.Query{}, apperr.Invalidf("uscc: 请指明企业的统一社会信用代码 / name the enterprise by its unified code")
		}
		if s.witness == nil {
			return audit.Reader{}, audit.Query{}, apperr.Forbiddenf("usage: 无法记录本次查看，暂不能查看 / this read cannot be logged, so it is refused")
		}
		if err := s.witness.AccessLogRead(ctx, strings.TrimSpace(q.USCC)); err != nil {
			return audit.Reader{}, audit.Query{}, err
		}
		return audit.Reader{OrgID: p.OrgID, OrgKind: "operator"}, audit.Query{Subject: q.USCC}, nil
	}
	return audit.Reader{}, audit.Query{}, apperr.Forbiddenf("usage: 无权查看查询记录 / you may not read access logs")
}

// entryOf reads an access out of an audit record; other events (sign-ins,
// authorizations) are not accesses.
func entryOf(rec audit.Record, cat *catalog.Catalog) (Entry, bool) {
	ev := rec.Event
	a, ok := actions[ev.Kind]
	if !ok {
		return Entry{}, false
	}
	e := Entry{Index: rec.Index, Time: ev.Time, Action: a, USCC: ev.Subject, OrgID: ev.Actor.OrgID,
		Role: access.Role(ev.Actor.Role), Purpose: ev.Purpose, Outcome: ev.Outcome, Report: ev.Details["report"]}
	for _, code := range ev.Items {
		e.Items = append(e.Items, itemOf(cat, code))
	}
	if ev.Authorization != "" {
		e.Authorizations = strings.Split(ev.Authorization, ",")
	}
	return e, true
}

func itemOf(cat *catalog.Catalog, code string) Item {
	it := Item{Code: code, Name: code, NameEN: code}
	if cat != nil {
		if ci, err := cat.Item(code); err == nil {
			it.Name, it.NameEN = ci.Name, ci.NameEN
		}
	}
	return it
}
