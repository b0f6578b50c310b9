// SPDX-License-Identifier: Apache-2.0

package access

import (
	"slices"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Role is a named set of powers. Roles are stored by their code; services
// decide what each role may do, next to the action it guards.
type Role string

// The roles. Each belongs to exactly one organization kind.
const (
	RoleOperatorAdmin           Role = "operator_admin"            // 信用中心管理员
	RoleOperator                Role = "operator"                  // 信用中心业务人员
	RoleProviderAdmin           Role = "provider_admin"            // 数据提供单位管理员
	RoleProviderSubmitter       Role = "provider_submitter"        // 数据报送员
	RoleInstitutionAdmin        Role = "institution_admin"         // 机构管理员
	RoleInstitutionQueryOfficer Role = "institution_query_officer" // 机构查询员
	RoleInstitutionApprover     Role = "institution_approver"      // 机构审批员
	RoleEnterpriseAdmin         Role = "enterprise_admin"          // 企业管理员
	RoleEnterpriseStaff         Role = "enterprise_staff"          // 企业经办人
	RoleRegulatorViewer         Role = "regulator_viewer"          // 监管查看员
)

// RoleInfo describes a role for pages and the API.
type RoleInfo struct {
	Role    Role
	Kind    OrgKind // the only organization kind whose accounts may hold it
	Admin   bool    // manages its own organization's accounts and clients
	ZH, EN  string  // labels
	Summary string  // what the role is for (English; the UI shows ZH + EN labels)
}

var roleTable = []RoleInfo{
	{RoleOperatorAdmin, OrgOperator, true, "信用中心管理员", "Credit centre administrator", "admits organizations, manages every account, suspends access"},
	{RoleOperator, OrgOperator, false, "信用中心业务人员", "Credit centre operator", "runs the catalog, objections, repair and statistics"},
	{RoleProviderAdmin, OrgProvider, true, "数据提供单位管理员", "Provider administrator", "manages the provider's accounts and push clients"},
	{RoleProviderSubmitter, OrgProvider, false, "数据报送员", "Data submitter", "delivers batches and reads receipts"},
	{RoleInstitutionAdmin, OrgInstitution, true, "机构管理员", "Institution administrator", "manages the institution's accounts, clients and products"},
	{RoleInstitutionQueryOfficer, OrgInstitution, false, "机构查询员", "Institution query officer", "runs authorized queries, reports and verifications"},
	{RoleInstitutionApprover, OrgInstitution, false, "机构审批员", "Institution approver", "decides financing applications and reports outcomes"},
	{RoleEnterpriseAdmin, OrgEnterprise, true, "企业管理员", "Enterprise administrator", "grants authorizations, manages the enterprise's staff"},
	{RoleEnterpriseStaff, OrgEnterprise, false, "企业经办人", "Enterprise staff", "self-query, financing needs and applications"},
	{RoleRegulatorViewer, OrgRegulator, false, "监管查看员", "Regulator viewer", "reads statistics and institution evaluations"},
}

func roleInfo(r Role) (RoleInfo, bool) {
	for _, ri := range roleTable {
		if ri.Role == r {
			return ri, true
		}
	}
	return RoleInfo{}, false
}

// Roles returns every role in display order.
func Roles() []RoleInfo { return slices.Clone(roleTable) }

// Valid reports whether r is one of the Role constants.
func (r Role) Valid() bool { _, ok := roleInfo(r); return ok }

// Label returns the role's name in lang ("zh" or "en"; anything else is zh).
func (r Role) Label(lang string) string {
	ri, _ := roleInfo(r)
	return pick([2]string{ri.ZH, ri.EN}, lang)
}

// Admin reports whether r manages its own organization's accounts.
func (r Role) Admin() bool { ri, _ := roleInfo(r); return ri.Admin }

// Kind returns the organization kind that may hold r, or "" if r is unknown.
func (r Role) Kind() OrgKind { ri, _ := roleInfo(r); return ri.Kind }

// RolesFor returns the roles accounts of an organization of kind k may hold.
func RolesFor(k OrgKind) []Role {
	var out []Role
	for _, ri := range roleTable {
		if ri.Kind == k {
			out = append(out, ri.Role)
		}
	}
	return out
}

// AdminRole returns the administrator role of kind k ("" for regulators,
// whose accounts the credit centre manages).
func AdminRole(k OrgKind) Role {
	for _, ri := range roleTable {
		if ri.Kind == k && ri.Admin {
			return ri.Role
		}
	}
	return ""
}

// CheckRoles returns an Invalid error unless roles is non-empty, has no
// duplicates, and every role may be held in an organization of kind k.
func CheckRoles(k OrgKind, roles []Role) error {
	if len(roles) == 0 {
		return apperr.Invalidf("roles: 至少需要一个角色 / at least one role is required")
	}
	seen := map[Role]bool{}
	for _, r := range roles {
		if !r.Valid() {
			return apperr.Invalidf("roles: 角色 %q 不存在 / unknown role %q", r, r)
		}
		if r.Kind() != k {
			return apperr.Invalidf("roles: %s 机构不能持有角色 %s / a %s organization cannot hold role %s", k.Label("zh"), r.Label("zh"), k, r)
		}
		if seen[r] {
			return apperr.Invalidf("roles: 角色 %q 重复 / role %q given twice", r, r)
		}
		seen[r] = true
	}
	return nil
}

// FormatRoles joins roles with spaces, the form of an OAuth scope and of
// the roles column.
func FormatRoles(roles []Role) string {
	s := make([]string, len(roles))
	for i, r := range roles {
		s[i] = string(r)
	}
	return strings.Join(s, " ")
}

// ParseRoles splits a space-separated list without checking the codes.
func ParseRoles(s string) []Role {
	f := strings.Fields(s)
	out := make([]Role, len(f))
	for i, x := range f {
		out[i] = Role(x)
	}
	return out
}
