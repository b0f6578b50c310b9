// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/httpx"
)

// Consent is what the API needs from the consent service: authorizations
// (授权) and their signed receipts. *consent.Service implements it; it
// decides who may do what, the API only maps requests.
type Consent interface {
	// Grant records an enterprise's authorization. Returns Forbidden or Invalid.
	Grant(ctx context.Context, t consent.Terms) (consent.Authorization, error)
	// Request records an institution's request. Returns Forbidden, Invalid or NotFound.
	Request(ctx context.Context, t consent.Terms) (consent.Authorization, error)
	// Approve, Decline and Revoke change the status. Return Forbidden,
	// NotFound or Conflict.
	Approve(ctx context.Context, id string) (consent.Authorization, error)
	Decline(ctx context.Context, id string) (consent.Authorization, error)
	Revoke(ctx context.Context, id string) (consent.Authorization, error)
	// Get returns one authorization the caller may see, or NotFound.
	Get(ctx context.Context, id string) (consent.Authorization, error)
	// List returns the caller's authorizations. Returns Forbidden.
	List(ctx context.Context, f consent.Filter) ([]consent.Authorization, error)
	// Receipt returns the signed receipt, or NotFound.
	Receipt(ctx context.Context, id string) ([]byte, error)
	// VerifierKey returns the key that checks receipts.
	VerifierKey() string
}

var _ Consent = (*consent.Service)(nil)

// Role sets of the authorization operations; the service checks which
// organization each caller acts for.
var (
	// consentReaders are the parties (enterprise, institution staff) and
	// the credit centre's operators.
	consentReaders = []access.Role{access.RoleOperator, access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover,
		access.RoleEnterpriseAdmin, access.RoleEnterpriseStaff}
	// consentCreators grant (an enterprise's administrator) or request
	// (an institution's query officers and approvers).
	consentCreators = []access.Role{access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover, access.RoleEnterpriseAdmin}
	// consentDeciders sign for the enterprise.
	consentDeciders = []access.Role{access.RoleEnterpriseAdmin}
)

// authorizationRequest is the body of POST /api/v1/authorizations.
type authorizationRequest struct {
	EnterpriseUSCC   string    `json:"enterprise_uscc"`
	InstitutionOrgID string    `json:"institution_org_id"`
	Scope            []string  `json:"scope"`
	Purpose          string    `json:"purpose"`
	PurposeText      string    `json:"purpose_text"`
	Mode             string    `json:"mode"`
	ValidFrom        time.Time `json:"valid_from"`
	ValidUntil       time.Time `json:"valid_until"`
}

func (in authorizationRequest) terms() consent.Terms {
	return consent.Terms{EnterpriseUSCC: in.EnterpriseUSCC, InstitutionOrgID: in.InstitutionOrgID, Scope: in.Scope,
		Purpose: consent.Purpose(in.Purpose), PurposeText: in.PurposeText, Mode: consent.Mode(in.Mode),
		ValidFrom: in.ValidFrom, ValidUntil: in.ValidUntil}
}

// createAuthorization answers POST /api/v1/authorizations: an enterprise
// grants, an institution requests.
func (h *Handler) createAuthorization(w http.ResponseWriter, r *http.Request) error {
	var in authorizationRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.ValidUntil.IsZero() {
		return apperr.Invalidf("valid_until: 截止时间必填（RFC 3339）/ required (RFC 3339)")
	}
	p, _ := access.PrincipalFrom(r.Context())
	create := h.consent.Request
	if p.IsOrgKind(access.OrgEnterprise) {
		create = h.consent.Grant
	}
	a, err := create(r.Context(), in.terms())
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/authorizations/"+a.ID)
	return httpx.JSON(w, http.StatusCreated, toAuthorizationResponse(a))
}

