// SPDX-License-Identifier: Apache-2.0

package api

import (
	"net/http"
	"slices"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/ingest"
)

// quarantinedResponse is a valid row that named no enterprise the master
// knows (待认领), with the values it carried so that an operator can tell
// which enterprise it is about.
type quarantinedResponse struct {
	ID          string            `json:"id"`
	Batch       string            `json:"batch"`
	Row         int64             `json:"row"`
	Provider    string            `json:"provider"`
	Item        string            `json:"item"`
	SubjectCode string            `json:"subject_code"`
	SubjectName string            `json:"subject_name"`
	Reason      string            `json:"reason"`
	Status      string            `json:"status"`
	ResolvedTo  string            `json:"resolved_to"`
	Data        map[string]string `json:"data"`
}

func toQuarantinedResponse(q ingest.Quarantined) quarantinedResponse {
	data := make(map[string]string, len(q.Data))
	for k, v := range q.Data {
		data[k] = v
	}
	return quarantinedResponse{ID: q.ID, Batch: q.Batch, Row: q.Row, Provider: q.Provider, Item: q.Item, SubjectCode: q.SubjectCode,
		SubjectName: q.SubjectName, Reason: q.Reason, Status: q.Status, ResolvedTo: q.ResolvedTo, Data: data}
}

type quarantineList struct {
	Items     []quarantinedResponse `json:"items"`
	NextAfter string                `json:"next_after"` // pass as after for the next page; "" at the end
}

// listQuarantine answers GET /api/v1/quarantine in ID order, a page at a
// time. A provider's staff see the rows of their own providers.
func (h *Handler) listQuarantine(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	limit, err := intParam(q, "limit", 100, 1, 500)
	if err != nil {
		return err
	}
	f := ingest.QuarantineFilter{Status: q.Get("status"), Provider: q.Get("provider"), Item: q.Get("item"), Limit: limit, After: q.Get("after")}
	switch f.Status {
	case "", ingest.QuarantineOpen, ingest.QuarantineResolved, ingest.QuarantineDiscarded:
	default:
		return apperr.Invalidf("status: 应为 open、resolved 或 discarded / must be open, resolved or discarded")
	}
	var providers []string // nil: no restriction
	if f.Provider != "" {
		if _, err := h.provider(r.Context(), f.Provider); err != nil {
			return err
		}
	} else if providers, err = h.visibleProviders(r.Context()); err != nil {
		return err
	}
	var rows []ingest.Quarantined
	if providers == nil {
		if rows, err = h.col.svc.Quarantine(r.Context(), f); err != nil {
			return err
		}
	}
	for _, code := range providers {
		f.Provider = code
		more, err := h.col.svc.Quarantine(r.Context(), f)
		if err != nil {
			return err
		}
		rows = append(rows, more...)
	}
	// Each list is in ID order after the same cursor, so the merged first
	// limit rows are the page.
	slices.SortFunc(rows, func(a, b ingest.Quarantined) int { return strings.Compare(a.ID, b.ID) })
	out := quarantineList{Items: []quarantinedResponse{}}
	for _, x := range rows[:min(len(rows), limit)] {
		out.Items = append(out.Items, toQuarantinedResponse(x))
	}
	if len(rows) >= limit {
		out.NextAfter = rows[limit-1].ID
	}
	return httpx.JSON(w, http.StatusOK, out)
}

type resolveRequest struct {
	USCC string `json:"uscc"`
}

// resolveQuarantined answers POST /api/v1/quarantine/{id}/resolve: the
// operator names the enterprise; the row is stored as a record of it.
func (h *Handler) resolveQuarantined(w http.ResponseWriter, r *http.Request) error {
	var in resolveRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.USCC == "" {
		return apperr.Invalidf("uscc: 请填写统一社会信用代码；不属于本节点的行请用 discard / give the unified code; use discard for a row about no enterprise here")
	}
	q, err := h.col.svc.ResolveQuarantined(r.Context(), r.PathValue("id"), in.USCC)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toQuarantinedResponse(q))
}

// discardQuarantined answers POST /api/v1/quarantine/{id}/discard: the
// row is about no enterprise of this node.
func (h *Handler) discardQuarantined(w http.ResponseWriter, r *http.Request) error {
	q, err := h.col.svc.ResolveQuarantined(r.Context(), r.PathValue("id"), "")
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toQuarantinedResponse(q))
}
