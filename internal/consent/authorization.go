// SPDX-License-Identifier: Apache-2.0

package consent

import (
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Status is where an authorization stands. Declined, revoked, expired and
// used are final.
type Status string

// The statuses.
const (
	StatusRequested Status = "requested" // 待确认: an institution asked, the enterprise has not decided
	StatusActive    Status = "active"    // 生效中
	StatusDeclined  Status = "declined"  // 已拒绝
	StatusRevoked   Status = "revoked"   // 已撤销
	StatusExpired   Status = "expired"   // 已过期
	StatusUsed      Status = "used"      // 已使用: a one-time authorization after its use
)

var statusLabels = map[Status][2]string{
	StatusRequested: {"待确认", "Requested"}, StatusActive: {"生效中", "Active"},
	StatusDeclined: {"已拒绝", "Declined"}, StatusRevoked: {"已撤销", "Revoked"},
	StatusExpired: {"已过期", "Expired"}, StatusUsed: {"已使用", "Used"},
}

// Valid reports whether s is one of the Status constants.
func (s Status) Valid() bool { _, ok := statusLabels[s]; return ok }

// Label returns the status's name in lang ("en", else Chinese).
func (s Status) Label(lang string) string { return pick(statusLabels[s], lang) }

// Final reports whether no transition leaves s.
func (s Status) Final() bool { return s != StatusRequested && s != StatusActive }

// Mode says how often the institution may use an authorization.
type Mode string

// The modes.
const (
	ModeOneTime Mode = "one_time" // 单次: ends with its first use
	ModePeriod  Mode = "period"   // 期间内有效: any number of uses until ValidUntil
)

// Valid reports whether m is one of the Mode constants.
func (m Mode) Valid() bool { return m == ModeOneTime || m == ModePeriod }

// Authorization is one enterprise's consent that one institution may read
// the listed information for one purpose within a period.
type Authorization struct {
	ID               string
	EnterpriseUSCC   string
	EnterpriseOrgID  string
	InstitutionOrgID string
	// Scope lists catalog item codes (PEN.XZCF) and category codes (TAX),
	// sorted; a category covers every item in it.
	Scope       []string
	Purpose     Purpose
	PurposeText string // required for PurposeOther, a short description
	Mode        Mode
	ValidFrom   time.Time
	ValidUntil  time.Time // exclusive: at ValidUntil access has ended
	Status      Status
	RequestedBy string // user or client ID of the institution's requester
	GrantedBy   string // user or client ID of the enterprise's signer
	DecidedBy   string // who last changed the status (approve, decline, revoke)
	CreatedAt   time.Time
	UpdatedAt   time.Time
	DecidedAt   time.Time
	ReceiptNote string // the last signed receipt, a signed note
}

// StatusAt returns the status in force at t: a live authorization whose
// period has ended is expired, whether or not the sweep has marked it.
func (a Authorization) StatusAt(t time.Time) Status {
	if !a.Status.Final() && !t.Before(a.ValidUntil) {
		return StatusExpired
	}
	return a.Status
}

// Covers reports whether the scope includes item, itself or through its
// category.
func (a Authorization) Covers(item, category string) bool {
	return slices.Contains(a.Scope, item) || (category != "" && slices.Contains(a.Scope, category))
}

// Terms are what an enterprise grants or an institution asks for.
type Terms struct {
	EnterpriseUSCC   string
	InstitutionOrgID string // for Grant; Request uses the caller's organization
	Scope            []string
	Purpose          Purpose
	PurposeText      string
	Mode             Mode
	ValidFrom        time.Time // zero means now
	ValidUntil       time.Time
}

// MaxScope is the most codes one authorization may list.
const MaxScope = 200

// normalize trims and upper-cases the codes, sorts the scope without
// duplicates and fills ValidFrom with now.
func (t *Terms) normalize(now time.Time) {
	t.EnterpriseUSCC = strings.ToUpper(strings.TrimSpace(t.EnterpriseUSCC))
	t.PurposeText = strings.TrimSpace(t.PurposeText)
	sc := make([]string, 0, len(t.Scope))
	for _, c := range t.Scope {
		if c = strings.ToUpper(strings.TrimSpace(c)); c != "" {
			sc = append(sc, c)
		}
	}
	slices.Sort(sc)
	t.Scope = slices.Compact(sc)
	if t.ValidFrom.IsZero() {
		t.ValidFrom = now
	}
	t.ValidFrom = t.ValidFrom.UTC().Truncate(time.Microsecond)
	t.ValidUntil = t.ValidUntil.UTC().Truncate(time.Microsecond)
}

// Validate checks the fields that need no database: purpose, mode, a
// period that ends after it starts, not in the past and within the
// purpose's cap. Returns apperr.Invalid naming the field.
func (t Terms) Validate(now time.Time) error {
	if t.EnterpriseUSCC == "" {
		return apperr.Invalidf("enterprise_uscc: 企业统一社会信用代码必填 / required")
	}
	if len(t.Scope) == 0 || len(t.Scope) > MaxScope {
		return apperr.Invalidf("scope: 授权范围应列出1至%d个信息项或类别 / list 1 to %d item or category codes", MaxScope, MaxScope)
	}
	if !t.Purpose.Valid() {
		return apperr.Invalidf("purpose: 未知用途 %q / unknown purpose %q", t.Purpose, t.Purpose)
	}
	if n := utf8.RuneCountInString(t.PurposeText); (t.Purpose == PurposeOther && n == 0) || n > 200 ||
		strings.IndexFunc(t.PurposeText, unicode.IsControl) >= 0 {
		return apperr.Invalidf("purpose_text: 用途为“其他”时必须说明，不超过200字且不含换行 / required for purpose other, at most 200 characters on one line")
	}
	if !t.Mode.Valid() {
		return apperr.Invalidf("mode: 应为 one_time 或 period / must be one_time or period")
	}
	if !t.ValidUntil.After(t.ValidFrom) || !t.ValidUntil.After(now) {
		return apperr.Invalidf("valid_until: 截止时间应晚于起始时间和当前时间 / must be after valid_from and now")
	}
	if t.ValidFrom.After(now.Add(MaxLead)) {
		return apperr.Invalidf("valid_from: 起始时间最多提前%d天 / at most %d days ahead", MaxLead/day, MaxLead/day)
	}
	if max := t.Purpose.MaxPeriod(); t.ValidUntil.Sub(t.ValidFrom) > max {
		return apperr.Invalidf("valid_until: 用途“%s”的授权期限最长%d天 / purpose %s allows at most %d days",
			t.Purpose.Label("zh"), max/day, t.Purpose, max/day)
	}
	return nil
}

func pick(labels [2]string, lang string) string {
	if lang == "en" {
		return labels[1]
	}
	return labels[0]
}

// Purpose is why the institution reads the information. The gate answers
// only for the purpose the enterprise agreed to, and the purpose caps how
// long the authorization may last.
type Purpose string

// The purposes.
const (
	PurposePreLoan        Purpose = "pre_loan"        // 贷前审查
	PurposePostLoan       Purpose = "post_loan"       // 贷后管理
	PurposeCreditGranting Purpose = "credit_granting" // 授信审批
	PurposeGuarantee      Purpose = "guarantee"       // 担保审查
	PurposeInsurance      Purpose = "insurance"       // 保险承保
	PurposeOther          Purpose = "other"           // 其他 (with a description)
)

const day = 24 * time.Hour

// MaxLead is how far ahead an authorization may start.
const MaxLead = 30 * day

// MaxPeriod is the longest any authorization may last.
const MaxPeriod = 366 * day

type purposeInfo struct {
	zh, en string
	max    time.Duration
}

// The caps follow the use: an examination before a loan or a guarantee
// or an underwriting decision needs weeks, not a year; monitoring a loan
// (贷后管理) lasts as long as the loan, up to a year, after which the
// enterprise renews it. An unnamed purpose gets the shortest.
var purposes = map[Purpose]purposeInfo{
	PurposePreLoan:        {"贷前审查", "Pre-loan review", 90 * day},
	PurposePostLoan:       {"贷后管理", "Post-loan management", MaxPeriod},
	PurposeCreditGranting: {"授信审批", "Credit line approval", 180 * day},
	PurposeGuarantee:      {"担保审查", "Guarantee review", 90 * day},
	PurposeInsurance:      {"保险承保", "Insurance underwriting", 90 * day},
	PurposeOther:          {"其他", "Other", 30 * day},
}

// Purposes returns every purpose in display order.
func Purposes() []Purpose {
	return []Purpose{PurposePreLoan, PurposePostLoan, PurposeCreditGranting, PurposeGuarantee, PurposeInsurance, PurposeOther}
}

// Valid reports whether p is one of the Purpose constants.
func (p Purpose) Valid() bool { _, ok := purposes[p]; return ok }

// Label returns the purpose's name in lang ("en", else Chinese).
func (p Purpose) Label(lang string) string {
	i := purposes[p]
	return pick([2]string{i.zh, i.en}, lang)
}

// MaxPeriod returns the longest validity the purpose allows.
func (p Purpose) MaxPeriod() time.Duration { return purposes[p].max }
