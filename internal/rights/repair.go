// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
)

// NewRepair is an enterprise's application for credit repair.
type NewRepair struct {
	RecordID   string
	Evidence   string // how the obligation was met and the failure corrected
	Commitment string // the credit commitment (信用承诺书) text
}

// Eligible checks a negative record against its item's publicity bounds
// (《信用修复管理办法》): repair is possible from the minimum period
// after the decision (at once for minor failures once the obligation is
// met) until the maximum, when publication has already stopped by itself.
// It returns nil or an Invalid or Conflict error saying why not.
func Eligible(it catalog.Item, r ingest.Record, at time.Time) error {
	if it.Polarity != catalog.Negative || it.Publicity == nil {
		return apperr.Invalidf("rights: %s 不是失信信息，无需信用修复 / %s is not negative information: nothing to repair", it.Name, it.Code)
	}
	if r.Status != ingest.RecordActive {
		return apperr.Conflictf("rights: 该记录已不再有效（%s），无需修复 / the record is no longer in force (%s)", r.Status, r.Status)
	}
	from, err := time.Parse(time.DateOnly, r.Data[it.Publicity.FromField])
	if err != nil {
		return apperr.Invalidf("rights: 记录缺少决定日期（%s），无法判断修复条件 / the record has no decision date (%s)", it.Publicity.FromField, it.Publicity.FromField)
	}
	repairFrom, end := it.Publicity.Window(from)
	day := at.In(Shanghai).Format(time.DateOnly)
	switch {
	case day >= end.Format(time.DateOnly):
		return apperr.Conflictf("rights: 公示期已于 %s 届满，已自动停止公示，无需申请修复 / the publicity period ended on %s: the record is no longer published, no repair is needed",
			end.Format(time.DateOnly), end.Format(time.DateOnly))
	case day < repairFrom.Format(time.DateOnly):
		return apperr.Conflictf("rights: %s信息最短公示期 %d 个月，%s 起方可申请信用修复 / %s information is published for at least %d months: repair may be applied for from %s",
			it.Severity.Label(), it.Publicity.MinMonths, repairFrom.Format(time.DateOnly), it.Severity, it.Publicity.MinMonths, repairFrom.Format(time.DateOnly))
	}
	return nil
}

// Apply records an application for credit repair of one negative record
// about the caller's enterprise, after checking eligibility, and routes it
// to the provider that made the finding. Returns Forbidden, NotFound,
// Invalid, or Conflict (not eligible, or an application is already open
// or granted).
func (s *Service) Apply(ctx context.Context, in NewRepair) (Repair, error) {
	p, err := principal(ctx)
	if err != nil {
		return Repair{}, err
	}
	if err := textField("evidence", in.Evidence, 4000); err != nil {
		return Repair{}, err
	}
	if err := textField("commitment", in.Commitment, 4000); err != nil {
		return Repair{}, err
	}
	uscc, rec, err := s.ownRecord(ctx, p, in.RecordID)
	if err != nil {
		return Repair{}, err
	}
	c, _, err := s.catalog.Current(ctx)
	if err != nil {
		return Repair{}, fmt.Errorf("rights: catalog: %w", err)
	}
	it, err := c.Item(rec.Item)
	if err != nil {
		return Repair{}, fmt.Errorf("rights: item %s: %w", rec.Item, err)
	}
	now := s.clock()
	if err := Eligible(it, rec, now); err != nil {
		return Repair{}, err
	}
	provOrg, err := s.providerOrg(ctx, rec)
	if err != nil {
		return Repair{}, err
	}
	r := Repair{ID: newID(), USCC: uscc, EnterpriseOrg: p.OrgID, RecordID: rec.ID, Item: rec.Item, ProviderCode: rec.Provider,
		ProviderOrg: provOrg, Evidence: strings.TrimSpace(in.Evidence), Commitment: strings.TrimSpace(in.Commitment),
		Status: StatusPending, DueAt: s.cal.AddWorkdays(now, s.opt.RepairDays), FiledBy: p.ID(), CreatedAt: now, UpdatedAt: now}
	err = s.inTx(ctx, func(tx Tx) error {
		if open, err := tx.OpenRepair(ctx, rec.ID); err != nil {
			return err
		} else if open != "" {
			return apperr.Conflictf("rights: 该记录已有修复申请 %s / a repair of this record was already applied for: %s", open, open)
		}
		if err := tx.CreateRepair(ctx, r); err != nil {
			return fmt.Errorf("rights: apply for repair: %w", err)
		}
		return s.applyRepair(ctx, tx, p, r, "repair.applied/v1", "企业申请信用修复 / credit repair applied for")
	})
	return r, err
}

