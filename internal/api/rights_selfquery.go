// SPDX-License-Identifier: Apache-2.0

package api

import (
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/usage"
)

// selfQueryResponse is the enterprise's free self-query (自查): everything
// the node holds about it, non-public items included, every version of
// each record with its provenance, the marks, its cases and who accessed
// its information.
type selfQueryResponse struct {
	USCC           string                  `json:"uscc"`
	Name           string                  `json:"name"`
	AuditIndex     int64                   `json:"audit_index"` // this self-query's own leaf
	Items          []selfQueryItem         `json:"items"`
	Objections     []objectionResponse     `json:"objections"`
	Repairs        []repairResponse        `json:"repairs"`
	Restructurings []restructuringResponse `json:"restructurings"`
	AccessLog      []accessEntry           `json:"access_log"`
	// Evaluation is the latest credit evaluation with its reasons; null
	// when the node has none.
	Evaluation *evaluationResponse `json:"evaluation"`
}

// evaluationResponse is the enterprise's latest credit evaluation as it
// sees it: all its reasons, in plain words.
type evaluationResponse struct {
	ID            string           `json:"id"`
	Score         int              `json:"score"`
	Grade         string           `json:"grade"`
	ModelVersion  string           `json:"model_version"`
	ComputedAt    time.Time        `json:"computed_at"`
	Explanation   string           `json:"explanation"`
	ExplanationEN string           `json:"explanation_en"`
	Reasons       []reasonResponse `json:"reasons"`
}

type reasonResponse struct {
	Code   string  `json:"code"`
	Lost   float64 `json:"lost"`
	Text   string  `json:"text"`
	TextEN string  `json:"text_en"`
}

type selfQueryItem struct {
	Code     string            `json:"code"`
	Name     string            `json:"name"`
	NameEN   string            `json:"name_en"`
	Records  []selfQueryRecord `json:"records"`
	Withheld string            `json:"withheld,omitempty"`
}

type selfQueryRecord struct {
	ID         string             `json:"id"`
	Version    int                `json:"version"`
	Data       map[string]string  `json:"data"`
	Provider   string             `json:"provider"`
	ReceivedAt time.Time          `json:"received_at"`
	Disputed   bool               `json:"disputed"`
	Hidden     string             `json:"hidden,omitempty"` // why institutions no longer see it (repaired, expired, revoked)
	Note       string             `json:"note,omitempty"`
	Versions   []selfQueryVersion `json:"versions"`
}

type selfQueryVersion struct {
	Version    int               `json:"version"`
	Status     string            `json:"status"`
	Current    bool              `json:"current"`
	Provider   string            `json:"provider"`
	Batch      string            `json:"batch"`
	Channel    string            `json:"channel"`
	File       string            `json:"file,omitempty"`
	ReceivedAt time.Time         `json:"received_at"`
	SourceTime string            `json:"source_time,omitempty"`
	Data       map[string]string `json:"data"`
	Changed    []string          `json:"changed"`
}

type restructuringResponse struct {
	ID         string    `json:"id"`
	USCC       string    `json:"uscc"`
	Court      string    `json:"court"`
	CaseNo     string    `json:"case_no"`
	ApprovedOn string    `json:"approved_on"`
	Note       string    `json:"note,omitempty"`
	CreatedAt  time.Time `json:"created_at"`
}

func toRestructuring(x rights.Restructuring) restructuringResponse {
	return restructuringResponse{ID: x.ID, USCC: x.USCC, Court: x.Court, CaseNo: x.CaseNo, ApprovedOn: x.ApprovedOn,
		Note: x.Note, CreatedAt: x.CreatedAt}
}

// selfQuery answers GET /api/v1/self-query. It passes the gate as the
// enterprise itself (full view, purpose self_query), so the self-query is
// in the audit log like every other read and shows in the enterprise's
// own access history.
func (h *Handler) selfQuery(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	ctx := r.Context()
	code, err := h.rights.OwnCode(ctx)
	if err != nil {
		return err
	}
	v, err := h.gate.Release(ctx, gate.Request{Action: gate.ActionQuery, Subject: code, Purpose: gate.PurposeSelf}, nil)
	if err != nil {
		return err
	}
	hist, err := h.rights.History(ctx, v)
	if err != nil {
		return err
	}
	out := selfQueryResponse{USCC: v.Subject.USCC, Name: v.Subject.Name, AuditIndex: v.AuditIndex, Items: []selfQueryItem{},
		Objections: []objectionResponse{}, Repairs: []repairResponse{}, Restructurings: []restructuringResponse{}, AccessLog: []accessEntry{}}
	for _, iv := range v.Items {
		if len(iv.Records) == 0 && iv.Withheld == "" {
			continue
		}
		it := selfQueryItem{Code: iv.Item.Code, Name: iv.Item.Name, NameEN: iv.Item.NameEN, Records: []selfQueryRecord{}, Withheld: iv.Withheld}
		for _, rec := range iv.Records {
			sr := selfQueryRecord{ID: rec.ID, Version: rec.Version, Data: rec.Data, Provider: rec.Provider, ReceivedAt: rec.ReceivedAt,
				Disputed: rec.Disputed, Hidden: rec.Hidden, Note: rec.Note, Versions: []selfQueryVersion{}}
			for _, x := range hist[rec.ID] {
				sr.Versions = append(sr.Versions, selfQueryVersion{Version: x.Version, Status: string(x.Status), Current: x.Current,
					Provider: x.Provider, Batch: x.Batch, Channel: x.Channel, File: x.File, ReceivedAt: x.ReceivedAt,
					SourceTime: x.SourceTime, Data: x.Data, Changed: orEmpty(x.Changed)})
			}
			it.Records = append(it.Records, sr)
		}
		out.Items = append(out.Items, it)
	}
	os, err := h.rights.ListObjections(ctx, rights.Filter{})
	if err != nil {
		return err
	}
	for _, o := range os {
		out.Objections = append(out.Objections, toObjection(o))
	}
	rs, err := h.rights.ListRepairs(ctx, rights.Filter{})
	if err != nil {
		return err
	}
	for _, x := range rs {
		out.Repairs = append(out.Repairs, toRepair(x))
	}
	xs, err := h.rights.Restructurings(ctx, code)
	if err != nil {
		return err
	}
	for _, x := range xs {
		out.Restructurings = append(out.Restructurings, toRestructuring(x))
	}
	ev, ok, err := h.rights.Evaluation(ctx)
	if err != nil {
		return err
	}
	if ok {
		out.Evaluation = &evaluationResponse{ID: ev.ID, Score: ev.Score, Grade: ev.Grade, ModelVersion: ev.ModelVersion,
			ComputedAt: ev.ComputedAt, Explanation: h.rights.Explain(ev, "zh"), ExplanationEN: h.rights.Explain(ev, "en"),
			Reasons: []reasonResponse{}}
		for _, r := range ev.Reasons {
			out.Evaluation.Reasons = append(out.Evaluation.Reasons, reasonResponse{Code: r.Code, Lost: r.Lost, Text: r.Text, TextEN: r.TextEN})
		}
	}
	if h.usage != nil {
		page, err := h.usage.AccessLog(ctx, usage.LogQuery{Limit: 200})
		if err != nil {
			return err
		}
		for _, e := range page.Entries {
			out.AccessLog = append(out.AccessLog, toAccessEntry(e))
		}
	}
	return httpx.JSON(w, http.StatusOK, out)
}
