// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

// ContestSelfReport records an operator's or a provider's challenge to a
// submission, with the reason. From that moment the record is marked
// 异议中 in every report, and the enterprise is told. Returns Forbidden,
// NotFound, Invalid, or Conflict (already contested or found false).
func (s *SelfReports) ContestSelfReport(ctx context.Context, id, reason string) (Contest, error) {
	p, err := principal(ctx)
	if err != nil {
		return Contest{}, err
	}
	if !isOperator(p) && !(p.IsOrgKind(access.OrgProvider) && p.HasAny(providerRoles...)) {
		return Contest{}, apperr.Forbiddenf("rights: 只有信用中心和数据提供单位可以对自愿填报提出异议 / only the credit centre and providers may contest")
	}
	if err := textField("reason", reason, 2000); err != nil {
		return Contest{}, err
	}
	sr, err := s.store.FindSelfReport(ctx, id)
	if err != nil || !mayRead(p, sr) {
		return Contest{}, apperr.NotFoundf("rights: 没有自愿填报 %s / no self-report %s", id, id)
	}
	if sr.Status != SelfReportActive {
		return Contest{}, apperr.Conflictf("rights: 该填报正在核查或已认定 / the submission is already contested or decided")
	}
	now := s.clock()
	c := Contest{ID: newID(), SelfReportID: sr.ID, USCC: sr.USCC, OrgID: p.OrgID, FiledBy: p.ID(),
		Reason: strings.TrimSpace(reason), Status: ContestOpen, CreatedAt: now}
	err = s.store.SelfReportTx(ctx, func(tx SelfReportTx) error {
		if err := tx.CreateContest(ctx, c); err != nil {
			if apperr.Is(err, apperr.Conflict) {
				return apperr.Conflictf("rights: 该填报已有处理中的异议 / the submission is already contested")
			}
			return fmt.Errorf("rights: create contest: %w", err)
		}
		sr.Status = SelfReportContested
		if err := tx.SetSelfReportStatus(ctx, sr.ID, sr.Status, now); err != nil {
			return err
		}
		if err := tx.SetDisputed(ctx, sr.USCC, sr.RecordID, true, "", now); err != nil {
			return err
		}
		return s.apply(ctx, tx, p, sr, "selfreport.contested/v1",
			"自愿填报信息被提出异议，等待信用中心认定 / self-reported information contested; the credit centre will decide",
			map[string]string{"contest": c.ID}, sr.OrgID, OperatorsInbox, p.OrgID)
	})
	return c, err
}

// DecideContest is the credit centre's decision. With false set the
// commitment is found false: a negative record (虚假信用承诺) is collected
// through the normal record path, so reports, the gate and evaluations see
// it, and the submission is marked with the finding. Otherwise the contest
// is dismissed and the mark removed. Operators only. Returns Forbidden,
// NotFound, Invalid (no note) or Conflict (already decided).
func (s *SelfReports) DecideContest(ctx context.Context, contestID string, isFalse bool, note string) (Contest, error) {
	p, err := principal(ctx)
	if err != nil {
		return Contest{}, err
	}
	if !isOperator(p) {
		return Contest{}, apperr.Forbiddenf("rights: 只有信用中心可以认定 / only the credit centre decides")
	}
	if err := textField("note", note, 2000); err != nil {
		return Contest{}, err
	}
	note = strings.TrimSpace(note)
	c, err := s.store.FindContest(ctx, contestID)
	if err != nil {
		return Contest{}, err
	}
	if c.Status != ContestOpen {
		return Contest{}, apperr.Conflictf("rights: 该异议已认定 / the contest is already decided")
	}
	sr, err := s.store.FindSelfReport(ctx, c.SelfReportID)
	if err != nil {
		return Contest{}, err
	}
	if isFalse {
		// Collected before the decision commits: collection has its own
		// transaction, and the idempotency key makes a retry harmless.
		org, err := s.store.FindOrganizationByID(ctx, sr.OrgID)
		if err != nil {
			return Contest{}, err
		}
		row := map[string]string{"USCC": sr.USCC, "NAME": org.Name, "COMMITMENT_NO": sr.ID, "FINDING": note,
			"ORGAN": s.opt.Centre, "FINDING_DATE": s.clock().In(chinaTime).Format(time.DateOnly)}
		if _, err := s.collect(ctx, CreditCentreProvider, FalseCommitmentItem, "selfreport-false:"+c.ID, row, sr.USCC, sr.ID); err != nil {
			return Contest{}, err
		}
	}
	now := s.clock()
	err = s.store.SelfReportTx(ctx, func(tx SelfReportTx) error {
		locked, err := tx.FindContestForUpdate(ctx, contestID)
		if err != nil {
			return err
		}
		if locked.Status != ContestOpen {
			return apperr.Conflictf("rights: 该异议已认定 / the contest is already decided")
		}
		c = locked
		c.Status, c.DecisionNote, c.DecidedBy, c.DecidedAt = ContestDismissed, note, p.ID(), now
		sr.Status = SelfReportActive
		mark, text := "", "异议不成立，自愿填报信息保持 / contest dismissed; the submission stands"
		if isFalse {
			c.Status, sr.Status = ContestUpheld, SelfReportFalse
			mark = "信用承诺经核查不实：" + note + " / commitment found false"
			text = "信用承诺经核查认定不实，已记为失信信息 / the commitment was found false and recorded as negative information"
		}
		if err := tx.UpdateContest(ctx, c); err != nil {
			return err
		}
		if err := tx.SetSelfReportStatus(ctx, sr.ID, sr.Status, now); err != nil {
			return err
		}
		if err := tx.SetDisputed(ctx, sr.USCC, sr.RecordID, false, mark, now); err != nil {
			return err
		}
		return s.apply(ctx, tx, p, sr, "selfreport.decided/v1", text,
			map[string]string{"contest": c.ID, "outcome": string(c.Status)}, sr.OrgID, c.OrgID)
	})
	return c, err
}

// OpenContests returns the contests waiting for the credit centre.
func (s *SelfReports) OpenContests(ctx context.Context) ([]Contest, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	if !isOperator(p) {
		return nil, apperr.Forbiddenf("rights: 只有信用中心可以查看 / operators only")
	}
	return s.store.FindContests(ctx, "", ContestOpen, 500)
}

// chinaTime is the zone dates of findings are written in.
var chinaTime = time.FixedZone("CST", 8*3600)
