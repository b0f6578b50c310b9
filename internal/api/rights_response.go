// SPDX-License-Identifier: Apache-2.0

package api

import (
	"time"

	"github.com/xinrong/xinrong/internal/rights"
)

// objectionResponse is one objection (异议) as the API shows it.
type objectionResponse struct {
	ID            string     `json:"id"`
	USCC          string     `json:"uscc"`
	RecordID      string     `json:"record_id"`
	Item          string     `json:"item"`
	ProviderCode  string     `json:"provider_code"`
	Reasons       string     `json:"reasons"`
	Evidence      string     `json:"evidence"`
	Status        string     `json:"status"`
	StatusLabel   string     `json:"status_label"`
	StatusLabelEN string     `json:"status_label_en"`
	DueAt         time.Time  `json:"due_at"`
	Escalated     bool       `json:"escalated"`
	Outcome       string     `json:"outcome,omitempty"`
	OutcomeLabel  string     `json:"outcome_label,omitempty"`
	OutcomeNote   string     `json:"outcome_note,omitempty"`
	Note          string     `json:"note,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	DecidedAt     *time.Time `json:"decided_at,omitempty"`
}

type objectionList struct {
	Items []objectionResponse `json:"items"`
}

func toObjection(o rights.Objection) objectionResponse {
	out := objectionResponse{ID: o.ID, USCC: o.USCC, RecordID: o.RecordID, Item: o.Item, ProviderCode: o.ProviderCode,
		Reasons: o.Reasons, Evidence: o.Evidence, Status: string(o.Status), StatusLabel: o.Status.Label("zh"),
		StatusLabelEN: o.Status.Label("en"), DueAt: o.DueAt, Escalated: o.Escalated, Outcome: string(o.Outcome),
		OutcomeNote: o.OutcomeNote, Note: o.Note, CreatedAt: o.CreatedAt, UpdatedAt: o.UpdatedAt, DecidedAt: timeOrNil(o.DecidedAt)}
	if o.Outcome != "" {
		out.OutcomeLabel = o.Outcome.Label("zh")
	}
	return out
}

// repairResponse is one credit repair application (信用修复申请).
type repairResponse struct {
	ID            string     `json:"id"`
	USCC          string     `json:"uscc"`
	RecordID      string     `json:"record_id"`
	Item          string     `json:"item"`
	ProviderCode  string     `json:"provider_code"`
	Evidence      string     `json:"evidence"`
	Commitment    string     `json:"commitment"`
	Status        string     `json:"status"`
	StatusLabel   string     `json:"status_label"`
	StatusLabelEN string     `json:"status_label_en"`
	DueAt         time.Time  `json:"due_at"`
	Escalated     bool       `json:"escalated"`
	DecisionNote  string     `json:"decision_note,omitempty"`
	CreatedAt     time.Time  `json:"created_at"`
	UpdatedAt     time.Time  `json:"updated_at"`
	DecidedAt     *time.Time `json:"decided_at,omitempty"`
}

type repairList struct {
	Items []repairResponse `json:"items"`
}

func toRepair(x rights.Repair) repairResponse {
	return repairResponse{ID: x.ID, USCC: x.USCC, RecordID: x.RecordID, Item: x.Item, ProviderCode: x.ProviderCode,
		Evidence: x.Evidence, Commitment: x.Commitment, Status: string(x.Status), StatusLabel: x.Status.Label("zh"),
		StatusLabelEN: x.Status.Label("en"), DueAt: x.DueAt, Escalated: x.Escalated, DecisionNote: x.DecisionNote,
		CreatedAt: x.CreatedAt, UpdatedAt: x.UpdatedAt, DecidedAt: timeOrNil(x.DecidedAt)}
}

// notificationResponse is one in-app notification.
type notificationResponse struct {
	ID        string     `json:"id"`
	USCC      string     `json:"uscc"`
	Kind      string     `json:"kind"`
	CaseID    string     `json:"case_id"`
	Text      string     `json:"text"`
	CreatedAt time.Time  `json:"created_at"`
	ReadAt    *time.Time `json:"read_at,omitempty"`
	// Channels are the results of delivery outside the app
	// ("email:sent sms:sent").
	Channels string `json:"channels,omitempty"`
}

type notificationList struct {
	Items []notificationResponse `json:"items"`
}

func timeOrNil(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}
