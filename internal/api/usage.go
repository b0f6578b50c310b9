// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/usage"
)

// Usage is what the API needs from the usage service: access logs
// (查询记录) and providers' usage feedback (信息使用情况反馈).
// *usage.Service implements it and decides who sees what.
type Usage interface {
	// AccessLog returns a page of accesses. Returns Forbidden or Invalid.
	AccessLog(ctx context.Context, q usage.LogQuery) (usage.LogPage, error)
	// Usage returns a month of usage feedback. Returns Forbidden or Invalid.
	Usage(ctx context.Context, month, provider string) (usage.Feedback, error)
}

var _ Usage = (*usage.Service)(nil)

var errNoUsage = apperr.E(apperr.Unavailable, "本节点未启用使用情况反馈 / usage feedback is not enabled on this node", nil)

// Role sets of the usage operations.
var (
	// accessLogReaders: the enterprise itself, institutions for their own
	// accesses, the credit centre for any enterprise.
	accessLogReaders = []access.Role{access.RoleOperator, access.RoleOperatorAdmin, access.RoleInstitutionAdmin,
		access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover, access.RoleEnterpriseAdmin, access.RoleEnterpriseStaff}
	// usageReaders: a provider's staff for their providers, the credit
	// centre for any.
	usageReaders = []access.Role{access.RoleOperator, access.RoleOperatorAdmin, access.RoleProviderAdmin, access.RoleProviderSubmitter}
)

// accessEntry is one access in the log.
type accessEntry struct {
	Index          int64       `json:"index"`
	Time           time.Time   `json:"time"`
	Action         string      `json:"action"`
	ActionLabel    string      `json:"action_label"`
	ActionLabelEN  string      `json:"action_label_en"`
	USCC           string      `json:"uscc"`
	OrgID          string      `json:"org_id"`
	OrgName        string      `json:"org_name"`
	OrgKind        string      `json:"org_kind"`
	Role           string      `json:"role"`
	RoleLabel      string      `json:"role_label"`
	RoleLabelEN    string      `json:"role_label_en"`
	ActorID        string      `json:"actor_id,omitempty"`
	Items          []usageItem `json:"items"`
	Purpose        string      `json:"purpose"`
	PurposeLabel   string      `json:"purpose_label"`
	PurposeLabelEN string      `json:"purpose_label_en"`
	Authorizations []string    `json:"authorizations"`
	Outcome        string      `json:"outcome"`
	Report         string      `json:"report,omitempty"`
}

type usageItem struct {
	Code   string `json:"code"`
	Name   string `json:"name"`
	NameEN string `json:"name_en"`
}

// accessLogResponse is the answer of GET /api/v1/access-log.
type accessLogResponse struct {
	Items      []accessEntry `json:"items"`
	NextBefore *int64        `json:"next_before"`
}

// getAccessLog answers GET /api/v1/access-log.
func (h *Handler) getAccessLog(w http.ResponseWriter, r *http.Request) error {
	if h.usage == nil {
		return errNoUsage
	}
	q := r.URL.Query()
	limit, err := intParam(q, "limit", 50, 1, 200)
	if err != nil {
		return err
	}
	lq := usage.LogQuery{USCC: q.Get("uscc"), Limit: limit}
	if s := q.Get("before"); s != "" {
		if lq.Before, err = strconv.ParseInt(s, 10, 64); err != nil || lq.Before < 1 {
			return apperr.Invalidf("before: 应为正整数 / must be a positive integer")
		}
	}
	switch q.Get("outcome") {
	case "", "all":
	case "denied":
		lq.DeniedOnly = true
	default:
		return apperr.Invalidf("outcome: 应为 all 或 denied / must be all or denied")
	}
	page, err := h.usage.AccessLog(r.Context(), lq)
	if err != nil {
		return err
	}
	out := accessLogResponse{Items: make([]accessEntry, 0, len(page.Entries))}
	if page.Next > 0 {
		out.NextBefore = &page.Next
	}
	for _, e := range page.Entries {
		out.Items = append(out.Items, toAccessEntry(e))
	}
	return httpx.JSON(w, http.StatusOK, out)
}

