// SPDX-License-Identifier: Apache-2.0

package rights

import (
	"slices"
	"time"
)

// SelfReportKind is what an enterprise reports about itself (经营主体自愿
// 提供的信用信息). Each kind is one catalog item of category SLF, so a
// submission becomes an ordinary record: reports, the gate and evaluations
// read it like any other, marked as self-reported.
type SelfReportKind string

// The kinds the issue names.
const (
	KindQualification SelfReportKind = "qualification" // 资质证书
	KindContract      SelfReportKind = "contract"      // 合同履行
	KindWelfare       SelfReportKind = "welfare"       // 公益活动
	KindFinancial     SelfReportKind = "financial"     // 财务报表
)

// kindInfo ties a kind to its catalog item and its commitment text.
type kindInfo struct {
	Kind   SelfReportKind
	Item   string
	ZH, EN string
}

var kindTable = []kindInfo{
	{KindQualification, "SLF.ZZZS", "资质证书", "Qualifications and certificates"},
	{KindContract, "SLF.HTLY", "合同履行", "Contract performance"},
	{KindWelfare, "SLF.GYHD", "公益活动", "Public-welfare activity"},
	{KindFinancial, "SLF.CWBB", "财务报表", "Financial statements"},
}

// SelfReportKinds returns every kind in display order.
func SelfReportKinds() []SelfReportKind {
	out := make([]SelfReportKind, len(kindTable))
	for i, k := range kindTable {
		out[i] = k.Kind
	}
	return out
}

func kindOf(k SelfReportKind) (kindInfo, bool) {
	i := slices.IndexFunc(kindTable, func(x kindInfo) bool { return x.Kind == k })
	if i < 0 {
		return kindInfo{}, false
	}
	return kindTable[i], true
}

// Valid reports whether k is one of the kinds.
func (k SelfReportKind) Valid() bool { _, ok := kindOf(k); return ok }

// Item returns the catalog item a submission of kind k becomes.
func (k SelfReportKind) Item() string { ki, _ := kindOf(k); return ki.Item }

// Label returns the kind's name in lang ("en" or Chinese).
func (k SelfReportKind) Label(lang string) string {
	ki, _ := kindOf(k)
	if lang == "en" {
		return ki.EN
	}
	return ki.ZH
}

// FalseCommitmentItem is the catalog item of a commitment found false or
// not performed (虚假信用承诺): a general negative record.
const FalseCommitmentItem = "CMT.XJCN"

// The providers the node itself delivers as: what enterprises report, and
// the credit centre's findings on commitments.
const (
	SelfReportProvider   = "XR-SELF-REPORT"
	CreditCentreProvider = "XR-CREDIT-CENTRE"
)

// SelfReportStatus is where a submission stands.
type SelfReportStatus string

// The statuses. A contested submission is marked 异议中 in every report
// until an operator decides; one whose commitment was found false keeps
// its record, with the finding beside it and a negative record of its own.
const (
	SelfReportActive    SelfReportStatus = "active"
	SelfReportContested SelfReportStatus = "contested"
	SelfReportFalse     SelfReportStatus = "false"
)

// SelfReport is one submission and the signed commitment that came with it.
type SelfReport struct {
	ID       string // also the commitment number shown in reports
	USCC     string
	OrgID    string
	Kind     SelfReportKind
	Item     string
	RecordID string            // the record it became
	Data     map[string]string // the submitted fields by catalog field code
	// CommitmentVersion names the fixed commitment text signed.
	CommitmentVersion string
	// Commitment is the signed note (golang.org/x/mod/sumdb/note) of the
	// commitment: anyone with the node's verifier key can check it.
	Commitment     string
	SubmissionHash string // hex SHA-256 of the canonical submission
	Status         SelfReportStatus
	SubmittedBy    string // user ID
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// ContestStatus is where a challenge to a submission stands.
type ContestStatus string

// The contest statuses.
const (
	ContestOpen      ContestStatus = "open"
	ContestUpheld    ContestStatus = "upheld"    // the commitment was found false
	ContestDismissed ContestStatus = "dismissed" // the submission stands
)

// Contest is an operator's or a provider's challenge to a submission.
type Contest struct {
	ID           string
	SelfReportID string
	USCC         string
	OrgID        string // the contesting organization
	FiledBy      string
	Reason       string
	Status       ContestStatus
	DecisionNote string
	DecidedBy    string
	CreatedAt    time.Time
	DecidedAt    time.Time
}
