// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/subject"
)

// Gate is the one door for enterprise information. *gate.Gate
// implements it. Every handler that returns anything about one enterprise
// beyond a search hit goes through it.
type Gate interface {
	Release(ctx context.Context, req gate.Request, seal gate.Seal) (*gate.View, error)
	// Searched logs a search of the register before its hits are sent.
	Searched(ctx context.Context, filter string, hits int) error
}

// accessInfo says under what the information was released.
type accessInfo struct {
	Purpose        string    `json:"purpose"`
	AsOf           time.Time `json:"as_of"`
	AuditIndex     int64     `json:"audit_index"`
	Authorizations []string  `json:"authorizations"`
}

func accessOf(v *gate.View) accessInfo {
	return accessInfo{Purpose: v.Purpose, AsOf: v.At, AuditIndex: v.AuditIndex, Authorizations: append([]string{}, v.Authorizations...)}
}

// itemAccess is one catalog item of a profile: counts only.
type itemAccess struct {
	Item     string `json:"item"`
	Name     string `json:"name"`
	Category string `json:"category"`
	Status   string `json:"status"` // shown, withheld, verify_only
	Records  int    `json:"records"`
	Note     string `json:"note,omitempty"`
}

// profileResponse is an enterprise's registration with, per item, how
// many records the caller may read.
type profileResponse struct {
	enterpriseResponse
	Access accessInfo   `json:"access"`
	Items  []itemAccess `json:"items"`
}

func itemStatus(iv gate.ItemView) string {
	switch {
	case iv.Shown():
		return "shown"
	case iv.VerifyOnly:
		return "verify_only"
	}
	return "withheld"
}

// checkCode refuses a malformed unified code with the position and the
// expected character, rather than reporting it as not found.
func checkCode(code string) error {
	if subject.LegacyKind(code) != "" {
		return nil
	}
	return subject.Check(code, subject.CheckOptions{AcceptPilot: true}).Err()
}

// getEnterprise answers GET /api/v1/enterprises/{uscc}?purpose=: the
// registration and, per item, the number of records the caller may read.
func (h *Handler) getEnterprise(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("uscc")
	if err := checkCode(code); err != nil {
		return err
	}
	v, err := h.gate.Release(r.Context(), gate.Request{Action: gate.ActionProfile, Subject: code,
		Purpose: r.URL.Query().Get("purpose")}, nil)
	if err != nil {
		return err
	}
	out := profileResponse{enterpriseResponse: toEnterpriseResponse(v.Subject), Access: accessOf(v), Items: []itemAccess{}}
	for _, iv := range v.Items {
		n := 0
		for _, rec := range iv.Records {
			if rec.Hidden == "" {
				n++
			}
		}
		out.Items = append(out.Items, itemAccess{Item: iv.Item.Code, Name: iv.Item.Name, Category: iv.Item.Category,
			Status: itemStatus(iv), Records: n, Note: iv.Withheld})
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// recordsResponse is the detail of the items asked for.
type recordsResponse struct {
	USCC   string        `json:"uscc"`
	Name   string        `json:"name"`
	Access accessInfo    `json:"access"`
	Items  []itemRecords `json:"items"`
}

type itemRecords struct {
	Item    string        `json:"item"`
	Name    string        `json:"name"`
	Note    string        `json:"note,omitempty"`
	Fields  []fieldBrief  `json:"fields"`
	Records []recordBrief `json:"records"`
}

type fieldBrief struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type recordBrief struct {
	ID           string            `json:"id"`
	Version      int               `json:"version"`
	Data         map[string]string `json:"data"`
	Provider     string            `json:"provider"`
	SourceTime   string            `json:"source_time,omitempty"`
	ReceivedAt   time.Time         `json:"received_at"`
	PublicityEnd string            `json:"publicity_end,omitempty"`
	Hidden       string            `json:"hidden,omitempty"`
}

// getRecords answers GET /api/v1/enterprises/{uscc}/records?item=…&purpose=:
// the current records of the named items, all or nothing.
func (h *Handler) getRecords(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("uscc")
	if err := checkCode(code); err != nil {
		return err
	}
	items := r.URL.Query()["item"]
	if len(items) == 0 || len(items) > 20 {
		return apperr.Invalidf("item: 请指明1–20个信息项 / name 1 to 20 items")
	}
	v, err := h.gate.Release(r.Context(), gate.Request{Action: gate.ActionQuery, Subject: code, Items: items,
		Purpose: r.URL.Query().Get("purpose")}, nil)
	if err != nil {
		return err
	}
	out := recordsResponse{USCC: v.Subject.USCC, Name: v.Subject.Name, Access: accessOf(v), Items: []itemRecords{}}
	for _, iv := range v.Items {
		ir := itemRecords{Item: iv.Item.Code, Name: iv.Item.Name, Note: iv.Withheld, Fields: []fieldBrief{}, Records: []recordBrief{}}
		for _, f := range iv.Fields {
			ir.Fields = append(ir.Fields, fieldBrief{Code: f.Code, Name: f.Name})
		}
		for _, rec := range iv.Records {
			rb := recordBrief{ID: rec.ID, Version: rec.Version, Data: rec.Data, Provider: rec.Provider,
				SourceTime: rec.SourceTime, ReceivedAt: rec.ReceivedAt.UTC(), Hidden: rec.Hidden}
			if !rec.PublicityEnd.IsZero() {
				rb.PublicityEnd = rec.PublicityEnd.Format(time.DateOnly)
			}
			ir.Records = append(ir.Records, rb)
		}
		out.Items = append(out.Items, ir)
	}
	return httpx.JSON(w, http.StatusOK, out)
}
