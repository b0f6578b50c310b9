// SPDX-License-Identifier: Apache-2.0

package access

import (
	"context"
	"fmt"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
)

// CreateOrganization admits an organization to the platform. Only the
// credit centre's administrators (operator_admin) may do it.
// Returns Invalid for bad fields, Conflict if the code is taken,
// Unauthenticated/Forbidden for the caller.
func (s *Service) CreateOrganization(ctx context.Context, in NewOrganization) (Organization, error) {
	p, err := actor(ctx)
	if err != nil {
		return Organization{}, err
	}
	if !p.Has(RoleOperatorAdmin) {
		return Organization{}, apperr.Forbiddenf("只有信用中心管理员可以接入机构 / only a credit centre administrator may admit organizations")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return Organization{}, err
	}
	o := Organization{ID: id.New(), Kind: in.Kind, Name: in.Name, Code: in.Code, Status: OrgActive, CreatedAt: s.now()}
	if err := s.store.CreateOrganization(ctx, o); err != nil {
		if apperr.Is(err, apperr.Conflict) {
			return Organization{}, apperr.E(apperr.Conflict, fmt.Sprintf("机构代码 %s 已存在 / organization code %s already exists", o.Code, o.Code), err)
		}
		return Organization{}, fmt.Errorf("access: create organization: %w", err)
	}
	return o, nil
}

// EnsureOrganization returns the organization with in.Code, creating it if
// there is none, and reports whether it created it. It is the idempotent
// path for seeding: running it on every start makes no duplicates, also
// when several processes start together. Code is required. An existing
// organization with the code but another kind is a Conflict; its name is
// left as it is.
func (s *Service) EnsureOrganization(ctx context.Context, in NewOrganization) (Organization, bool, error) {
	in.Normalize()
	if in.Code == "" {
		return Organization{}, false, apperr.Invalidf("code: 幂等创建需要机构代码 / required to ensure an organization")
	}
	for attempt := 0; ; attempt++ {
		o, err := s.FindOrganizationByCode(ctx, in.Code)
		if err == nil {
			if o.Kind != in.Kind {
				return o, false, apperr.Conflictf("机构代码 %s 已属于%s / code %s belongs to a %s organization", in.Code, o.Kind.Label("zh"), in.Code, o.Kind)
			}
			return o, false, nil
		}
		if !apperr.Is(err, apperr.NotFound) {
			return Organization{}, false, err
		}
		o, err = s.CreateOrganization(ctx, in)
		if apperr.Is(err, apperr.Conflict) && attempt == 0 {
			continue // another process created it between our find and create
		}
		return o, err == nil, err
	}
}

// FindOrganization returns an organization by ID. Any signed-in principal
// may read its own organization; the credit centre and regulators may read
// any. Returns NotFound, Unauthenticated or Forbidden.
func (s *Service) FindOrganization(ctx context.Context, orgID string) (Organization, error) {
	p, err := actor(ctx)
	if err != nil {
		return Organization{}, err
	}
	if p.OrgID != orgID && !p.IsOrgKind(OrgOperator) && !p.IsOrgKind(OrgRegulator) {
		return Organization{}, apperr.Forbiddenf("无权查看其他机构 / you may not see other organizations")
	}
	return s.store.FindOrganizationByID(ctx, orgID)
}

// FindOrganizationByCode returns an organization by its code, for the
// credit centre (operator roles). Returns NotFound, Unauthenticated or Forbidden.
func (s *Service) FindOrganizationByCode(ctx context.Context, code string) (Organization, error) {
	if err := requireOperator(ctx); err != nil {
		return Organization{}, err
	}
	return s.store.FindOrganizationByCode(ctx, NormalizeCode(code))
}

// ListOrganizations lists organizations for the credit centre (operator
// roles), ordered by kind and name.
func (s *Service) ListOrganizations(ctx context.Context, f OrganizationFilter) ([]Organization, error) {
	if err := requireOperator(ctx); err != nil {
		return nil, err
	}
	return s.store.FindOrganizations(ctx, f)
}

// SuspendOrganization stops an organization at once: from the next request
// none of its sessions or access tokens is accepted (they are deleted) and
// none of its users can sign in or clients get a token, until
// ReinstateOrganization. Only operator_admin may do it,
// and not to the caller's own organization (which would lock out the
// credit centre). Returns NotFound, Conflict if revoked, Forbidden.
func (s *Service) SuspendOrganization(ctx context.Context, orgID string) error {
	return s.setOrgStatus(ctx, orgID, OrgSuspended)
}

// ReinstateOrganization lifts a suspension. Same rules as SuspendOrganization.
func (s *Service) ReinstateOrganization(ctx context.Context, orgID string) error {
	return s.setOrgStatus(ctx, orgID, OrgActive)
}

// RevokeOrganization removes an organization from the platform for good;
// its rows stay for the audit trail. Same rules as SuspendOrganization.
func (s *Service) RevokeOrganization(ctx context.Context, orgID string) error {
	return s.setOrgStatus(ctx, orgID, OrgRevoked)
}

func (s *Service) setOrgStatus(ctx context.Context, orgID string, st OrgStatus) error {
	p, err := actor(ctx)
	if err != nil {
		return err
	}
	if !p.Has(RoleOperatorAdmin) {
		return apperr.Forbiddenf("只有信用中心管理员可以变更机构状态 / only a credit centre administrator may change an organization's status")
	}
	if p.OrgID == orgID {
		return apperr.Forbiddenf("不能变更本机构的状态 / you may not change your own organization's status")
	}
	o, err := s.store.FindOrganizationByID(ctx, orgID)
	if err != nil {
		return err
	}
	if o.Status == OrgRevoked {
		return apperr.Conflictf("机构已撤销，不能再变更 / the organization is revoked and cannot change")
	}
	if o.Status == st {
		return nil
	}
	if err := s.store.UpdateOrganizationStatus(ctx, orgID, st, s.now()); err != nil {
		return err
	}
	if st == OrgActive {
		return nil
	}
	// The status check on every request already shuts the organization
	// out, in every process; deleting its sessions and tokens as well makes
	// that final, so reinstating it later does not revive them.
	return s.store.DeleteOrganizationCredentials(ctx, orgID)
}

func requireOperator(ctx context.Context) error {
	p, err := actor(ctx)
	if err != nil {
		return err
	}
	if !p.HasAny(RoleOperatorAdmin, RoleOperator) {
		return apperr.Forbiddenf("仅限信用中心人员 / credit centre staff only")
	}
	return nil
}
