// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"encoding/json"
	"time"
)

// Ask is one verification question.
type Ask struct {
	USCC     string          // the enterprise: unified code or a legacy identifier
	Template string          // template code
	Params   json.RawMessage // the template's parameters as a JSON object
	Purpose  string          // the declared purpose (a consent purpose)
}

// Answer is all that leaves the node for a verification: yes or no, the
// template, the as-of time, the signed receipt and the audit leaf's index.
type Answer struct {
	Result     bool
	Template   string
	AsOf       time.Time
	Receipt    string // signed note; see VerifyReceipt
	AuditIndex int64
}

// Outcome is how an ask ended.
type Outcome string

// The outcomes. Only pending and answered asks count towards the limits
// and the threshold-walking guard: a refused ask revealed nothing.
const (
	OutcomePending  Outcome = "pending"  // passed the guards, at the gate
	OutcomeAnswered Outcome = "answered" // answered yes or no
	OutcomeRefused  Outcome = "refused"  // refused by the gate (role, agreement, authorization)
	OutcomeFailed   Outcome = "failed"   // the rule could not be evaluated
	OutcomeLimited  Outcome = "limited"  // over a daily limit
	OutcomeWalking  Outcome = "walking"  // refused as threshold walking
)

// AskRecord is an ask as the guard stores it: who asked which template
// about which enterprise, with which parameters (by hash), and how it
// ended. It never holds a value.
type AskRecord struct {
	ID         string
	OrgID      string
	UserID     string
	USCC       string
	Template   string
	ParamsHash string
	Purpose    string
	Day        string // the date in China, YYYY-MM-DD
	AskedAt    time.Time
	Outcome    Outcome
	Result     string // yes, no, or empty
	AuditIndex int64
}

// Alert is a threshold-walking refusal for operators to follow up: an
// institution asked one template about one enterprise with more distinct
// parameters within the window than the guard allows.
type Alert struct {
	ID             string    `json:"id"`
	OrgID          string    `json:"institution_org_id"`
	UserID         string    `json:"user_id"`
	USCC           string    `json:"enterprise_uscc"`
	Template       string    `json:"template"`
	DistinctParams int       `json:"distinct_params"` // counting the refused one
	WindowFrom     time.Time `json:"window_from"`
	CreatedAt      time.Time `json:"created_at"`
	AskID          string    `json:"ask_id"`
}

// AlertFilter selects alerts; empty fields match all.
type AlertFilter struct {
	OrgID string
	USCC  string
	Limit int // at most this many; 0 means 100, capped at 1000
}
