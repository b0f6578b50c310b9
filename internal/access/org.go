// SPDX-License-Identifier: Apache-2.0

package access

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// OrgKind is the part an organization plays on the platform. It fixes
// which roles its accounts may hold (see RolesFor).
type OrgKind string

// The organization kinds.
const (
	OrgOperator    OrgKind = "operator"    // 信用中心: runs the node
	OrgProvider    OrgKind = "provider"    // 数据提供单位: delivers credit information
	OrgInstitution OrgKind = "institution" // 接入机构: bank, insurer, guarantor, credit agency
	OrgEnterprise  OrgKind = "enterprise"  // 信息主体: the enterprise the data is about
	OrgRegulator   OrgKind = "regulator"   // 监管/政府部门: statistics and evaluation
)

var orgKindLabels = map[OrgKind][2]string{
	OrgOperator:    {"信用中心", "Credit centre (operator)"},
	OrgProvider:    {"数据提供单位", "Data provider"},
	OrgInstitution: {"接入机构", "Access institution"},
	OrgEnterprise:  {"信息主体（企业）", "Enterprise (data subject)"},
	OrgRegulator:   {"监管/政府部门", "Regulator / government"},
}

// OrgKinds returns every kind in display order.
func OrgKinds() []OrgKind {
	return []OrgKind{OrgOperator, OrgProvider, OrgInstitution, OrgEnterprise, OrgRegulator}
}

// Valid reports whether k is one of the OrgKind constants.
func (k OrgKind) Valid() bool { _, ok := orgKindLabels[k]; return ok }

// Label returns the kind's name in lang ("zh" or "en"; anything else is zh).
func (k OrgKind) Label(lang string) string { return pick(orgKindLabels[k], lang) }

// OrgStatus is where an organization stands with the platform.
type OrgStatus string

// The organization statuses. Revoked is final: the organization left the
// platform and its accounts stay only for the audit trail.
const (
	OrgActive    OrgStatus = "active"    // 正常
	OrgSuspended OrgStatus = "suspended" // 暂停：no session or token works until reinstated
	OrgRevoked   OrgStatus = "revoked"   // 撤销：permanently removed
)

// Organization is a participant of the platform: the credit centre, a data
// provider, an access institution, an enterprise or a regulator.
type Organization struct {
	ID   string
	Kind OrgKind
	Name string
	// Code identifies the organization outside the platform: its unified
	// social credit code, or a department code for a government body.
	// Optional, unique when set, upper case.
	Code      string
	Status    OrgStatus
	CreatedAt time.Time
}

// NewOrganization is what CreateOrganization and EnsureOrganization need.
type NewOrganization struct {
	Kind OrgKind
	Name string
	Code string // optional for CreateOrganization, required for EnsureOrganization
}

var orgCodeRE = regexp.MustCompile(`^[0-9A-Z][0-9A-Z-]{1,31}$`)

// Normalize trims the name and upper-cases the code.
func (n *NewOrganization) Normalize() {
	n.Name = strings.TrimSpace(n.Name)
	n.Code = NormalizeCode(n.Code)
}

// NormalizeCode trims and upper-cases an organization code.
func NormalizeCode(s string) string { return strings.ToUpper(strings.TrimSpace(s)) }

// Validate checks the fields. The check digits of a USCC are the subject
// package's business; here a code is only a well-formed key.
func (n NewOrganization) Validate() error {
	if !n.Kind.Valid() {
		return apperr.Invalidf("kind: 机构类型 %q 无效 / %q is not one of operator, provider, institution, enterprise, regulator", n.Kind, n.Kind)
	}
	if n.Name == "" || utf8.RuneCountInString(n.Name) > 100 {
		return apperr.Invalidf("name: 机构名称必填且不超过100字 / required, at most 100 characters")
	}
	if n.Code != "" && !orgCodeRE.MatchString(n.Code) {
		return apperr.Invalidf("code: 机构代码 %q 格式无效 / %q must be 2–32 letters, digits or '-'", n.Code, n.Code)
	}
	return nil
}

func pick(labels [2]string, lang string) string {
	if lang == "en" {
		return labels[1]
	}
	return labels[0]
}
