// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/score"
)

// Scores gives an enterprise's latest credit evaluation and explains it in
// plain words. *score.Service implements it.
type Scores interface {
	Latest(ctx context.Context, uscc string) (score.Evaluation, error)
	Explain(e score.Evaluation, en bool) string
	Meaning(e score.Evaluation) (zh, en string)
}

// scoreCard is the evaluation as the profile shows it: the grade, what it
// means, and what lowered it most.
type scoreCard struct {
	Score                int
	Grade                string
	Model                string
	ComputedAt           time.Time
	Meaning, MeaningEN   string
	Explain, ExplainEN   string
	Reasons              []score.Reason
	Dimensions           []score.DimensionScore
	CanObject, IsInsider bool
}

// scoreCardFor returns the card for a released view, only for the
// enterprise itself and the credit centre (insiders): an institution sees
// the evaluation in the report it is authorized for. nil when there is no
// evaluation yet or the node does not evaluate.
func (h *Handler) scoreCardFor(ctx context.Context, gv *gate.View) (*scoreCard, error) {
	if h.deps.Scores == nil {
		return nil, nil
	}
	p, _ := access.PrincipalFrom(ctx)
	if !gv.Self && !p.IsOrgKind(access.OrgOperator) {
		return nil, nil
	}
	e, err := h.deps.Scores.Latest(ctx, gv.Subject.USCC)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	c := &scoreCard{Score: e.Score, Grade: e.Grade, Model: e.ModelVersion, ComputedAt: e.ComputedAt, Reasons: e.Reasons,
		Dimensions: e.Dimensions, Explain: h.deps.Scores.Explain(e, false), ExplainEN: h.deps.Scores.Explain(e, true),
		CanObject: gv.Self, IsInsider: true}
	c.Meaning, c.MeaningEN = h.deps.Scores.Meaning(e)
	return c, nil
}
