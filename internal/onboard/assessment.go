// SPDX-License-Identifier: Apache-2.0

package onboard

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// DefaultValidity is how long a passed assessment holds unless the
// credit centre sets another expiry.
const DefaultValidity = 365 * 24 * time.Hour

// Result is the verdict on one checklist point or on a whole assessment.
type Result string

// The results. NA marks a point that does not apply to the institution;
// it is never an overall result.
const (
	ResultPass Result = "pass"
	ResultFail Result = "fail"
	ResultNA   Result = "na"
)

// CheckPoint is one point of the pre-access security checklist.
type CheckPoint struct {
	Code string
	ZH   string
	EN   string
}

// Checklist is the fixed pre-access checklist (接入前安全评估清单).
var Checklist = []CheckPoint{
	{"mlps_filing", "网络安全等级保护备案", "Cybersecurity classified protection (MLPS) filing"},
	{"data_security_policy", "数据安全管理制度", "Data security management policy"},
	{"access_control_logging", "访问控制与日志审计", "Access control and audit logging"},
	{"staff_confidentiality", "人员保密承诺", "Staff confidentiality undertakings"},
	{"emergency_plan", "应急预案", "Incident emergency plan"},
	{"data_minimisation", "数据最小化使用", "Data minimisation in use"},
}

// CheckResult is the reviewer's finding on one checklist point.
type CheckResult struct {
	Code     string
	Evidence string // reference to the evidence seen (document number, file, site visit)
	Result   Result
	Reviewer string
}

// Assessment is a recorded security assessment.
type Assessment struct {
	Checks     []CheckResult
	Result     Result // pass only if no point failed
	Reviewer   string // the operator user who recorded it
	AssessedAt time.Time
	ExpiresAt  time.Time
}

// ValidAt reports whether the assessment passed and still holds at t.
func (a *Assessment) ValidAt(t time.Time) bool {
	return a != nil && a.Result == ResultPass && t.Before(a.ExpiresAt)
}

// NewAssessment is what the credit centre records. Every checklist point
// must be answered exactly once; ExpiresAt zero means DefaultValidity.
type NewAssessment struct {
	Checks    []CheckResult
	ExpiresAt time.Time
}

// Validate checks every point is answered once with evidence, and returns
// the overall result: fail if any point failed, else pass.
func (n *NewAssessment) Validate() (Result, error) {
	want := map[string]bool{}
	for _, c := range Checklist {
		want[c.Code] = true
	}
	overall := ResultPass
	seen := map[string]bool{}
	for i := range n.Checks {
		c := &n.Checks[i]
		c.Evidence, c.Reviewer = strings.TrimSpace(c.Evidence), strings.TrimSpace(c.Reviewer)
		if !want[c.Code] {
			return "", apperr.Invalidf("checks[%d].code: 评估项 %q 不在清单中 / %q is not a checklist point", i, c.Code, c.Code)
		}
		if seen[c.Code] {
			return "", apperr.Invalidf("checks[%d].code: 评估项 %q 重复 / %q given twice", i, c.Code, c.Code)
		}
		seen[c.Code] = true
		switch c.Result {
		case ResultPass, ResultNA:
		case ResultFail:
			overall = ResultFail
		default:
			return "", apperr.Invalidf("checks[%d].result: 结论须为 pass、fail 或 na / must be pass, fail or na", i)
		}
		if c.Result != ResultNA && c.Evidence == "" {
			return "", apperr.Invalidf("checks[%d].evidence: 须填写证明材料 / evidence is required", i)
		}
		if utf8.RuneCountInString(c.Evidence) > 500 || utf8.RuneCountInString(c.Reviewer) > 50 {
			return "", apperr.Invalidf("checks[%d]: 证明材料不超过500字，评审人不超过50字 / evidence at most 500, reviewer at most 50 characters", i)
		}
	}
	for _, c := range Checklist {
		if !seen[c.Code] {
			return "", apperr.Invalidf("checks: 缺少评估项 %s / checklist point %q is not answered", c.ZH, c.Code)
		}
	}
	return overall, nil
}
