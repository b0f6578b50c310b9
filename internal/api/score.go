// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"net/http"
	"strconv"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/score"
)

// Scores answers the credit-evaluation statistics. *score.Service
// implements it.
type Scores interface {
	Statistics(ctx context.Context, by string, prefix int) (score.GradeTable, error)
}

// scoreStatsReaders are the credit centre's operators and regulators.
var scoreStatsReaders = []access.Role{access.RoleOperator, access.RoleRegulatorViewer}

// gradeTableResponse is the grade distribution: per region prefix or
// industry section, the number of enterprises at each grade.
type gradeTableResponse struct {
	By     string             `json:"by"`
	Model  string             `json:"model"`
	Grades []string           `json:"grades"`
	Rows   []gradeRowResponse `json:"rows"`
	Total  int64              `json:"total"`
}

type gradeRowResponse struct {
	Key    string  `json:"key"`
	Counts []int64 `json:"counts"`
	Total  int64   `json:"total"`
}

// scoreStatistics: GET /api/v1/score/statistics?by=region|industry&prefix=2|4|6.
func (h *Handler) scoreStatistics(w http.ResponseWriter, r *http.Request) error {
	if h.scores == nil {
		return apperr.E(apperr.Unavailable, "本节点未启用信用评价 / credit evaluation is not enabled on this node", nil)
	}
	q := r.URL.Query()
	by := q.Get("by")
	if by == "" {
		by = "region"
	}
	prefix := 4
	if p := q.Get("prefix"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || (n != 2 && n != 4 && n != 6) {
			return apperr.Invalidf("prefix: 应为 2、4 或 6 / must be 2, 4 or 6")
		}
		prefix = n
	}
	t, err := h.scores.Statistics(r.Context(), by, prefix)
	if err != nil {
		return err
	}
	out := gradeTableResponse{By: t.By, Model: t.Model, Grades: t.Grades, Total: t.Total, Rows: []gradeRowResponse{}}
	if out.Grades == nil {
		out.Grades = []string{}
	}
	for _, row := range t.Rows {
		out.Rows = append(out.Rows, gradeRowResponse{Key: row.Key, Counts: row.Counts, Total: row.Total})
	}
	return httpx.JSON(w, http.StatusOK, out)
}
