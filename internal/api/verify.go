// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/verify"
)

// Verify is what the API needs from verification (数据核验).
// *verify.Service implements it; it applies the limits and asks the gate,
// the API only maps requests.
type Verify interface {
	// Templates returns the published templates.
	Templates() []verify.Template
	// Verify answers one question. Returns Invalid, NotFound, TooMany
	// (a daily limit) or Forbidden (the gate, or threshold walking).
	Verify(ctx context.Context, ask verify.Ask) (verify.Answer, error)
	// Alerts lists threshold-walking alerts. Returns Forbidden.
	Alerts(ctx context.Context, f verify.AlertFilter) ([]verify.Alert, error)
	// VerifierKey returns the key that checks receipts.
	VerifierKey() string
}

var _ Verify = (*verify.Service)(nil)

// verifiers ask verifications: the institutions' query officers and
// approvers, under the enterprise's authorization.
var verifiers = []access.Role{access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}

var errNoVerify = apperr.E(apperr.Unavailable, "本节点未启用数据核验 / verification is not enabled on this node", nil)

// verificationRequest is the body of POST /api/v1/verifications.
type verificationRequest struct {
	USCC     string          `json:"uscc"`
	Template string          `json:"template"`
	Params   json.RawMessage `json:"params"`
	Purpose  string          `json:"purpose"`
}

// verificationResponse is all a verification answers: never a value.
type verificationResponse struct {
	Result     string    `json:"result"` // yes or no
	Template   string    `json:"template"`
	AsOf       time.Time `json:"as_of"`
	Receipt    string    `json:"receipt"`
	AuditIndex int64     `json:"audit_index"`
}

// createVerification answers POST /api/v1/verifications.
func (h *Handler) createVerification(w http.ResponseWriter, r *http.Request) error {
	if h.verify == nil {
		return errNoVerify
	}
	var in verificationRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	a, err := h.verify.Verify(r.Context(), verify.Ask{USCC: in.USCC, Template: in.Template, Params: in.Params, Purpose: in.Purpose})
	if err != nil {
		return err
	}
	res := "no"
	if a.Result {
		res = "yes"
	}
	return httpx.JSON(w, http.StatusOK, verificationResponse{Result: res, Template: a.Template, AsOf: a.AsOf,
		Receipt: a.Receipt, AuditIndex: a.AuditIndex})
}

// templateList is the answer of GET /api/v1/verification-templates.
type templateList struct {
	Items []verify.Template `json:"items"`
}

// listVerificationTemplates answers GET /api/v1/verification-templates.
func (h *Handler) listVerificationTemplates(w http.ResponseWriter, r *http.Request) error {
	if h.verify == nil {
		return errNoVerify
	}
	ts := h.verify.Templates()
	for i := range ts {
		if ts[i].Params == nil {
			ts[i].Params = []verify.Param{}
		}
	}
	return httpx.JSON(w, http.StatusOK, templateList{Items: ts})
}

// alertList is the answer of GET /api/v1/verification-alerts.
type alertList struct {
	Items []verify.Alert `json:"items"`
}

// listVerificationAlerts answers GET /api/v1/verification-alerts.
func (h *Handler) listVerificationAlerts(w http.ResponseWriter, r *http.Request) error {
	if h.verify == nil {
		return errNoVerify
	}
	q := r.URL.Query()
	f := verify.AlertFilter{OrgID: q.Get("institution_org_id"), USCC: q.Get("uscc")}
	if s := q.Get("limit"); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 || n > 1000 {
			return apperr.Invalidf("limit: 须为 1–1000 / must be 1–1000")
		}
		f.Limit = n
	}
	as, err := h.verify.Alerts(r.Context(), f)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, alertList{Items: as})
}

// getVerifyVerifierKey answers GET /api/v1/verification/verifier-key. It
// is public: the key only checks signatures.
func (h *Handler) getVerifyVerifierKey(w http.ResponseWriter, r *http.Request) error {
	if h.verify == nil {
		return errNoVerify
	}
	return httpx.JSON(w, http.StatusOK, map[string]string{"verifier_key": h.verify.VerifierKey(),
		"format": "C2SP signed-note verifier key (Ed25519): name+hash+key"})
}
