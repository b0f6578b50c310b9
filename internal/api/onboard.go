// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/onboard"
)

// Onboard is what the API needs from onboarding (接入管理).
// *onboard.Service implements it; see there for the rules and errors.
type Onboard interface {
	Apply(ctx context.Context, in onboard.NewApplication) (onboard.Application, error)
	Mine(ctx context.Context) (onboard.Application, error)
	Get(ctx context.Context, id string) (onboard.Application, error)
	List(ctx context.Context, f onboard.Filter) ([]onboard.Application, error)
	StartAssessment(ctx context.Context, id string) (onboard.Application, error)
	Assess(ctx context.Context, id string, in onboard.NewAssessment) (onboard.Application, error)
	Approve(ctx context.Context, id string, in onboard.NewAgreement) (onboard.Application, error)
	Sign(ctx context.Context, id string, version int, commitment string) (onboard.Application, error)
	Activate(ctx context.Context, id string) (onboard.Application, error)
	Suspend(ctx context.Context, id string) (onboard.Application, error)
	Reinstate(ctx context.Context, id string) (onboard.Application, error)
	Revoke(ctx context.Context, id string) (onboard.Application, error)
	SetLimits(ctx context.Context, id string, l onboard.Limits) (onboard.Application, error)
}

var _ Onboard = (*onboard.Service)(nil)

// The roles of the onboarding operations, as the service checks them.
var (
	onboardOperators = []access.Role{access.RoleOperatorAdmin, access.RoleOperator}
	onboardAdmins    = []access.Role{access.RoleOperatorAdmin}
	institutionAdmin = []access.Role{access.RoleInstitutionAdmin}
	onboardViewers   = []access.Role{access.RoleOperatorAdmin, access.RoleOperator, access.RoleInstitutionAdmin,
		access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}
	institutionStaff = []access.Role{access.RoleInstitutionAdmin, access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}
)

type applyRequest struct {
	InstitutionType string `json:"institution_type"`
	LicenceNumber   string `json:"licence_number"`
	ContactName     string `json:"contact_name"`
	ContactPhone    string `json:"contact_phone"`
}

type checklistRequest struct {
	Code     string `json:"code"`
	Evidence string `json:"evidence"`
	Result   string `json:"result"`
	Reviewer string `json:"reviewer"`
}

type assessRequest struct {
	Checks    []checklistRequest `json:"checks"`
	ExpiresAt time.Time          `json:"expires_at"`
}

type limitsJSON struct {
	RatePerSecond int `json:"rate_per_second"`
	Burst         int `json:"burst"`
	DailyQuota    int `json:"daily_quota"`
}

type approveRequest struct {
	Categories []string   `json:"categories"`
	Items      []string   `json:"items"`
	Purposes   []string   `json:"purposes"`
	From       time.Time  `json:"from"`
	Until      time.Time  `json:"until"`
	Limits     limitsJSON `json:"limits"`
}

type signRequest struct {
	Version    int    `json:"version"`
	Commitment string `json:"commitment"`
}

func (h *Handler) applyOnboarding(w http.ResponseWriter, r *http.Request) error {
	var in applyRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	a, err := h.onboard.Apply(r.Context(), onboard.NewApplication{InstitutionType: onboard.InstitutionType(in.InstitutionType),
		LicenceNumber: in.LicenceNumber, ContactName: in.ContactName, ContactPhone: in.ContactPhone})
	return h.answerApplication(w, http.StatusCreated, a, err)
}

func (h *Handler) listApplications(w http.ResponseWriter, r *http.Request) error {
	list, err := h.onboard.List(r.Context(), onboard.Filter{Status: onboard.Status(r.URL.Query().Get("status")), Limit: 500})
	if err != nil {
		return err
	}
	out := applicationList{Applications: make([]applicationResponse, len(list))}
	for i, a := range list {
		out.Applications[i] = toApplicationResponse(a)
	}
	return httpx.JSON(w, http.StatusOK, out)
}

func (h *Handler) myApplication(w http.ResponseWriter, r *http.Request) error {
	a, err := h.onboard.Mine(r.Context())
	return h.answerApplication(w, http.StatusOK, a, err)
}

func (h *Handler) getApplication(w http.ResponseWriter, r *http.Request) error {
	a, err := h.onboard.Get(r.Context(), r.PathValue("id"))
	return h.answerApplication(w, http.StatusOK, a, err)
}

func (h *Handler) assessApplication(w http.ResponseWriter, r *http.Request) error {
	var in assessRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	na := onboard.NewAssessment{ExpiresAt: in.ExpiresAt}
	for _, c := range in.Checks {
		na.Checks = append(na.Checks, onboard.CheckResult{Code: c.Code, Evidence: c.Evidence, Result: onboard.Result(c.Result), Reviewer: c.Reviewer})
	}
	a, err := h.onboard.Assess(r.Context(), r.PathValue("id"), na)
	return h.answerApplication(w, http.StatusOK, a, err)
}

func (h *Handler) approveAgreement(w http.ResponseWriter, r *http.Request) error {
	var in approveRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	a, err := h.onboard.Approve(r.Context(), r.PathValue("id"), onboard.NewAgreement{Categories: in.Categories, Items: in.Items,
		Purposes: in.Purposes, From: in.From, Until: in.Until, Limits: onboard.Limits(in.Limits)})
	return h.answerApplication(w, http.StatusOK, a, err)
}

func (h *Handler) signAgreement(w http.ResponseWriter, r *http.Request) error {
	var in signRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	a, err := h.onboard.Sign(r.Context(), r.PathValue("id"), in.Version, in.Commitment)
	return h.answerApplication(w, http.StatusOK, a, err)
}

func (h *Handler) setOnboardLimits(w http.ResponseWriter, r *http.Request) error {
	var in limitsJSON
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	a, err := h.onboard.SetLimits(r.Context(), r.PathValue("id"), onboard.Limits(in))
	return h.answerApplication(w, http.StatusOK, a, err)
}

// The body-less transitions.
func (h *Handler) startAssessment(w http.ResponseWriter, r *http.Request) error {
	return h.step(w, r, h.onboard.StartAssessment)
}

func (h *Handler) activateApplication(w http.ResponseWriter, r *http.Request) error {
	return h.step(w, r, h.onboard.Activate)
}

func (h *Handler) suspendApplication(w http.ResponseWriter, r *http.Request) error {
	return h.step(w, r, h.onboard.Suspend)
}

func (h *Handler) reinstateApplication(w http.ResponseWriter, r *http.Request) error {
	return h.step(w, r, h.onboard.Reinstate)
}

func (h *Handler) revokeApplication(w http.ResponseWriter, r *http.Request) error {
	return h.step(w, r, h.onboard.Revoke)
}

func (h *Handler) step(w http.ResponseWriter, r *http.Request, fn func(context.Context, string) (onboard.Application, error)) error {
	a, err := fn(r.Context(), r.PathValue("id"))
	return h.answerApplication(w, http.StatusOK, a, err)
}

func (h *Handler) answerApplication(w http.ResponseWriter, status int, a onboard.Application, err error) error {
	if err != nil {
		return err
	}
	return httpx.JSON(w, status, toApplicationResponse(a))
}