// listAuthorizations answers GET /api/v1/authorizations.
func (h *Handler) listAuthorizations(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	f := consent.Filter{EnterpriseUSCC: q.Get("uscc"), Status: consent.Status(q.Get("status"))}
	if f.Status != "" && !f.Status.Valid() {
		return apperr.Invalidf("status: 未知状态 %q / unknown status %q", f.Status, f.Status)
	}
	as, err := h.consent.List(r.Context(), f)
	if err != nil {
		return err
	}
	out := authorizationList{Items: make([]authorizationResponse, len(as))}
	for i, a := range as {
		out.Items[i] = toAuthorizationResponse(a)
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// getAuthorization answers GET /api/v1/authorizations/{id}.
func (h *Handler) getAuthorization(w http.ResponseWriter, r *http.Request) error {
	a, err := h.consent.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toAuthorizationResponse(a))
}

// decideAuthorization answers the approve, decline and revoke operations.
func (h *Handler) decideAuthorization(verb string) func(w http.ResponseWriter, r *http.Request) error {
	return func(w http.ResponseWriter, r *http.Request) error {
		fn := map[string]func(context.Context, string) (consent.Authorization, error){
			"approve": h.consent.Approve, "decline": h.consent.Decline, "revoke": h.consent.Revoke}[verb]
		a, err := fn(r.Context(), r.PathValue("id"))
		if err != nil {
			return err
		}
		return httpx.JSON(w, http.StatusOK, toAuthorizationResponse(a))
	}
}

// getReceipt answers GET /api/v1/authorizations/{id}/receipt with the
// signed note as text, exactly as signed.
func (h *Handler) getReceipt(w http.ResponseWriter, r *http.Request) error {
	b, err := h.consent.Receipt(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(b)
	return err
}

// getConsentVerifierKey answers GET /api/v1/consent/verifier-key. It is
// public: the key only checks signatures.
func (h *Handler) getConsentVerifierKey(w http.ResponseWriter, r *http.Request) error {
	return httpx.JSON(w, http.StatusOK, map[string]string{"verifier_key": h.consent.VerifierKey(),
		"format": "C2SP signed-note verifier key (Ed25519): name+hash+key"})
}

// authorizationResponse is an authorization as the API shows it: terms,
// status with labels, who decided and when. The receipt itself is served
// by its own operation.
type authorizationResponse struct {
	ID               string     `json:"id"`
	EnterpriseUSCC   string     `json:"enterprise_uscc"`
	EnterpriseOrgID  string     `json:"enterprise_org_id"`
	InstitutionOrgID string     `json:"institution_org_id"`
	Scope            []string   `json:"scope"`
	Purpose          string     `json:"purpose"`
	PurposeLabel     string     `json:"purpose_label"`
	PurposeLabelEN   string     `json:"purpose_label_en"`
	PurposeText      string     `json:"purpose_text,omitempty"`
	Mode             string     `json:"mode"`
	ValidFrom        time.Time  `json:"valid_from"`
	ValidUntil       time.Time  `json:"valid_until"`
	Status           string     `json:"status"`
	StatusLabel      string     `json:"status_label"`
	StatusLabelEN    string     `json:"status_label_en"`
	RequestedBy      string     `json:"requested_by,omitempty"`
	GrantedBy        string     `json:"granted_by,omitempty"`
	DecidedBy        string     `json:"decided_by,omitempty"`
	CreatedAt        time.Time  `json:"created_at"`
	UpdatedAt        time.Time  `json:"updated_at"`
	DecidedAt        *time.Time `json:"decided_at,omitempty"`
	ReceiptURL       string     `json:"receipt_url,omitempty"`
}

// authorizationList is the answer of GET /api/v1/authorizations.
type authorizationList struct {
	Items []authorizationResponse `json:"items"`
}

func toAuthorizationResponse(a consent.Authorization) authorizationResponse {
	out := authorizationResponse{ID: a.ID, EnterpriseUSCC: a.EnterpriseUSCC, EnterpriseOrgID: a.EnterpriseOrgID,
		InstitutionOrgID: a.InstitutionOrgID, Scope: a.Scope, Purpose: string(a.Purpose),
		PurposeLabel: a.Purpose.Label("zh"), PurposeLabelEN: a.Purpose.Label("en"), PurposeText: a.PurposeText,
		Mode: string(a.Mode), ValidFrom: a.ValidFrom, ValidUntil: a.ValidUntil, Status: string(a.Status),
		StatusLabel: a.Status.Label("zh"), StatusLabelEN: a.Status.Label("en"), RequestedBy: a.RequestedBy,
		GrantedBy: a.GrantedBy, DecidedBy: a.DecidedBy, CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
	if out.Scope == nil {
		out.Scope = []string{}
	}
	if !a.DecidedAt.IsZero() {
		d := a.DecidedAt
		out.DecidedAt = &d
	}
	if a.ReceiptNote != "" {
		out.ReceiptURL = "/api/v1/authorizations/" + a.ID + "/receipt"
	}
	return out
}
