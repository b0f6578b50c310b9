// SPDX-License-Identifier: Apache-2.0

package app

import (
	"context"
	"fmt"
	"slices"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/score"
)

// buildScore sets up credit evaluation with the built-in indicator system
// (validated against the catalog in force) and makes reports carry the
// latest evaluation.
func (a *App) buildScore(ctx context.Context) error {
	cat, _, err := a.Catalog.Current(ctx)
	if err != nil {
		return err
	}
	m, err := score.Default(cat)
	if err != nil {
		return fmt.Errorf("score model: %w", err)
	}
	a.Score = score.New(a.Store, m, score.Options{})
	a.Reports.SetEvaluations(a.reportEvaluation)
	// The enterprise sees its own latest evaluation in its self-query and may object to it.
	a.Rights.SetEvaluations(a.Score)
	return nil
}

// reportEvaluation is the evaluation a report shows: score, grade, model
// and the plain-words explanation, whose reasons name only indicators
// built from items the view released to the requester (a bank without the
// enterprise's authorization for tax data is not told "little tax paid").
func (a *App) reportEvaluation(ctx context.Context, v *gate.View) (*report.Evaluation, error) {
	e, err := a.Score.Latest(ctx, v.Subject.USCC)
	if apperr.CodeOf(err) == apperr.NotFound {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	e.Reasons = slices.DeleteFunc(e.Reasons, func(r score.Reason) bool {
		for _, it := range a.Score.Model().IndicatorItems(r.Code) {
			if iv, ok := v.Item(it); !ok || !iv.Shown() {
				return true
			}
		}
		return false
	})
	return &report.Evaluation{Score: e.Score, Grade: e.Grade, ModelVersion: e.ModelVersion,
		AsOf: e.ComputedAt.In(beijing).Format(time.DateOnly), Explanation: a.Score.Explain(e, false)}, nil
}

// beijing is the zone dates are shown in.
var beijing = time.FixedZone("CST", 8*3600)