func toAccessEntry(e usage.Entry) accessEntry {
	out := accessEntry{Index: e.Index, Time: e.Time, Action: string(e.Action), ActionLabel: usage.ActionLabel(e.Action, "zh"),
		ActionLabelEN: usage.ActionLabel(e.Action, "en"), USCC: e.USCC, OrgID: e.OrgID, OrgName: e.OrgName,
		OrgKind: string(e.OrgKind), Role: string(e.Role), RoleLabel: e.Role.Label("zh"), RoleLabelEN: e.Role.Label("en"),
		ActorID: e.ActorID, Items: []usageItem{}, Purpose: e.Purpose, PurposeLabel: usage.PurposeLabel(e.Purpose, "zh"),
		PurposeLabelEN: usage.PurposeLabel(e.Purpose, "en"), Authorizations: e.Authorizations, Outcome: string(e.Outcome),
		Report: e.Report}
	if out.Authorizations == nil {
		out.Authorizations = []string{}
	}
	for _, it := range e.Items {
		out.Items = append(out.Items, usageItem{Code: it.Code, Name: it.Name, NameEN: it.NameEN})
	}
	return out
}

// usageResponse is the answer of GET /api/v1/usage.
type usageResponse struct {
	Month     string          `json:"month"`
	Providers []usageProvider `json:"providers"`
	Total     int64           `json:"total"`
	Items     []usageRow      `json:"items"`
}

type usageProvider struct {
	Code string `json:"code"`
	Name string `json:"name"`
}

type usageRow struct {
	Provider       string `json:"provider"`
	ProviderName   string `json:"provider_name"`
	OrgID          string `json:"org_id"`
	OrgName        string `json:"org_name"`
	OrgKind        string `json:"org_kind"`
	Item           string `json:"item"`
	ItemName       string `json:"item_name"`
	ItemNameEN     string `json:"item_name_en"`
	Purpose        string `json:"purpose"`
	PurposeLabel   string `json:"purpose_label"`
	PurposeLabelEN string `json:"purpose_label_en"`
	Action         string `json:"action"`
	ActionLabel    string `json:"action_label"`
	ActionLabelEN  string `json:"action_label_en"`
	Accesses       int64  `json:"accesses"`
}

// feedback reads the month and provider of a usage request.
func (h *Handler) feedback(r *http.Request) (usage.Feedback, error) {
	if h.usage == nil {
		return usage.Feedback{}, errNoUsage
	}
	return h.usage.Usage(r.Context(), r.URL.Query().Get("month"), r.URL.Query().Get("provider"))
}

// getUsage answers GET /api/v1/usage.
func (h *Handler) getUsage(w http.ResponseWriter, r *http.Request) error {
	fb, err := h.feedback(r)
	if err != nil {
		return err
	}
	out := usageResponse{Month: fb.Month, Total: fb.Total, Providers: []usageProvider{}, Items: []usageRow{}}
	for _, p := range fb.Providers {
		out.Providers = append(out.Providers, usageProvider{Code: p.Code, Name: p.Name})
	}
	for _, c := range fb.Rows {
		a := c.ActionOf()
		out.Items = append(out.Items, usageRow{Provider: c.Provider, ProviderName: c.ProviderName, OrgID: c.OrgID,
			OrgName: c.OrgName, OrgKind: string(c.OrgKind), Item: c.Item, ItemName: c.ItemName, ItemNameEN: c.ItemNameEN,
			Purpose: c.Purpose, PurposeLabel: usage.PurposeLabel(c.Purpose, "zh"), PurposeLabelEN: usage.PurposeLabel(c.Purpose, "en"),
			Action: c.Action, ActionLabel: usage.ActionLabel(a, "zh"), ActionLabelEN: usage.ActionLabel(a, "en"), Accesses: c.Accesses})
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// exportUsage answers GET /api/v1/usage.csv and .xlsx.
func (h *Handler) exportUsage(ext string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		fb, err := h.feedback(r)
		if err != nil {
			return err
		}
		return h.download(w, r, ext, "usage-"+fb.Month+"."+ext, func(w io.Writer) error {
			if ext == "xlsx" {
				return usage.WriteXLSX(w, fb)
			}
			return usage.WriteCSV(w, fb)
		})
	}
}
