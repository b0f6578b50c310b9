// SPDX-License-Identifier: Apache-2.0

package onboard

import (
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// InstitutionType is the licensed business of an applying institution.
type InstitutionType string

// The institution types.
const (
	TypeBank         InstitutionType = "bank"          // 银行
	TypeInsurer      InstitutionType = "insurer"       // 保险机构
	TypeGuarantor    InstitutionType = "guarantor"     // 融资担保机构
	TypeCreditAgency InstitutionType = "credit_agency" // 征信机构
	TypeMicroloan    InstitutionType = "microloan"     // 小额贷款公司
	TypeOther        InstitutionType = "other"         // 其他
)

var typeLabels = map[InstitutionType][2]string{
	TypeBank:         {"银行", "Bank"},
	TypeInsurer:      {"保险机构", "Insurer"},
	TypeGuarantor:    {"融资担保机构", "Financing guarantor"},
	TypeCreditAgency: {"征信机构", "Credit agency"},
	TypeMicroloan:    {"小额贷款公司", "Microloan company"},
	TypeOther:        {"其他", "Other"},
}

// Valid reports whether t is one of the InstitutionType constants.
func (t InstitutionType) Valid() bool { _, ok := typeLabels[t]; return ok }

// Label returns the type's name in lang ("en", anything else is zh).
func (t InstitutionType) Label(lang string) string {
	if lang == "en" {
		return typeLabels[t][1]
	}
	return typeLabels[t][0]
}

// Status is where an application stands.
type Status string

// The statuses, in the order an institution passes them. Suspended can be
// lifted by the credit centre; revoked is final.
const (
	StatusApplied         Status = "applied"          // 已申请
	StatusAssessing       Status = "assessing"        // 评估中
	StatusAssessed        Status = "assessed"         // 已评估
	StatusAgreementSigned Status = "agreement_signed" // 已签署协议
	StatusLive            Status = "live"             // 已接入
	StatusSuspended       Status = "suspended"        // 已暂停
	StatusRevoked         Status = "revoked"          // 已撤销
)

// Application is one institution's onboarding record: the application,
// its latest security assessment and its data sharing agreement.
type Application struct {
	ID               string
	InstitutionOrgID string // an access organization of kind institution
	InstitutionType  InstitutionType
	LicenceNumber    string // 金融许可证号 or business licence number
	ContactName      string
	ContactPhone     string
	Status           Status
	// SuspendedFrom is the status to return to on reinstatement.
	SuspendedFrom Status
	Assessment    *Assessment // nil until assessed
	Agreement     *Agreement  // nil until the credit centre approves terms
	CreatedAt     time.Time
	UpdatedAt     time.Time
}

// NewApplication is what an institution administrator submits.
type NewApplication struct {
	InstitutionType InstitutionType
	LicenceNumber   string
	ContactName     string
	ContactPhone    string
}

// Validate checks the fields after trimming them.
func (n *NewApplication) Validate() error {
	n.LicenceNumber = strings.TrimSpace(n.LicenceNumber)
	n.ContactName = strings.TrimSpace(n.ContactName)
	n.ContactPhone = strings.TrimSpace(n.ContactPhone)
	if !n.InstitutionType.Valid() {
		return apperr.Invalidf("institution_type: 机构类型 %q 无效 / %q is not one of bank, insurer, guarantor, credit_agency, microloan, other", n.InstitutionType, n.InstitutionType)
	}
	if n.LicenceNumber == "" || utf8.RuneCountInString(n.LicenceNumber) > 64 {
		return apperr.Invalidf("licence_number: 许可证号必填且不超过64字 / required, at most 64 characters")
	}
	if n.ContactName == "" || utf8.RuneCountInString(n.ContactName) > 50 {
		return apperr.Invalidf("contact_name: 联系人必填且不超过50字 / required, at most 50 characters")
	}
	if n.ContactPhone == "" || utf8.RuneCountInString(n.ContactPhone) > 32 {
		return apperr.Invalidf("contact_phone: 联系电话必填且不超过32字 / required, at most 32 characters")
	}
	return nil
}