// DecideRepair grants or refuses a pending application. The provider
// that delivered the record decides (谁认定、谁修复); operators may too.
// A grant marks the record repaired: it is no longer published or shared.
func (s *Service) DecideRepair(ctx context.Context, id string, grant bool, note string) (Repair, error) {
	p, err := principal(ctx)
	if err != nil {
		return Repair{}, err
	}
	note = strings.TrimSpace(note)
	if !grant {
		if err := textField("note", note, 2000); err != nil {
			return Repair{}, err
		}
	}
	if !isOperator(p) && !(p.IsOrgKind(access.OrgProvider) && p.HasAny(providerRoles...)) {
		return Repair{}, apperr.Forbiddenf("rights: 只有认定单位或信用中心可以决定信用修复 / only the provider or operators decide repairs")
	}
	var out Repair
	err = s.inTx(ctx, func(tx Tx) error {
		r, err := tx.FindRepairForUpdate(ctx, id)
		if err != nil {
			return fmt.Errorf("rights: repair %s: %w", id, err)
		}
		if !mayReadRepair(p, r) {
			return apperr.NotFoundf("rights: 没有修复申请 %s / no repair application %s", id, id)
		}
		if r.Status != StatusPending {
			return conflict(r.Status, "决定", "decided")
		}
		now := s.clock()
		r.Status, r.DecisionNote, r.DecidedBy, r.DecidedAt, r.UpdatedAt, r.DueAt, r.Escalated = StatusRefused, note, p.ID(), now, now, now, false
		kind, text := "repair.refused/v1", "信用修复申请不予通过："+note+" / repair refused"
		if grant {
			r.Status, kind, text = StatusGranted, "repair.granted/v1", "准予信用修复，记录不再公示和共享 / repair granted: the record is no longer published or shared"
		}
		if err := tx.UpdateRepair(ctx, r); err != nil {
			return fmt.Errorf("rights: repair %s: %w", id, err)
		}
		out = r
		if err := s.applyRepair(ctx, tx, p, r, kind, text); err != nil || !grant {
			return err
		}
		return s.propagate(ctx, tx, Change{Kind: ChangeRecord, USCC: r.USCC, RecordID: r.RecordID, Item: r.Item,
			Provider: r.ProviderCode, CaseID: r.ID, Outcome: "repaired", CreatedAt: now},
			fmt.Sprintf("贵机构近90天内获取过的企业 %s 的一条失信记录已信用修复，不再公示和共享，请同步更新 / a negative record about %s your institution received in the last 90 days was repaired: it is no longer published or shared; please update", r.USCC, r.USCC))
	})
	return out, err
}

// applyRepair writes the mark, notifications and audit leaf of a change.
func (s *Service) applyRepair(ctx context.Context, tx Tx, p access.Principal, r Repair, kind, text string) error {
	if r.Status == StatusGranted {
		if err := tx.SetRepaired(ctx, r.USCC, r.RecordID, r.UpdatedAt); err != nil {
			return err
		}
	}
	if err := tx.AddNotifications(ctx, notices(kind, r.USCC, r.ID, text, r.UpdatedAt, OperatorsInbox, r.EnterpriseOrg, r.ProviderOrg)...); err != nil {
		return err
	}
	_, err := s.log.Append(ctx, tx, event(kind, p, r.USCC, r.Item, r.ID, r.UpdatedAt, map[string]string{
		"record": r.RecordID, "status": string(r.Status), "provider": r.ProviderCode}))
	return err
}

func mayReadRepair(p access.Principal, r Repair) bool {
	return mayReadObjection(p, Objection{EnterpriseOrg: r.EnterpriseOrg, ProviderOrg: r.ProviderOrg})
}

// GetRepair returns one application the caller may see, or NotFound.
func (s *Service) GetRepair(ctx context.Context, id string) (Repair, error) {
	p, err := principal(ctx)
	if err != nil {
		return Repair{}, err
	}
	r, err := s.store.FindRepair(ctx, id)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return r, fmt.Errorf("rights: repair %s: %w", id, err)
	}
	if err != nil || !mayReadRepair(p, r) {
		return Repair{}, apperr.NotFoundf("rights: 没有修复申请 %s / no repair application %s", id, id)
	}
	return r, nil
}

// ListRepairs returns the caller's applications, newest first, scoped as
// ListObjections.
func (s *Service) ListRepairs(ctx context.Context, f Filter) ([]Repair, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if f, err = s.scope(ctx, p, f); err != nil {
		return nil, err
	}
	rs, err := s.store.FindRepairs(ctx, f)
	if err != nil {
		return nil, fmt.Errorf("rights: repairs: %w", err)
	}
	return rs, nil
}
