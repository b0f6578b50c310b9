// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/rights"
)

// SelfReports is what the API needs for self-reported information with
// credit commitments. *rights.SelfReports implements it.
type SelfReports interface {
	Submit(ctx context.Context, in rights.NewSelfReport) (rights.SelfReport, error)
	List(ctx context.Context, uscc string) ([]rights.SelfReport, error)
	Get(ctx context.Context, id string) (rights.SelfReport, []rights.Contest, error)
	Verify(ctx context.Context, id string) (rights.Commitment, error)
	ContestSelfReport(ctx context.Context, id, reason string) (rights.Contest, error)
	DecideContest(ctx context.Context, contestID string, isFalse bool, note string) (rights.Contest, error)
	OpenContests(ctx context.Context) ([]rights.Contest, error)
	VerifierKey() string
}

var _ SelfReports = (*rights.SelfReports)(nil)

var errNoSelfReports = apperr.E(apperr.Unavailable, "本节点未开放自愿填报 / self-reporting is not enabled on this node", nil)

// Role sets of self-reporting.
var (
	selfReporters       = []access.Role{access.RoleEnterpriseAdmin, access.RoleEnterpriseStaff}
	selfReportReaders   = []access.Role{access.RoleOperator, access.RoleOperatorAdmin, access.RoleProviderAdmin, access.RoleProviderSubmitter, access.RoleEnterpriseAdmin, access.RoleEnterpriseStaff}
	selfReportContester = []access.Role{access.RoleOperator, access.RoleOperatorAdmin, access.RoleProviderAdmin, access.RoleProviderSubmitter}
)

type selfReportRequest struct {
	Kind string            `json:"kind"`
	Data map[string]string `json:"data"`
}

type selfReportResponse struct {
	ID                string            `json:"id"`
	USCC              string            `json:"uscc"`
	Kind              string            `json:"kind"`
	Item              string            `json:"item"`
	RecordID          string            `json:"record_id"`
	Data              map[string]string `json:"data"`
	Status            string            `json:"status"`
	CommitmentVersion string            `json:"commitment_version"`
	Commitment        string            `json:"commitment"` // the signed note
	SubmissionHash    string            `json:"submission_sha256"`
	CreatedAt         time.Time         `json:"created_at"`
	Contests          []contestResponse `json:"contests,omitempty"`
}

type contestResponse struct {
	ID           string     `json:"id"`
	SelfReportID string     `json:"self_report_id"`
	USCC         string     `json:"uscc"`
	Reason       string     `json:"reason"`
	Status       string     `json:"status"`
	DecisionNote string     `json:"decision_note,omitempty"`
	CreatedAt    time.Time  `json:"created_at"`
	DecidedAt    *time.Time `json:"decided_at,omitempty"`
}

type selfReportList struct {
	Items []selfReportResponse `json:"items"`
}

type contestList struct {
	Items []contestResponse `json:"items"`
}

type contestRequest struct {
	Reason string `json:"reason"`
}

type contestDecision struct {
	Decision string `json:"decision"` // false or dismiss
	Note     string `json:"note"`
}

type commitmentTextResponse struct {
	Kind    string `json:"kind"`
	Item    string `json:"item"`
	Version string `json:"version"`
	ZH      string `json:"zh"`
	EN      string `json:"en"`
	SHA256  string `json:"sha256"`
}

func toSelfReport(s rights.SelfReport, cs []rights.Contest) selfReportResponse {
	out := selfReportResponse{ID: s.ID, USCC: s.USCC, Kind: string(s.Kind), Item: s.Item, RecordID: s.RecordID, Data: s.Data,
		Status: string(s.Status), CommitmentVersion: s.CommitmentVersion, Commitment: s.Commitment, SubmissionHash: s.SubmissionHash,
		CreatedAt: s.CreatedAt}
	for _, c := range cs {
		out.Contests = append(out.Contests, toContest(c))
	}
	return out
}

func toContest(c rights.Contest) contestResponse {
	out := contestResponse{ID: c.ID, SelfReportID: c.SelfReportID, USCC: c.USCC, Reason: c.Reason, Status: string(c.Status),
		DecisionNote: c.DecisionNote, CreatedAt: c.CreatedAt}
	if !c.DecidedAt.IsZero() {
		out.DecidedAt = &c.DecidedAt
	}
	return out
}

func (h *Handler) selfReportsOn() error {
	if h.selfReports == nil {
		return errNoSelfReports
	}
	return nil
}

