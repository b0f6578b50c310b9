// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"errors"
	"io"
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/rights"
)

// Registrations is what the API needs for real-name registration (实名注册)
// and the enterprise administrator's staff accounts.
// *rights.Registrations implements it and decides who may do what.
type Registrations interface {
	Register(ctx context.Context, in rights.NewRegistration, ip string) (rights.Registration, error)
	Apply(ctx context.Context, in rights.NewRegistration, proof []byte, ip string) (rights.Registration, error)
	MaxProof() int
	Pending(ctx context.Context) ([]rights.Registration, error)
	Find(ctx context.Context, id string) (rights.Registration, error)
	Decide(ctx context.Context, id string, approve bool, reason string) (rights.Registration, error)
	Staff(ctx context.Context) ([]access.User, error)
	AddStaff(ctx context.Context, in rights.NewStaff) (access.User, error)
	RemoveStaff(ctx context.Context, userID string) error
}

var _ Registrations = (*rights.Registrations)(nil)

var errNoRegister = apperr.E(apperr.Unavailable, "本节点未开放企业注册 / registration is not enabled on this node", nil)

// Role sets of registration.
var (
	registerOperators = []access.Role{access.RoleOperator, access.RoleOperatorAdmin}
	enterpriseAdmins  = []access.Role{access.RoleEnterpriseAdmin}
)

type registrationRequest struct {
	USCC        string `json:"uscc"`
	RepName     string `json:"rep_name"`
	RepID       string `json:"rep_id"`
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Password    string `json:"password"`
}

// registrationResponse never carries the proof or the ID number.
type registrationResponse struct {
	ID        string     `json:"id"`
	USCC      string     `json:"uscc"`
	Username  string     `json:"username"`
	Method    string     `json:"method"`
	Status    string     `json:"status"`
	RepName   string     `json:"rep_name,omitempty"`
	ProofType string     `json:"proof_type,omitempty"`
	Reason    string     `json:"reason,omitempty"`
	CreatedAt time.Time  `json:"created_at"`
	DecidedAt *time.Time `json:"decided_at,omitempty"`
}

func toRegistration(r rights.Registration) registrationResponse {
	out := registrationResponse{ID: r.ID, USCC: r.USCC, Username: r.Username, Method: string(r.Method), Status: string(r.Status),
		RepName: r.RepName, ProofType: r.ProofType, Reason: r.Reason, CreatedAt: r.CreatedAt}
	if !r.DecidedAt.IsZero() {
		out.DecidedAt = &r.DecidedAt
	}
	return out
}

type registrationList struct {
	Items []registrationResponse `json:"items"`
}

type registrationDecision struct {
	Decision string `json:"decision"` // approve or reject
	Reason   string `json:"reason"`
}

type staffRequest struct {
	Username    string `json:"username"`
	DisplayName string `json:"display_name"`
	Password    string `json:"password"`
}

type staffResponse struct {
	ID          string   `json:"id"`
	Username    string   `json:"username"`
	DisplayName string   `json:"display_name"`
	Roles       []string `json:"roles"`
	Status      string   `json:"status"`
}

type staffList struct {
	Items []staffResponse `json:"items"`
}

func toStaff(u access.User) staffResponse {
	out := staffResponse{ID: u.ID, Username: u.Username, DisplayName: u.DisplayName, Status: string(u.Status), Roles: []string{}}
	for _, r := range u.Roles {
		out.Roles = append(out.Roles, string(r))
	}
	return out
}

func (h *Handler) registerOn() error {
	if h.regs == nil {
		return errNoRegister
	}
	return nil
}

// register answers POST /api/v1/registrations: self-registration matched
// against the registration record. Public; limited per code and address.
func (h *Handler) register(w http.ResponseWriter, r *http.Request) error {
	if err := h.registerOn(); err != nil {
		return err
	}
	var in registrationRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	reg, err := h.regs.Register(r.Context(), rights.NewRegistration{USCC: in.USCC, RepName: in.RepName, RepID: in.RepID,
		Username: in.Username, DisplayName: in.DisplayName, Password: in.Password}, httpx.LoginMeta(r, nil).IP)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusCreated, toRegistration(reg))
}

// applyRegistration answers POST /api/v1/registrations/proof: a
// multipart form with the fields of a registration and the file "proof".
func (h *Handler) applyRegistration(w http.ResponseWriter, r *http.Request) error {
	if err := h.registerOn(); err != nil {
		return err
	}
	in, proof, err := ReadProofForm(w, r, h.regs.MaxProof())
	if err != nil {
		return err
	}
	reg, err := h.regs.Apply(r.Context(), in, proof, httpx.LoginMeta(r, nil).IP)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusAccepted, toRegistration(reg))
}

