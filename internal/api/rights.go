// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"net/http"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/score"
)

// Rights is what the API needs from the rights service: objections
// (异议申诉), credit repair (信用修复) and in-app notifications.
// *rights.Service implements it and decides who may do what.
type Rights interface {
	File(ctx context.Context, in rights.NewObjection) (rights.Objection, error)
	Accept(ctx context.Context, id, selfCheck string) (rights.Objection, error)
	Reject(ctx context.Context, id, reason string) (rights.Objection, error)
	Decide(ctx context.Context, id string, out rights.Outcome, note string) (rights.Objection, error)
	GetObjection(ctx context.Context, id string) (rights.Objection, error)
	ListObjections(ctx context.Context, f rights.Filter) ([]rights.Objection, error)
	Apply(ctx context.Context, in rights.NewRepair) (rights.Repair, error)
	DecideRepair(ctx context.Context, id string, grant bool, note string) (rights.Repair, error)
	ListRepairs(ctx context.Context, f rights.Filter) ([]rights.Repair, error)
	Notifications(ctx context.Context, limit int) ([]rights.Notification, error)
	MarkRead(ctx context.Context, ids []string) (int, error)
	Changes(ctx context.Context, after int64, limit int) ([]rights.Change, error)
	AddRestructuring(ctx context.Context, in rights.NewRestructuring) (rights.Restructuring, error)
	Restructurings(ctx context.Context, uscc string) ([]rights.Restructuring, error)
	History(ctx context.Context, v *gate.View) (map[string][]rights.Version, error)
	OwnCode(ctx context.Context) (string, error)
	Evaluation(ctx context.Context) (score.Evaluation, bool, error)
	Explain(e score.Evaluation, lang string) string
}

var _ Rights = (*rights.Service)(nil)

var errNoRights = apperr.E(apperr.Unavailable, "本节点未启用异议和信用修复 / objections and credit repair are not enabled on this node", nil)

// Role sets of the rights operations; the service checks which
// enterprise, provider or case each caller acts for.
var (
	// rightsFilers: the enterprise itself files objections and repairs.
	rightsFilers = []access.Role{access.RoleEnterpriseAdmin, access.RoleEnterpriseStaff}
	// rightsReaders: the enterprise, the provider's staff, the operators.
	rightsReaders = []access.Role{access.RoleOperator, access.RoleOperatorAdmin, access.RoleProviderAdmin,
		access.RoleProviderSubmitter, access.RoleEnterpriseAdmin, access.RoleEnterpriseStaff}
	// rightsOperators accept or reject objections.
	rightsOperators = []access.Role{access.RoleOperator, access.RoleOperatorAdmin}
	// rightsDeciders: the provider that made the finding, or operators.
	rightsDeciders = []access.Role{access.RoleOperator, access.RoleOperatorAdmin, access.RoleProviderAdmin, access.RoleProviderSubmitter}
)

type objectionRequest struct {
	RecordID     string `json:"record_id"`
	EvaluationID string `json:"evaluation_id"` // instead of record_id: the latest credit evaluation
	Reasons      string `json:"reasons"`
	Evidence     string `json:"evidence"`
}

type acceptRequest struct {
	SelfCheck string `json:"self_check"`
}

type rejectRequest struct {
	Reason string `json:"reason"`
}

type decideObjectionRequest struct {
	Outcome string `json:"outcome"`
	Note    string `json:"note"`
}

type repairRequest struct {
	RecordID   string `json:"record_id"`
	Evidence   string `json:"evidence"`
	Commitment string `json:"commitment"`
}

type decideRepairRequest struct {
	Decision string `json:"decision"` // grant or refuse
	Note     string `json:"note"`
}

func (h *Handler) rightsOn() error {
	if h.rights == nil {
		return errNoRights
	}
	return nil
}

