// SPDX-License-Identifier: Apache-2.0

package api

import (
	"net/http"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/rights"
)

// rightsAnnotators add 破产重整 annotations: operators and providers (the
// courts deliver as providers).
var rightsAnnotators = []access.Role{access.RoleOperator, access.RoleOperatorAdmin, access.RoleProviderAdmin, access.RoleProviderSubmitter}

// rightsFollowers read the rights outbox: operators (and the peer-node
// sync running as one) and institutions, for the changes they were told of.
var rightsFollowers = []access.Role{access.RoleOperator, access.RoleOperatorAdmin, access.RoleInstitutionAdmin, access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}

type markReadRequest struct {
	IDs []string `json:"ids"` // empty: all
}

type markReadResponse struct {
	Marked int `json:"marked"`
}

type restructuringRequest struct {
	USCC       string `json:"uscc"`
	Court      string `json:"court"`
	CaseNo     string `json:"case_no"`
	ApprovedOn string `json:"approved_on"`
	Note       string `json:"note"`
}

type restructuringList struct {
	Items []restructuringResponse `json:"items"`
}

// rightsChangeResponse is one entry of the rights outbox.
type rightsChangeResponse struct {
	Seq       int64     `json:"seq"`
	Kind      string    `json:"kind"`
	USCC      string    `json:"uscc"`
	RecordID  string    `json:"record_id,omitempty"`
	Item      string    `json:"item,omitempty"`
	Provider  string    `json:"provider,omitempty"`
	CaseID    string    `json:"case_id"`
	Outcome   string    `json:"outcome"`
	CreatedAt time.Time `json:"created_at"`
}

type rightsChangeList struct {
	Items []rightsChangeResponse `json:"items"`
	Next  int64                  `json:"next"` // the after of the next page
}

// markNotificationsRead answers POST /api/v1/notifications/read.
func (h *Handler) markNotificationsRead(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	var in markReadRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	n, err := h.rights.MarkRead(r.Context(), in.IDs)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, markReadResponse{Marked: n})
}

// addRestructuring answers POST /api/v1/restructurings.
func (h *Handler) addRestructuring(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	var in restructuringRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	x, err := h.rights.AddRestructuring(r.Context(), rights.NewRestructuring{USCC: in.USCC, Court: in.Court, CaseNo: in.CaseNo,
		ApprovedOn: in.ApprovedOn, Note: in.Note})
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusCreated, toRestructuring(x))
}

// listRestructurings answers GET /api/v1/restructurings?uscc=.
func (h *Handler) listRestructurings(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	code := r.URL.Query().Get("uscc")
	if code == "" {
		return apperr.Invalidf("uscc: 必填 / required")
	}
	xs, err := h.rights.Restructurings(r.Context(), code)
	if err != nil {
		return err
	}
	out := restructuringList{Items: make([]restructuringResponse, len(xs))}
	for i, x := range xs {
		out.Items[i] = toRestructuring(x)
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// listRightsChanges answers GET /api/v1/rights/changes?after=.
func (h *Handler) listRightsChanges(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	var after int64
	if s := r.URL.Query().Get("after"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return apperr.Invalidf("after: 应为非负整数 / must be a non-negative integer")
		}
		after = n
	}
	cs, err := h.rights.Changes(r.Context(), after, 100)
	if err != nil {
		return err
	}
	out := rightsChangeList{Items: make([]rightsChangeResponse, len(cs)), Next: after}
	for i, c := range cs {
		out.Items[i] = rightsChangeResponse{Seq: c.Seq, Kind: c.Kind, USCC: c.USCC, RecordID: c.RecordID, Item: c.Item,
			Provider: c.Provider, CaseID: c.CaseID, Outcome: c.Outcome, CreatedAt: c.CreatedAt}
		out.Next = c.Seq
	}
	return httpx.JSON(w, http.StatusOK, out)
}
