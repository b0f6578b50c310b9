// SPDX-License-Identifier: Apache-2.0

package gate

import (
	"context"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/subject"
)

// grant is how deep the caller may read one item, and on what basis.
type grant struct {
	level  Level
	auth   *consent.Authorization // the authorization relied on, if any
	reason string                 // why the item (or part of it) is withheld
}

// caller is what the gate knows of the principal for one request.
type caller struct {
	p       access.Principal
	purpose string
	base    Level // the level every item gets, before agreement and consent
	grantOf func(it catalog.Item) grant
	self    bool // the enterprise reading its own information
	insider bool // sees records past publicity or revoked (self, operator)
	quota   int  // the institution's daily quota of enterprise queries; 0 for others
}

// queryRoles may read enterprise information for an institution; its
// administrator manages accounts and clients and may not.
var queryRoles = []access.Role{access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}

// decide settles who the caller is and returns the grant of each item, or
// apperr.Forbidden when the caller may read nothing about s at all.
func (g *Gate) decide(ctx context.Context, p access.Principal, s subject.Subject, req Request, at time.Time) (caller, error) {
	c := caller{p: p}
	switch {
	case p.Kind == access.PrincipalSystem || p.HasAny(access.RoleOperatorAdmin, access.RoleOperator):
		c.purpose, c.base, c.insider = PurposeOperation, LevelAuthorized, true
	case p.HasAny(access.RoleEnterpriseAdmin, access.RoleEnterpriseStaff):
		org, err := g.store.FindOrganizationByID(ctx, p.OrgID)
		if err != nil {
			return c, err
		}
		if org.Code == "" || org.Code != s.USCC {
			return c, apperr.Forbiddenf("只能查询本企业的信息 / an enterprise may read only its own information")
		}
		c.purpose, c.base, c.self, c.insider = PurposeSelf, LevelFull, true, true
	case p.Has(access.RoleRegulatorViewer) && req.Action != ActionVerify:
		c.purpose, c.base = PurposeSupervision, LevelPublic
	case p.HasAny(queryRoles...):
		return g.decideInstitution(ctx, c, s, req, at)
	default:
		return c, apperr.Forbiddenf("当前角色无权查询企业信息 / your role may not read enterprise information")
	}
	c.grantOf = func(catalog.Item) grant { return grant{level: c.base} }
	return c, nil
}

// decideInstitution applies the agreement to every item and the
// enterprise's authorizations to the items that need them.
func (g *Gate) decideInstitution(ctx context.Context, c caller, s subject.Subject, req Request, at time.Time) (caller, error) {
	pu := consent.Purpose(req.Purpose)
	if !pu.Valid() {
		return c, apperr.Invalidf("purpose: 请声明查询用途（%s） / declare the purpose of the query (%s)", purposeList(), purposeList())
	}
	c.purpose, c.base = req.Purpose, LevelPublic
	permit, err := g.agreements.Permit(ctx, c.p.OrgID, req.Purpose, at)
	if err != nil {
		return c, err
	}
	c.quota = permit.Agreement.Limits.DailyQuota
	set, err := g.consent.InForce(ctx, c.p.OrgID, s.USCC, pu, at)
	if err != nil {
		return c, err
	}
	c.grantOf = func(it catalog.Item) grant {
		if !permit.Covers(it.Code, it.Category) {
			return grant{reason: "数据共享协议未涵盖该信息项 / the data sharing agreement does not cover this item"}
		}
		if !needsAuthorization(it) {
			return grant{level: LevelPublic}
		}
		if LevelOf(it.Disclosure) == LevelFull && req.Action != ActionVerify {
			return grant{level: LevelPublic, reason: verifyOnlyText}
		}
		a, r := set.For(it.Code, it.Category)
		if r != "" {
			return grant{level: LevelPublic, reason: r.Text()}
		}
		if req.Action == ActionVerify {
			return grant{level: LevelFull, auth: &a} // evaluated inside the gate, never shown
		}
		return grant{level: LevelAuthorized, auth: &a}
	}
	return c, nil
}

// needsAuthorization reports whether any of the item's detail is beyond
// public information.
func needsAuthorization(it catalog.Item) bool {
	for _, f := range it.Fields {
		if fieldLevel(it, f) > LevelPublic {
			return true
		}
	}
	return LevelOf(it.Disclosure) > LevelPublic
}

func purposeList() string {
	s := ""
	for i, p := range consent.Purposes() {
		if i > 0 {
			s += ", "
		}
		s += string(p)
	}
	return s
}