// ReadProofForm reads a registration with proof from a multipart form:
// the fields uscc, rep_name, username, display_name, password and the file
// proof, bounded by max bytes (the UI shares it).
func ReadProofForm(w http.ResponseWriter, r *http.Request, max int) (rights.NewRegistration, []byte, error) {
	r.Body = http.MaxBytesReader(w, r.Body, int64(max)+64<<10)
	if err := r.ParseMultipartForm(int64(max) + 64<<10); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return rights.NewRegistration{}, nil, apperr.Invalidf("proof: 文件过大 / the file is too large")
		}
		return rights.NewRegistration{}, nil, apperr.E(apperr.Invalid, "需要 multipart/form-data 表单 / a multipart/form-data form is required", err)
	}
	in := rights.NewRegistration{USCC: r.FormValue("uscc"), RepName: r.FormValue("rep_name"), Username: r.FormValue("username"),
		DisplayName: r.FormValue("display_name"), Password: r.FormValue("password")}
	f, _, err := r.FormFile("proof")
	if err != nil {
		return in, nil, apperr.Invalidf("proof: 请上传证明材料 / upload the proof")
	}
	defer f.Close()
	proof, err := io.ReadAll(io.LimitReader(f, int64(max)+1))
	if err != nil {
		return in, nil, apperr.E(apperr.Invalid, "proof: 读取失败 / could not be read", err)
	}
	return in, proof, nil
}

// listRegistrations answers GET /api/v1/registrations: pending reviews.
func (h *Handler) listRegistrations(w http.ResponseWriter, r *http.Request) error {
	if err := h.registerOn(); err != nil {
		return err
	}
	regs, err := h.regs.Pending(r.Context())
	if err != nil {
		return err
	}
	out := registrationList{Items: make([]registrationResponse, len(regs))}
	for i, x := range regs {
		out.Items[i] = toRegistration(x)
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// getRegistrationProof answers GET /api/v1/registrations/{id}/proof with
// the uploaded file, as an attachment of its sniffed type.
func (h *Handler) getRegistrationProof(w http.ResponseWriter, r *http.Request) error {
	if err := h.registerOn(); err != nil {
		return err
	}
	reg, err := h.regs.Find(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if len(reg.Proof) == 0 {
		return apperr.NotFoundf("该注册没有证明材料 / this registration has no proof")
	}
	w.Header().Set("Content-Type", reg.ProofType)
	w.Header().Set("Content-Disposition", `attachment; filename="proof-`+reg.ID+`"`)
	w.Header().Set("X-Content-Type-Options", "nosniff")
	_, err = w.Write(reg.Proof)
	return err
}

// decideRegistration answers POST /api/v1/registrations/{id}/decide.
func (h *Handler) decideRegistration(w http.ResponseWriter, r *http.Request) error {
	if err := h.registerOn(); err != nil {
		return err
	}
	var in registrationDecision
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Decision != "approve" && in.Decision != "reject" {
		return apperr.Invalidf("decision: 应为 approve 或 reject / must be approve or reject")
	}
	reg, err := h.regs.Decide(r.Context(), r.PathValue("id"), in.Decision == "approve", in.Reason)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toRegistration(reg))
}

// listStaff answers GET /api/v1/staff.
func (h *Handler) listStaff(w http.ResponseWriter, r *http.Request) error {
	if err := h.registerOn(); err != nil {
		return err
	}
	us, err := h.regs.Staff(r.Context())
	if err != nil {
		return err
	}
	out := staffList{Items: make([]staffResponse, len(us))}
	for i, u := range us {
		out.Items[i] = toStaff(u)
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// addStaff answers POST /api/v1/staff.
func (h *Handler) addStaff(w http.ResponseWriter, r *http.Request) error {
	if err := h.registerOn(); err != nil {
		return err
	}
	var in staffRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	u, err := h.regs.AddStaff(r.Context(), rights.NewStaff{Username: in.Username, DisplayName: in.DisplayName, Password: in.Password})
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusCreated, toStaff(u))
}

// removeStaff answers DELETE /api/v1/staff/{id}.
func (h *Handler) removeStaff(w http.ResponseWriter, r *http.Request) error {
	if err := h.registerOn(); err != nil {
		return err
	}
	if err := h.regs.RemoveStaff(r.Context(), r.PathValue("id")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
