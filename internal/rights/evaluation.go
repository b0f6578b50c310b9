// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"context"
	"fmt"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/score"
)

// EvaluationItem is the Item of an objection to a credit evaluation (its
// RecordID is the evaluation's ID). The platform computes evaluations, so
// such an objection is routed to operators, not to a provider; a decided
// one writes the outbox entry after which score.follow evaluates again.
const EvaluationItem = "EVALUATION"

// Evaluations gives an enterprise's latest credit evaluation (NotFound
// when there is none). *score.Service implements it.
type Evaluations interface {
	Latest(ctx context.Context, uscc string) (score.Evaluation, error)
	// Explain says in plain words what the grade means and what cost the
	// most points.
	Explain(e score.Evaluation, en bool) string
}

// Evaluation returns the latest evaluation of the caller's own
// enterprise, and false when the node has none (or does not evaluate).
func (s *Service) Evaluation(ctx context.Context) (score.Evaluation, bool, error) {
	code, err := s.OwnCode(ctx)
	if err != nil {
		return score.Evaluation{}, false, err
	}
	if s.opt.Evaluations == nil {
		return score.Evaluation{}, false, nil
	}
	e, err := s.opt.Evaluations.Latest(ctx, code)
	if apperr.Is(err, apperr.NotFound) {
		return score.Evaluation{}, false, nil
	}
	if err != nil {
		return score.Evaluation{}, false, fmt.Errorf("rights: evaluation: %w", err)
	}
	return e, true, nil
}

// Explain says what the evaluation means, in lang.
func (s *Service) Explain(e score.Evaluation, lang string) string {
	if s.opt.Evaluations == nil {
		return ""
	}
	return s.opt.Evaluations.Explain(e, lang == "en")
}

// fileOnEvaluation files an objection to the enterprise's latest
// evaluation: only the latest can be objected to, since an older one no
// longer stands.
func (s *Service) fileOnEvaluation(ctx context.Context, p access.Principal, in NewObjection) (Objection, error) {
	e, ok, err := s.Evaluation(ctx)
	if err != nil {
		return Objection{}, err
	}
	if !ok || e.ID != strings.TrimSpace(in.EvaluationID) {
		return Objection{}, apperr.NotFoundf("rights: 本企业没有评价 %s（只能对最新评价提出异议） / no evaluation %s of your enterprise (only the latest may be objected to)", in.EvaluationID, in.EvaluationID)
	}
	now := s.clock()
	o := Objection{ID: newID(), USCC: e.USCC, EnterpriseOrg: p.OrgID, RecordID: e.ID, Item: EvaluationItem,
		Reasons: strings.TrimSpace(in.Reasons), Evidence: strings.TrimSpace(in.Evidence), Status: StatusFiled,
		DueAt: s.cal.AddWorkdays(now, s.opt.AcceptDays), FiledBy: p.ID(), CreatedAt: now, UpdatedAt: now}
	err = s.inTx(ctx, func(tx Tx) error {
		if open, err := tx.OpenObjection(ctx, e.ID); err != nil {
			return err
		} else if open != "" {
			return apperr.Conflictf("rights: 该评价已有处理中的异议 %s / an objection to this evaluation is already open: %s", open, open)
		}
		if err := tx.CreateObjection(ctx, o); err != nil {
			return fmt.Errorf("rights: file objection: %w", err)
		}
		return s.applyObjection(ctx, tx, p, o, "objection.filed/v1",
			"企业对信用评价提出异议 / objection to the credit evaluation filed", OperatorsInbox, o.EnterpriseOrg)
	})
	return o, err
}

// SetEvaluations plugs in the credit evaluation once it is built (the
// evaluation service starts after this one). Call it before serving.
func (s *Service) SetEvaluations(e Evaluations) { s.opt.Evaluations = e }
