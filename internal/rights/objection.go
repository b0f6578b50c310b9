// SPDX-License-Identifier: Apache-2.0

package rights

import "time"

// Status is where an objection or a repair application stands.
type Status string

// The statuses of objections (filed → accepted → provider_check → decided,
// or rejected) and of repair applications (pending → granted or refused).
const (
	StatusFiled         Status = "filed"          // 已提交: the platform has not accepted it yet
	StatusAccepted      Status = "accepted"       // 已受理: the platform checks its own processing
	StatusProviderCheck Status = "provider_check" // 报送单位核查中
	StatusRejected      Status = "rejected"       // 不予受理
	StatusDecided       Status = "decided"        // 已办结: Outcome says how
	StatusPending       Status = "pending"        // 修复申请待认定单位决定
	StatusGranted       Status = "granted"        // 准予修复
	StatusRefused       Status = "refused"        // 不予修复
)

var statusLabels = map[Status][2]string{
	StatusFiled: {"已提交", "Filed"}, StatusAccepted: {"已受理（平台自查中）", "Accepted (platform self-check)"},
	StatusProviderCheck: {"报送单位核查中", "Provider check"}, StatusRejected: {"不予受理", "Rejected"},
	StatusDecided: {"已办结", "Decided"}, StatusPending: {"待决定", "Pending"},
	StatusGranted: {"准予修复", "Granted"}, StatusRefused: {"不予修复", "Refused"},
}

// Label returns the status's name in lang ("en", else Chinese).
func (s Status) Label(lang string) string { return pick(statusLabels[s], lang) }

// Open reports whether a step is still to be taken.
func (s Status) Open() bool {
	return s == StatusFiled || s == StatusAccepted || s == StatusProviderCheck || s == StatusPending
}

// Outcome is how an objection ended (征信业管理条例 第二十五条).
type Outcome string

// The outcomes.
const (
	OutcomeCorrected      Outcome = "corrected"      // 信息有误，已更正: the provider re-sends the record
	OutcomeDeleted        Outcome = "deleted"        // 信息有误，予以删除
	OutcomeConfirmed      Outcome = "confirmed"      // 信息无误，维持原记录
	OutcomeUndeterminable Outcome = "undeterminable" // 无法核实: both sides are recorded beside the record
)

var outcomeLabels = map[Outcome][2]string{
	OutcomeCorrected: {"更正", "corrected"}, OutcomeDeleted: {"删除", "deleted"},
	OutcomeConfirmed: {"维持", "confirmed"}, OutcomeUndeterminable: {"无法核实", "undeterminable"},
}

// Valid reports whether o is one of the Outcome constants.
func (o Outcome) Valid() bool { _, ok := outcomeLabels[o]; return ok }

// Label returns the outcome's name in lang ("en", else Chinese).
func (o Outcome) Label(lang string) string { return pick(outcomeLabels[o], lang) }

// Objection is an enterprise's objection (异议申诉) to one record held
// about it. From filing until it is decided the record is marked 异议中.
type Objection struct {
	ID            string
	USCC          string
	EnterpriseOrg string // the organization that filed it
	RecordID      string
	Item          string
	ProviderCode  string // the provider that delivered the record
	ProviderOrg   string // its organization on the node; empty when its staff do not log in
	Reasons       string
	Evidence      string
	Status        Status
	DueAt         time.Time // end of the current step's time limit
	Escalated     bool      // the current step passed its limit and was escalated to operators
	Outcome       Outcome
	OutcomeNote   string // the decider's explanation
	Note          string // the platform's note when accepting or rejecting
	FiledBy       string
	DecidedBy     string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	DecidedAt     time.Time
}

// Repair is an enterprise's application for credit repair (信用修复) of
// one negative record, decided by the provider that made the finding
// (谁认定、谁修复).
type Repair struct {
	ID            string
	USCC          string
	EnterpriseOrg string
	RecordID      string
	Item          string
	ProviderCode  string
	ProviderOrg   string
	Evidence      string // how the failure was corrected (obligation met)
	Commitment    string // the public credit commitment (信用承诺书)
	Status        Status
	DueAt         time.Time
	Escalated     bool
	DecisionNote  string
	FiledBy       string
	DecidedBy     string
	CreatedAt     time.Time
	UpdatedAt     time.Time
	DecidedAt     time.Time
}

// Notification is an in-app message to an organization about a change in
// one of its cases.
type Notification struct {
	ID        string
	OrgID     string // the recipient organization, or OperatorsInbox
	USCC      string
	Kind      string // the audit kind of the change, e.g. "objection.filed/v1"
	CaseID    string // the objection or repair
	Text      string // Chinese / English
	CreatedAt time.Time
	ReadAt    time.Time // zero while unread
	// Channels are the results of delivery outside the app, e.g.
	// "email:sent sms:sent"; empty when none was tried.
	Channels string
}

// OperatorsInbox addresses a notification to every operator of the node.
const OperatorsInbox = "operators"

// Filter selects objections or repairs; empty fields match all.
type Filter struct {
	USCC        string
	ProviderOrg string
	Status      Status
	Limit       int // 0 means 500
}

func pick(l [2]string, lang string) string {
	if lang == "en" {
		return l[1]
	}
	return l[0]
}
