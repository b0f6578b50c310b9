// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
)

// Limits bound how much an institution may learn about one enterprise by
// asking. Zero fields take the defaults.
type Limits struct {
	// PerTemplate is the most asks a day with one template (default 5).
	PerTemplate int
	// PerEnterprise is the most asks a day in all (default 20).
	PerEnterprise int
	// WalkValues is the number of distinct parameter values of one
	// template within WalkWindow at which an ask is refused as threshold
	// walking (default 3: the third distinct value is refused).
	WalkValues int
	// WalkWindow is how far back distinct values are counted (default 30 days).
	WalkWindow time.Duration
}

func (l Limits) withDefaults() Limits {
	if l.PerTemplate <= 0 {
		l.PerTemplate = 5
	}
	if l.PerEnterprise <= 0 {
		l.PerEnterprise = 20
	}
	if l.WalkValues <= 1 {
		l.WalkValues = 3
	}
	if l.WalkWindow <= 0 {
		l.WalkWindow = 30 * 24 * time.Hour
	}
	return l
}

// guard records the ask and decides whether it may go on to the gate, in
// one transaction under the (institution, enterprise) lock, so that two
// asks at the same moment cannot both take the last place. A refusal is
// committed too (and, for threshold walking, an alert) before its error is
// returned.
func (s *Service) guard(ctx context.Context, a AskRecord) error {
	var refusal error
	err := s.store.VerifyTx(ctx, a.OrgID, a.USCC, func(tx Tx) error {
		refusal = nil
		a.Outcome = OutcomePending
		seen, err := tx.AskedParams(ctx, a.OrgID, a.USCC, a.Template, a.AskedAt.Add(-s.limits.WalkWindow))
		if err != nil {
			return err
		}
		withTemplate, all, err := tx.CountAsks(ctx, a.OrgID, a.USCC, a.Template, a.Day)
		if err != nil {
			return err
		}
		switch {
		case !slices.Contains(seen, a.ParamsHash) && len(seen)+1 >= s.limits.WalkValues:
			a.Outcome = OutcomeWalking
			refusal = apperr.Forbiddenf("同一模板对同一企业在%d天内已使用%d个不同参数，疑似阈值试探，已拒绝并报告运营方 / "+
				"%d different parameters for one template about one enterprise within %d days looks like threshold walking: refused and reported to the operator",
				days(s.limits.WalkWindow), len(seen)+1, len(seen)+1, days(s.limits.WalkWindow))
		case withTemplate >= s.limits.PerTemplate:
			a.Outcome = OutcomeLimited
			refusal = apperr.E(apperr.TooMany, fmt.Sprintf("今日以该模板核验此企业已达%d次上限，请明日再试 / "+
				"the daily limit of %d verifications of this enterprise with this template is reached; try again tomorrow",
				s.limits.PerTemplate, s.limits.PerTemplate), nil)
		case all >= s.limits.PerEnterprise:
			a.Outcome = OutcomeLimited
			refusal = apperr.E(apperr.TooMany, fmt.Sprintf("今日核验此企业已达%d次上限，请明日再试 / "+
				"the daily limit of %d verifications of this enterprise is reached; try again tomorrow",
				s.limits.PerEnterprise, s.limits.PerEnterprise), nil)
		}
		if err := tx.InsertAsk(ctx, a); err != nil || a.Outcome != OutcomeWalking {
			return err
		}
		return tx.InsertAlert(ctx, Alert{ID: id.New(), OrgID: a.OrgID, UserID: a.UserID, USCC: a.USCC,
			Template: a.Template, DistinctParams: len(seen) + 1, WindowFrom: a.AskedAt.Add(-s.limits.WalkWindow),
			CreatedAt: a.AskedAt, AskID: a.ID})
	})
	if err != nil {
		return fmt.Errorf("verify: guard: %w", err)
	}
	return refusal
}

func days(d time.Duration) int { return int(d / (24 * time.Hour)) }
