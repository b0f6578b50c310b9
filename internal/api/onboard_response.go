// SPDX-License-Identifier: Apache-2.0

package api

import (
	"time"

	"github.com/xinrong/xinrong/internal/onboard"
)

// applicationResponse is an onboarding application as the API shows it.
type applicationResponse struct {
	ID                   string              `json:"id"`
	InstitutionOrgID     string              `json:"institution_org_id"`
	InstitutionType      string              `json:"institution_type"`
	InstitutionTypeLabel string              `json:"institution_type_label"`
	LicenceNumber        string              `json:"licence_number"`
	ContactName          string              `json:"contact_name"`
	ContactPhone         string              `json:"contact_phone"`
	Status               string              `json:"status"`
	Assessment           *assessmentResponse `json:"assessment,omitempty"`
	Agreement            *agreementResponse  `json:"agreement,omitempty"`
	CreatedAt            time.Time           `json:"created_at"`
	UpdatedAt            time.Time           `json:"updated_at"`
}

type checklistResponse struct {
	Code     string `json:"code"`
	Label    string `json:"label"`
	Evidence string `json:"evidence"`
	Result   string `json:"result"`
	Reviewer string `json:"reviewer"`
}

type assessmentResponse struct {
	Result     string              `json:"result"`
	Checks     []checklistResponse `json:"checks"`
	Reviewer   string              `json:"reviewer"`
	AssessedAt time.Time           `json:"assessed_at"`
	ExpiresAt  time.Time           `json:"expires_at"`
}

type agreementResponse struct {
	Version    int        `json:"version"`
	Categories []string   `json:"categories"`
	Items      []string   `json:"items"`
	Purposes   []string   `json:"purposes"`
	From       time.Time  `json:"from"`
	Until      time.Time  `json:"until"`
	Limits     limitsJSON `json:"limits"`
	ApprovedBy string     `json:"approved_by"`
	ApprovedAt time.Time  `json:"approved_at"`
	Signed     bool       `json:"signed"`
	Commitment string     `json:"commitment,omitempty"`
	SignedBy   string     `json:"signed_by,omitempty"`
	SignedAt   *time.Time `json:"signed_at,omitempty"`
}

type applicationList struct {
	Applications []applicationResponse `json:"applications"`
}

func toApplicationResponse(a onboard.Application) applicationResponse {
	out := applicationResponse{ID: a.ID, InstitutionOrgID: a.InstitutionOrgID, InstitutionType: string(a.InstitutionType),
		InstitutionTypeLabel: a.InstitutionType.Label("zh"), LicenceNumber: a.LicenceNumber, ContactName: a.ContactName,
		ContactPhone: a.ContactPhone, Status: string(a.Status), CreatedAt: a.CreatedAt, UpdatedAt: a.UpdatedAt}
	if s := a.Assessment; s != nil {
		labels := map[string]string{}
		for _, c := range onboard.Checklist {
			labels[c.Code] = c.ZH
		}
		as := &assessmentResponse{Result: string(s.Result), Reviewer: s.Reviewer, AssessedAt: s.AssessedAt, ExpiresAt: s.ExpiresAt,
			Checks: make([]checklistResponse, len(s.Checks))}
		for i, c := range s.Checks {
			as.Checks[i] = checklistResponse{Code: c.Code, Label: labels[c.Code], Evidence: c.Evidence, Result: string(c.Result), Reviewer: c.Reviewer}
		}
		out.Assessment = as
	}
	if g := a.Agreement; g != nil {
		ag := &agreementResponse{Version: g.Version, Categories: nonNil(g.Categories), Items: nonNil(g.Items), Purposes: nonNil(g.Purposes),
			From: g.From, Until: g.Until, Limits: limitsJSON(g.Limits), ApprovedBy: g.ApprovedBy, ApprovedAt: g.ApprovedAt,
			Signed: g.Signed(), Commitment: g.Commitment, SignedBy: g.SignedBy}
		if g.Signed() {
			t := g.SignedAt
			ag.SignedAt = &t
		}
		out.Agreement = ag
	}
	return out
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
