// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Version is one stored version of a record with its provenance: who
// delivered it, in which batch and through which channel, when it was
// received, and which fields differ from the version before.
type Version struct {
	ingest.Record
	Channel string   // how the batch came: upload, push, pull
	File    string   // the batch's file name, when it was a file
	Changed []string // field codes changed since the previous version (all fields for the first)
}

// History returns every stored version of the records the gate released
// in v, oldest first per record, keyed by record ID. It serves the
// enterprise's free self-query (自查) and the operators handling a case,
// so v must be the enterprise's own view or an operator's: the history is
// of records that passed the gate and whose release is already in the
// audit log. Only the fields the view released are kept.
func (s *Service) History(ctx context.Context, v *gate.View) (map[string][]Version, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if v == nil || !(v.Self || (isOperator(p) && isOperator(v.Principal))) || v.Principal.ID() != p.ID() {
		return nil, apperr.Forbiddenf("rights: 只有企业本身或信用中心可以查看记录的全部版本 / only the enterprise itself or operators see every version")
	}
	fields := map[string][]string{} // released field codes by item
	var ids []string
	for _, iv := range v.Items {
		for _, f := range iv.Fields {
			fields[iv.Item.Code] = append(fields[iv.Item.Code], f.Code)
		}
		for _, r := range iv.Records {
			ids = append(ids, r.ID)
		}
	}
	if len(ids) == 0 {
		return map[string][]Version{}, nil
	}
	vs, err := s.store.RecordHistory(ctx, v.Subject.USCC, ids)
	if err != nil {
		return nil, fmt.Errorf("rights: history: %w", err)
	}
	out := map[string][]Version{}
	for _, x := range vs {
		keep := fields[x.Item]
		data := make(map[string]string, len(keep))
		for _, f := range keep {
			if val, ok := x.Data[f]; ok {
				data[f] = val
			}
		}
		x.Data = data
		prev := out[x.ID]
		for _, f := range keep {
			if len(prev) == 0 || prev[len(prev)-1].Data[f] != data[f] {
				if _, ok := data[f]; ok || len(prev) > 0 {
					x.Changed = append(x.Changed, f)
				}
			}
		}
		out[x.ID] = append(prev, x)
	}
	for id := range out {
		slices.SortFunc(out[id], func(a, b Version) int { return a.Version - b.Version })
	}
	return out, nil
}

// MarkRead marks notifications to the caller's organization read (with
// no ids, all of them) and returns how many changed.
func (s *Service) MarkRead(ctx context.Context, ids []string) (int, error) {
	p, err := principal(ctx)
	if err != nil {
		return 0, err
	}
	if p.OrgID == "" {
		return 0, apperr.Forbiddenf("rights: 没有所属单位 / no organization")
	}
	orgs := []string{p.OrgID}
	if isOperator(p) {
		orgs = append(orgs, OperatorsInbox)
	}
	n, err := s.store.MarkNotificationsRead(ctx, orgs, ids, s.clock())
	if err != nil {
		return 0, fmt.Errorf("rights: mark read: %w", err)
	}
	return n, nil
}

// Unread counts the caller's unread notifications among the newest 100.
func (s *Service) Unread(ctx context.Context) (int, error) {
	ns, err := s.Notifications(ctx, 100)
	n := 0
	for _, x := range ns {
		if x.ReadAt.IsZero() {
			n++
		}
	}
	return n, err
}

// EarliestRepair tells from which day repair of the record may be
// applied for and whether that day has come, by the service's clock; an
// error says why never (not negative, no longer in force, publicity
// already ended). It serves the forms that show eligibility before the
// enterprise writes its application.
func (s *Service) EarliestRepair(ctx context.Context, r ingest.Record) (time.Time, bool, error) {
	c, _, err := s.catalog.Current(ctx)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("rights: catalog: %w", err)
	}
	it, err := c.Item(r.Item)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("rights: item %s: %w", r.Item, err)
	}
	now := s.clock()
	err = Eligible(it, r, now)
	if it.Publicity == nil || it.Polarity != catalog.Negative {
		return time.Time{}, false, err
	}
	from, perr := time.Parse(time.DateOnly, r.Data[it.Publicity.FromField])
	if perr != nil {
		return time.Time{}, false, err
	}
	repairFrom, _ := it.Publicity.Window(from)
	switch {
	case err == nil:
		return repairFrom, true, nil
	case now.In(Shanghai).Format(time.DateOnly) < repairFrom.Format(time.DateOnly):
		return repairFrom, false, nil // not yet: the form shows the date
	}
	return time.Time{}, false, err
}

// OwnCode returns the unified code of the caller's enterprise. Returns
// Forbidden for anyone else, or an enterprise account not yet bound to
// its code.
func (s *Service) OwnCode(ctx context.Context) (string, error) {
	p, err := principal(ctx)
	if err != nil {
		return "", err
	}
	if !p.IsOrgKind(access.OrgEnterprise) || !p.HasAny(enterpriseRoles...) {
		return "", apperr.Forbiddenf("rights: 只有企业本身可以自查 / only the enterprise itself self-queries")
	}
	org, err := s.store.FindOrganizationByID(ctx, p.OrgID)
	if err != nil {
		return "", fmt.Errorf("rights: caller organization: %w", err)
	}
	if org.Code == "" {
		return "", apperr.Forbiddenf("rights: 本企业账号未登记统一社会信用代码 / this enterprise account has no unified code")
	}
	return org.Code, nil
}
