// SPDX-License-Identifier: Apache-2.0

package subject

import "strings"

// Type is the legal form of a subject. Values are stored; Label is shown.
type Type string

// Types. Derive fills Type from positions 1–2 of the code when it is empty.
const (
	TypeEnterprise  Type = "enterprise"  // 企业
	TypeIndividual  Type = "individual"  // 个体工商户
	TypeCooperative Type = "cooperative" // 农民专业合作社
	TypeSocialOrg   Type = "social_org"  // 社会组织
	TypeInstitution Type = "institution" // 事业单位
	TypeGovernment  Type = "government"  // 机关
	TypeOther       Type = "other"       // 其他
)

var typeLabels = map[Type]string{
	TypeEnterprise: "企业", TypeIndividual: "个体工商户", TypeCooperative: "农民专业合作社",
	TypeSocialOrg: "社会组织", TypeInstitution: "事业单位", TypeGovernment: "机关", TypeOther: "其他",
}

// Label returns the Chinese name of the type.
func (t Type) Label() string { return typeLabels[t] }

// Valid reports whether t is one of the Type constants.
func (t Type) Valid() bool { _, ok := typeLabels[t]; return ok }

// Status is the registration status as the market regulator publishes it.
type Status string

// Statuses. A subject that is revoked (吊销) still exists as a legal person
// until cancelled (注销); credit records about both stay reportable.
const (
	StatusActive      Status = "active"      // 存续（在业）
	StatusSuspended   Status = "suspended"   // 停业
	StatusLiquidating Status = "liquidating" // 清算
	StatusRevoked     Status = "revoked"     // 吊销
	StatusRescinded   Status = "rescinded"   // 撤销（登记被撤销）
	StatusCancelled   Status = "cancelled"   // 注销
	StatusMovedOut    Status = "moved_out"   // 迁出
)

var statusLabels = map[Status]string{
	StatusActive: "存续（在业）", StatusSuspended: "停业", StatusLiquidating: "清算", StatusRevoked: "吊销",
	StatusRescinded: "撤销", StatusCancelled: "注销", StatusMovedOut: "迁出",
}

// Label returns the Chinese name of the status.
func (s Status) Label() string { return statusLabels[s] }

// Valid reports whether s is one of the Status constants.
func (s Status) Valid() bool { _, ok := statusLabels[s]; return ok }

// ParseStatus reads a stored value or the wording registries use
// ("存续", "在业", "开业", "吊销，未注销", "已注销", "迁出" …).
// "吊销，未注销" is revoked, not cancelled: the order of the tests matters.
func ParseStatus(s string) (Status, bool) {
	s = strings.TrimSpace(s)
	if st := Status(s); st.Valid() {
		return st, true
	}
	has := func(w ...string) bool {
		for _, x := range w {
			if strings.Contains(s, x) {
				return true
			}
		}
		return false
	}
	switch {
	case s == "":
		return "", false
	case strings.HasPrefix(s, "吊销"):
		if has("已注销") {
			return StatusCancelled, true
		}
		return StatusRevoked, true
	case has("注销"):
		return StatusCancelled, true
	case has("撤销"):
		return StatusRescinded, true
	case has("迁出", "迁移"):
		return StatusMovedOut, true
	case has("停业", "歇业"):
		return StatusSuspended, true
	case has("清算"):
		return StatusLiquidating, true
	case has("存续", "在业", "开业", "在营", "正常", "在册"):
		return StatusActive, true
	}
	return "", false
}

// AliasKind is the kind of another identifier or name a subject had.
type AliasKind string

// Alias kinds. The three code kinds are the identifiers that the 2015
// "三证合一" reform folded into the unified code.
const (
	AliasRegNo15    AliasKind = "reg_no15"    // 工商注册号 (GS 15-2006)
	AliasOrgCode9   AliasKind = "org_code9"   // 组织机构代码 (GB 11714)
	AliasTaxNo15    AliasKind = "tax_no15"    // 税务登记号
	AliasFormerName AliasKind = "former_name" // 曾用名
)

var aliasLabels = map[AliasKind][2]string{
	AliasRegNo15:    {"15位工商注册号", "15-digit business registration number"},
	AliasOrgCode9:   {"9位组织机构代码", "9-character organization code"},
	AliasTaxNo15:    {"15位税务登记号", "15-character tax registration number"},
	AliasFormerName: {"曾用名", "former name"},
}

// Label returns the Chinese name of the kind.
func (k AliasKind) Label() string { return aliasLabels[k][0] }

// LabelEn returns the English name of the kind.
func (k AliasKind) LabelEn() string { return aliasLabels[k][1] }

// Valid reports whether k is one of the AliasKind constants.
func (k AliasKind) Valid() bool { _, ok := aliasLabels[k]; return ok }

// Flag marks a subject record that was accepted with a warning and should
// be verified by an operator.
type Flag string

// Flags, set by Subject.Derive from a Verdict's warnings.
const (
	FlagPilotCode     Flag = "pilot_code"     // Fujian pilot code, check character 18 fails
	FlagRegionUnknown Flag = "region_unknown" // positions 3–8 in no GB/T 2260 edition
	FlagDeptUnknown   Flag = "dept_unknown"   // positions 1–2 not in our table
)

// Valid reports whether f is one of the Flag constants.
func (f Flag) Valid() bool {
	return f == FlagPilotCode || f == FlagRegionUnknown || f == FlagDeptUnknown
}