// submitSelfReport answers POST /api/v1/self-reports.
func (h *Handler) submitSelfReport(w http.ResponseWriter, r *http.Request) error {
	if err := h.selfReportsOn(); err != nil {
		return err
	}
	var in selfReportRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	s, err := h.selfReports.Submit(r.Context(), rights.NewSelfReport{Kind: rights.SelfReportKind(in.Kind), Data: in.Data})
	if err != nil {
		return err
	}
	w.Header().Set("Location", "/api/v1/self-reports/"+s.ID)
	return httpx.JSON(w, http.StatusCreated, toSelfReport(s, nil))
}

// listSelfReports answers GET /api/v1/self-reports[?uscc=].
func (h *Handler) listSelfReports(w http.ResponseWriter, r *http.Request) error {
	if err := h.selfReportsOn(); err != nil {
		return err
	}
	ss, err := h.selfReports.List(r.Context(), r.URL.Query().Get("uscc"))
	if err != nil {
		return err
	}
	out := selfReportList{Items: make([]selfReportResponse, len(ss))}
	for i, s := range ss {
		out.Items[i] = toSelfReport(s, nil)
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// getSelfReport answers GET /api/v1/self-reports/{id}, with its contests.
func (h *Handler) getSelfReport(w http.ResponseWriter, r *http.Request) error {
	if err := h.selfReportsOn(); err != nil {
		return err
	}
	s, cs, err := h.selfReports.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toSelfReport(s, cs))
}

// verifySelfReport answers GET /api/v1/self-reports/{id}/commitment: the
// commitment checked with the node's key, and what it states.
func (h *Handler) verifySelfReport(w http.ResponseWriter, r *http.Request) error {
	if err := h.selfReportsOn(); err != nil {
		return err
	}
	c, err := h.selfReports.Verify(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, map[string]any{"valid": true, "id": c.ID, "uscc": c.USCC, "kind": c.Kind,
		"version": c.Version, "text_sha256": c.TextSHA256, "account": c.Account, "time": c.Time, "submission_sha256": c.SubmissionHash})
}

// contestSelfReport answers POST /api/v1/self-reports/{id}/contests.
func (h *Handler) contestSelfReport(w http.ResponseWriter, r *http.Request) error {
	if err := h.selfReportsOn(); err != nil {
		return err
	}
	var in contestRequest
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	c, err := h.selfReports.ContestSelfReport(r.Context(), r.PathValue("id"), in.Reason)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusCreated, toContest(c))
}

// listContests answers GET /api/v1/self-report-contests: open contests.
func (h *Handler) listContests(w http.ResponseWriter, r *http.Request) error {
	if err := h.selfReportsOn(); err != nil {
		return err
	}
	cs, err := h.selfReports.OpenContests(r.Context())
	if err != nil {
		return err
	}
	out := contestList{Items: make([]contestResponse, len(cs))}
	for i, c := range cs {
		out.Items[i] = toContest(c)
	}
	return httpx.JSON(w, http.StatusOK, out)
}

// decideContest answers POST /api/v1/self-report-contests/{id}/decide.
func (h *Handler) decideContest(w http.ResponseWriter, r *http.Request) error {
	if err := h.selfReportsOn(); err != nil {
		return err
	}
	var in contestDecision
	if err := httpx.DecodeJSON(w, r, &in); err != nil {
		return err
	}
	if in.Decision != "false" && in.Decision != "dismiss" {
		return apperr.Invalidf("decision: 应为 false（承诺不实）或 dismiss（异议不成立）/ must be false or dismiss")
	}
	c, err := h.selfReports.DecideContest(r.Context(), r.PathValue("id"), in.Decision == "false", in.Note)
	if err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, toContest(c))
}

// getCommitmentTexts answers GET /api/v1/self-reports/commitment-texts:
// the commitment text in force per kind. Public.
func (h *Handler) getCommitmentTexts(w http.ResponseWriter, r *http.Request) error {
	out := []commitmentTextResponse{}
	for _, k := range rights.SelfReportKinds() {
		c, _ := rights.CommitmentFor(k)
		out = append(out, commitmentTextResponse{Kind: string(k), Item: k.Item(), Version: c.Version, ZH: c.ZH, EN: c.EN, SHA256: c.SHA256()})
	}
	return httpx.JSON(w, http.StatusOK, map[string]any{"items": out})
}

// getSelfReportKey answers GET /api/v1/self-reports/verifier-key. Public.
func (h *Handler) getSelfReportKey(w http.ResponseWriter, r *http.Request) error {
	if err := h.selfReportsOn(); err != nil {
		return err
	}
	return httpx.JSON(w, http.StatusOK, map[string]string{"verifier_key": h.selfReports.VerifierKey()})
}