// fileObjection answers POST /api/v1/objections.
func (h *Handler) fileObjection(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	var in objectionRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	o, err := h.rights.File(r.Context(), rights.NewObjection{RecordID: in.RecordID, EvaluationID: in.EvaluationID, Reasons: in.Reasons, Evidence: in.Evidence})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/objections/"+o.ID)
	return httpx.JSON(w, http.StatusCreated, toObjection(o))
}

// listObjections answers GET /api/v1/objections.
func (h *Handler) listObjections(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	os, err := h.rights.ListObjections(r.Context(), rights.Filter{Status: rights.Status(r.URL.Query().Get("status"))})
	if err != nil {
		return err
	}
	out := objectionList{Items: make([]objectionResponse, len(os))}
	for i, o := range os {
		out.Items[i] = toObjection(o)
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// getObjection answers GET /api/v1/objections/{id}.
func (h *Handler) getObjection(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	o, err := h.rights.GetObjection(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toObjection(o))
}

// objectionStep answers the accept, reject and decide operations.
func (h *Handler) objectionStep(verb string) httpx.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if err := h.rightsOn(); err != nil {
			return err
		}
		ctx, id := r.Context(), r.PathValue("id")
		var o rights.Objection
		var err error
		switch verb {
		case "accept":
			var in acceptRequest
			if err := httpx.DecodeJSON(w, r, &in); err != nil {
				return err
			}
			o, err = h.rights.Accept(ctx, id, in.SelfCheck)
		case "reject":
			var in rejectRequest
			if err := httpx.DecodeJSON(w, r, &in); err != nil {
				return err
			}
			o, err = h.rights.Reject(ctx, id, in.Reason)
		default:
			var in decideObjectionRequest
			if err := httpx.DecodeJSON(w, r, &in); err != nil {
				return err
			}
			o, err = h.rights.Decide(ctx, id, rights.Outcome(in.Outcome), in.Note)
		}
		if err != nil {
			return err
		}
		return httpx.JSON(w, http.StatusOK, toObjection(o))
	}
}

// applyRepair answers POST /api/v1/repairs.
func (h *Handler) applyRepair(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	var in repairRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	x, err := h.rights.Apply(r.Context(), rights.NewRepair{RecordID: in.RecordID, Evidence: in.Evidence, Commitment: in.Commitment})
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusCreated, toRepair(x))
}

// listRepairs answers GET /api/v1/repairs.
func (h *Handler) listRepairs(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	rs, err := h.rights.ListRepairs(r.Context(), rights.Filter{Status: rights.Status(r.URL.Query().Get("status"))})
	if err != nil {
		return err
	}
	out := repairList{Items: make([]repairResponse, len(rs))}
	for i, x := range rs {
		out.Items[i] = toRepair(x)
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// decideRepair answers POST /api/v1/repairs/{id}/decide.
func (h *Handler) decideRepair(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	var in decideRepairRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Decision != "grant" && in.Decision != "refuse" {
		return apperr.Invalidf("decision: 应为 grant 或 refuse / must be grant or refuse")
	}
	x, err := h.rights.DecideRepair(r.Context(), r.PathValue("id"), in.Decision == "grant", in.Note)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toRepair(x))
}

// listNotifications answers GET /api/v1/notifications.
func (h *Handler) listNotifications(w http.ResponseWriter, r *http.Request) error {
	if err := h.rightsOn(); err != nil {
		return err
	}
	ns, err := h.rights.Notifications(r.Context(), 100)
	if err != nil {
		return err
	}
	out := notificationList{Items: make([]notificationResponse, len(ns))}
	for i, n := range ns {
		out.Items[i] = notificationResponse{ID: n.ID, USCC: n.USCC, Kind: n.Kind, CaseID: n.CaseID, Text: n.Text, CreatedAt: n.CreatedAt,
			ReadAt: timeOrNil(n.ReadAt), Channels: n.Channels}
	}
	return httpx.JSON(w, http.StatusOK, out)
}
