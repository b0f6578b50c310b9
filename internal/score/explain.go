// SPDX-License-Identifier: Apache-2.0

package score

import (
	"context"
	"fmt"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Latest returns the enterprise's latest evaluation with its reason texts.
func (s *Service) Latest(ctx context.Context, uscc string) (Evaluation, error) {
	e, err := s.store.LatestEvaluation(ctx, uscc)
	if err != nil {
		return Evaluation{}, err
	}
	s.fillTexts(&e)
	return e, nil
}

// fillTexts restores the reason texts from the evaluation's model (they are
// stored as codes).
func (s *Service) fillTexts(e *Evaluation) {
	m := s.models[e.ModelVersion]
	if m == nil {
		return
	}
	for i := range e.Reasons {
		if in := m.indicator(e.Reasons[i].Code); in != nil {
			e.Reasons[i].Text, e.Reasons[i].TextEN = in.Reason, in.ReasonEN
		}
	}
}

func (c *Compiled) indicator(code string) *Indicator {
	for i := range c.inds {
		if c.inds[i].ind.Code == code {
			return c.inds[i].ind
		}
	}
	return nil
}

// Meaning returns the plain-words meaning of a grade under the
// evaluation's model, Chinese and English.
func (s *Service) Meaning(e Evaluation) (zh, en string) {
	m := s.models[e.ModelVersion]
	if m == nil {
		return "", ""
	}
	for _, b := range m.Model.Scale.Bands {
		if b.Grade == e.Grade {
			return b.Meaning, b.MeaningEN
		}
	}
	return "", ""
}

// Explain says in plain words what the grade means and what cost the most
// points, for the enterprise's own page and the report.
func (s *Service) Explain(e Evaluation, en bool) string {
	zhM, enM := s.Meaning(e)
	var b strings.Builder
	if en {
		fmt.Fprintf(&b, "Score %d of 1000, grade %s", e.Score, e.Grade)
		if enM != "" {
			b.WriteString(": " + enM)
		}
		b.WriteString(".")
		if len(e.Reasons) > 0 {
			b.WriteString(" What lowered it most: ")
			for i, r := range e.Reasons {
				if i > 0 {
					b.WriteString("; ")
				}
				fmt.Fprintf(&b, "%s (−%.0f)", orCode(r.TextEN, r.Code), r.Lost)
			}
			b.WriteString(".")
		}
		return b.String()
	}
	fmt.Fprintf(&b, "综合评分 %d 分（满分 1000 分），评价等级 %s", e.Score, e.Grade)
	if zhM != "" {
		b.WriteString("，" + strings.TrimSuffix(zhM, "。"))
	}
	b.WriteString("。")
	if len(e.Reasons) > 0 {
		b.WriteString("影响评分的主要因素：")
		for i, r := range e.Reasons {
			if i > 0 {
				b.WriteString("；")
			}
			fmt.Fprintf(&b, "%s（−%.0f 分）", orCode(r.Text, r.Code), r.Lost)
		}
		b.WriteString("。")
	}
	return b.String()
}

func orCode(text, code string) string {
	if text == "" {
		return code
	}
	return text
}

// Events returns score changes after seq, oldest first: the outbox the
// monitoring service reads.
func (s *Service) Events(ctx context.Context, after int64, limit int) ([]Event, error) {
	if limit <= 0 || limit > 1000 {
		limit = 1000
	}
	return s.store.ScoreEvents(ctx, after, limit)
}

// Distribution counts latest grades by region prefix (GB/T 2260: 2 for
// provinces, 4 for cities, 6 for counties) or by industry section.
func (s *Service) Distribution(ctx context.Context, by string, prefix int) ([]GradeCount, error) {
	switch by {
	case "region":
		if prefix != 2 && prefix != 4 && prefix != 6 {
			prefix = 4
		}
	case "industry":
		prefix = 1
	default:
		return nil, apperr.Invalidf("by: 应为 region 或 industry / must be region or industry, not %q", by)
	}
	return s.store.GradeDistribution(ctx, by, prefix)
}

// IndicatorItems returns the catalog items an indicator reads.
func (c *Compiled) IndicatorItems(code string) []string {
	for i := range c.inds {
		if c.inds[i].ind.Code == code {
			var out []string
			for _, s := range c.inds[i].sources {
				out = append(out, s.item)
			}
			return out
		}
	}
	return nil
}
