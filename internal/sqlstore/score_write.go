// SPDX-License-Identifier: Apache-2.0

package sqlstore

import (
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/xinrong/xinrong/internal/score"
)

// scoreRowsPerStatement keeps multi-row inserts under both engines'
// parameter limits (SQLite 32766, PostgreSQL 65535).
const scoreRowsPerStatement = 250

// SaveEvaluations implements score.Store: the evaluations, the latest
// table and the score-change events, in one transaction, with multi-row
// statements (a full run writes a million of each).
func (s *Store) SaveEvaluations(ctx context.Context, saves []score.Save) error {
	return s.Tx(ctx, func(tx *Tx) error {
		for i := 0; i < len(saves); i += scoreRowsPerStatement {
			part := saves[i:min(i+scoreRowsPerStatement, len(saves))]
			if err := tx.insertEvaluations(ctx, part); err != nil {
				return err
			}
		}
		return nil
	})
}

func (tx *Tx) insertEvaluations(ctx context.Context, saves []score.Save) error {
	hist := make([]any, 0, 11*len(saves))
	last := make([]any, 0, 9*len(saves))
	var ev []any
	nev := 0
	for _, sv := range saves {
		e := sv.Evaluation
		at := ts(e.ComputedAt)
		hist = append(hist, e.ID, e.USCC, e.ModelVersion, e.Scale, e.Score, e.Grade, e.Digest,
			encodeDimensions(e.Dimensions), encodeInputs(e.Inputs), encodeReasons(e.Reasons), at)
		last = append(last, e.USCC, e.ID, e.ModelVersion, e.Score, e.Grade, e.Digest, sv.Region, sv.Industry, at)
		if p := sv.Prior; p != nil && (p.Score != e.Score || p.Grade != e.Grade) {
			ev = append(ev, e.USCC, e.ID, e.ModelVersion, p.Score, p.Grade, e.Score, e.Grade, at)
			nev++
		}
	}
	if _, err := tx.Exec(ctx, `INSERT INTO score_evaluations (id, uscc, model_version, scale, score, grade, digest, dimensions,
		inputs, reasons, computed_at) VALUES `+rowsOf(len(saves), 11), hist...); err != nil {
		return tx.s.wrap("save evaluations", err)
	}
	if _, err := tx.Exec(ctx, `INSERT INTO score_latest (uscc, evaluation_id, model_version, score, grade, digest, region_code,
		industry_section, computed_at) VALUES `+rowsOf(len(saves), 9)+` ON CONFLICT (uscc) DO UPDATE SET
		evaluation_id = excluded.evaluation_id, model_version = excluded.model_version, score = excluded.score,
		grade = excluded.grade, digest = excluded.digest, region_code = excluded.region_code,
		industry_section = excluded.industry_section, computed_at = excluded.computed_at`, last...); err != nil {
		return tx.s.wrap("save latest evaluations", err)
	}
	if nev > 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO score_events (uscc, evaluation_id, model_version, old_score, old_grade,
			new_score, new_grade, created_at) VALUES `+rowsOf(nev, 8), ev...); err != nil {
			return tx.s.wrap("save score events", err)
		}
	}
	return nil
}

// rowsOf returns "(?, …), (?, …)" for n rows of k columns.
func rowsOf(n, k int) string {
	row := "(" + placeholders(k) + ")"
	var b strings.Builder
	b.Grow(n * (len(row) + 2))
	for i := range n {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(row)
	}
	return b.String()
}

// LatestEvaluation implements score.Store.
func (s *Store) LatestEvaluation(ctx context.Context, uscc string) (score.Evaluation, error) {
	var e score.Evaluation
	var dims, inputs, reasons string
	err := s.queryRow(ctx, `SELECT e.id, e.uscc, e.model_version, e.scale, e.score, e.grade, e.digest, e.dimensions, e.inputs,
		e.reasons, e.computed_at FROM score_latest l JOIN score_evaluations e ON e.id = l.evaluation_id WHERE l.uscc = ?`, uscc).
		Scan(&e.ID, &e.USCC, &e.ModelVersion, &e.Scale, &e.Score, &e.Grade, &e.Digest, &dims, &inputs, &reasons, scanTime{&e.ComputedAt})
	if err != nil {
		return e, s.wrap("latest evaluation "+uscc, err)
	}
	if err := decodeSnapshot(&e, dims, inputs, reasons); err != nil {
		return e, fmt.Errorf("sqlstore: latest evaluation %s: %w", uscc, err)
	}
	return e, nil
}

// The snapshot is stored as compact JSON arrays, in model order:
// dimensions [[code, points, max, score], …], inputs [[indicator, value or
// text or null, points], …], reasons [[code, lost], …]. Reason texts come
// from the model version when read.

func encodeDimensions(ds []score.DimensionScore) string {
	b := make([]byte, 0, 32*len(ds))
	b = append(b, '[')
	for i, d := range ds {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(append(b, '['), d.Code)
		b = strconv.AppendFloat(append(b, ','), d.Points, 'f', -1, 64)
		b = strconv.AppendFloat(append(b, ','), d.Max, 'f', -1, 64)
		b = strconv.AppendInt(append(b, ','), int64(d.Score), 10)
		b = append(b, ']')
	}
	return string(append(b, ']'))
}

func encodeInputs(ins []score.Input) string {
	b := make([]byte, 0, 28*len(ins))
	b = append(b, '[')
	for i, in := range ins {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(append(b, '['), in.Indicator)
		b = append(b, ',')
		switch {
		case in.Missing:
			b = append(b, "null"...)
		case in.Text != "":
			t, _ := json.Marshal(in.Text)
			b = append(b, t...)
		default:
			b = strconv.AppendFloat(b, in.Value, 'f', -1, 64)
		}
		b = strconv.AppendFloat(append(b, ','), in.Points, 'f', -1, 64)
		b = append(b, ']')
	}
	return string(append(b, ']'))
}

func encodeReasons(rs []score.Reason) string {
	b := make([]byte, 0, 24*len(rs))
	b = append(b, '[')
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		b = strconv.AppendQuote(append(b, '['), r.Code)
		b = strconv.AppendFloat(append(b, ','), r.Lost, 'f', -1, 64)
		b = append(b, ']')
	}
	return string(append(b, ']'))
}

func decodeSnapshot(e *score.Evaluation, dims, inputs, reasons string) error {
	var ds, is, rs [][]any
	if err := json.Unmarshal([]byte(dims), &ds); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(inputs), &is); err != nil {
		return err
	}
	if err := json.Unmarshal([]byte(reasons), &rs); err != nil {
		return err
	}
	str := func(v any) string { s, _ := v.(string); return s }
	num := func(v any) float64 { f, _ := v.(float64); return f }
	for _, d := range ds {
		if len(d) == 4 {
			e.Dimensions = append(e.Dimensions, score.DimensionScore{Code: str(d[0]), Points: num(d[1]), Max: num(d[2]), Score: int(num(d[3]))})
		}
	}
	for _, x := range is {
		if len(x) != 3 {
			continue
		}
		in := score.Input{Indicator: str(x[0]), Points: num(x[2])}
		switch v := x[1].(type) {
		case nil:
			in.Missing = true
		case string:
			in.Text = v
		case float64:
			in.Value = v
		}
		e.Inputs = append(e.Inputs, in)
	}
	for _, r := range rs {
		if len(r) == 2 {
			e.Reasons = append(e.Reasons, score.Reason{Code: str(r[0]), Lost: num(r[1])})
		}
	}
	return nil
}
