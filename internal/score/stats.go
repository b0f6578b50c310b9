// SPDX-License-Identifier: Apache-2.0

package score

import (
	"context"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

// Statistics are counts only, but of the whole master: the credit centre
// and regulators read them, nobody else.
func authorizeStats(ctx context.Context) error {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return apperr.Unauthenticatedf("请先登录 / please sign in")
	}
	if p.IsOrgKind(access.OrgOperator) || p.IsOrgKind(access.OrgRegulator) {
		return nil
	}
	return apperr.Forbiddenf("评价统计仅向信用中心和监管部门开放 / evaluation statistics are for the credit centre and regulators")
}

// GradeTable is the grade distribution laid out for pages and the API:
// one row per region prefix or industry section, a count per grade in the
// scale's order.
type GradeTable struct {
	By     string     `json:"by"`
	Model  string     `json:"model"`
	Grades []string   `json:"grades"`
	Rows   []GradeRow `json:"rows"`
	Total  int64      `json:"total"`
}

// GradeRow is one row of a GradeTable.
type GradeRow struct {
	Key    string  `json:"key"`
	Counts []int64 `json:"counts"`
	Total  int64   `json:"total"`
}

// Statistics returns the grade distribution by region (prefix 2, 4 or 6
// digits of GB/T 2260) or by industry section (GB/T 4754), for operators
// and regulators.
func (s *Service) Statistics(ctx context.Context, by string, prefix int) (GradeTable, error) {
	if err := authorizeStats(ctx); err != nil {
		return GradeTable{}, err
	}
	cells, err := s.Distribution(ctx, by, prefix)
	if err != nil {
		return GradeTable{}, err
	}
	t := GradeTable{By: by, Model: s.model.Version()}
	col := map[string]int{}
	for i, b := range s.model.Model.Scale.Bands {
		t.Grades = append(t.Grades, b.Grade)
		col[b.Grade] = i
	}
	row := map[string]int{}
	for _, c := range cells {
		i, ok := col[c.Grade]
		if !ok { // a grade of an older model's scale
			i = len(t.Grades)
			col[c.Grade] = i
			t.Grades = append(t.Grades, c.Grade)
			for r := range t.Rows {
				t.Rows[r].Counts = append(t.Rows[r].Counts, 0)
			}
		}
		r, ok := row[c.Key]
		if !ok {
			r = len(t.Rows)
			row[c.Key] = r
			t.Rows = append(t.Rows, GradeRow{Key: c.Key, Counts: make([]int64, len(t.Grades))})
		}
		t.Rows[r].Counts[i] += c.Count
		t.Rows[r].Total += c.Count
		t.Total += c.Count
	}
	return t, nil
}
