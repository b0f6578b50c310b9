// SPDX-License-Identifier: Apache-2.0

package onboard

import (
	"context"
	"slices"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

// Suspend stops the institution at once: its sessions and tokens end
// through the access service before the application is marked suspended,
// so that a failure half-way leaves it shut out rather than open. Only
// operator_admin. Returns Conflict if already suspended or revoked.
func (s *Service) Suspend(ctx context.Context, appID string) (Application, error) {
	p, err := principal(ctx, access.RoleOperatorAdmin)
	if err != nil {
		return Application{}, err
	}
	a, err := s.store.FindApplication(ctx, appID)
	if err != nil {
		return Application{}, err
	}
	if a.Status == StatusSuspended || a.Status == StatusRevoked {
		return Application{}, transition(a.Status, StatusSuspended)
	}
	if err := s.orgs.SuspendOrganization(ctx, a.InstitutionOrgID); err != nil {
		return Application{}, err
	}
	return s.change(ctx, p, appID, "onboard.suspended/v1", func(a *Application) error {
		if a.Status == StatusSuspended {
			return transition(a.Status, StatusSuspended)
		}
		a.SuspendedFrom, a.Status = a.Status, StatusSuspended
		return nil
	})
}

// Reinstate lifts a suspension, returning the application to where it
// was. It is never automatic. Only operator_admin. The organization is
// reinstated in access after the application, so a failure between the
// two leaves the institution shut out.
func (s *Service) Reinstate(ctx context.Context, appID string) (Application, error) {
	p, err := principal(ctx, access.RoleOperatorAdmin)
	if err != nil {
		return Application{}, err
	}
	a, err := s.change(ctx, p, appID, "onboard.reinstated/v1", func(a *Application) error {
		if a.Status != StatusSuspended {
			return apperr.Conflictf("接入未暂停 / the institution is not suspended")
		}
		a.Status, a.SuspendedFrom = a.SuspendedFrom, ""
		return nil
	})
	if err != nil {
		return Application{}, err
	}
	return a, s.orgs.ReinstateOrganization(ctx, a.InstitutionOrgID)
}

// Revoke ends the institution's access for good: the organization is
// revoked in access (sessions and tokens end) and the application can
// never change again. Only operator_admin.
func (s *Service) Revoke(ctx context.Context, appID string) (Application, error) {
	p, err := principal(ctx, access.RoleOperatorAdmin)
	if err != nil {
		return Application{}, err
	}
	a, err := s.store.FindApplication(ctx, appID)
	if err != nil {
		return Application{}, err
	}
	if a.Status == StatusRevoked {
		return Application{}, transition(a.Status, StatusRevoked)
	}
	if err := s.orgs.RevokeOrganization(ctx, a.InstitutionOrgID); err != nil {
		return Application{}, err
	}
	return s.change(ctx, p, appID, "onboard.revoked/v1", func(a *Application) error {
		a.SuspendedFrom, a.Status = "", StatusRevoked
		return nil
	})
}

// SetLimits changes the rate and daily quota under the agreement without
// a new version: limits are the credit centre's operational lever, not a
// term the institution signs. Operator roles only.
func (s *Service) SetLimits(ctx context.Context, appID string, l Limits) (Application, error) {
	p, err := principal(ctx, operatorRoles...)
	if err != nil {
		return Application{}, err
	}
	if err := l.Validate(); err != nil {
		return Application{}, err
	}
	return s.change(ctx, p, appID, "onboard.limits_set/v1", func(a *Application) error {
		if a.Agreement == nil {
			return apperr.Conflictf("尚无协议，不能设置限额 / there is no agreement to set limits on")
		}
		a.Agreement.Limits = l
		return nil
	})
}

// Get returns an application: any for the credit centre, the own one for
// the institution's accounts (others are NotFound to them).
func (s *Service) Get(ctx context.Context, appID string) (Application, error) {
	p, err := principal(ctx, slices.Concat(operatorRoles, institutionRoles)...)
	if err != nil {
		return Application{}, err
	}
	a, err := s.store.FindApplication(ctx, appID)
	if err != nil {
		return Application{}, err
	}
	if !p.IsOrgKind(access.OrgOperator) && a.InstitutionOrgID != p.OrgID {
		return Application{}, apperr.NotFoundf("没有此接入申请 / no such application")
	}
	return a, nil
}

// Mine returns the caller's institution's application, or NotFound.
func (s *Service) Mine(ctx context.Context) (Application, error) {
	p, err := principal(ctx, institutionRoles...)
	if err != nil {
		return Application{}, err
	}
	return s.store.FindApplicationByOrg(ctx, p.OrgID)
}

// List returns applications for the credit centre, newest first.
func (s *Service) List(ctx context.Context, f Filter) ([]Application, error) {
	if _, err := principal(ctx, operatorRoles...); err != nil {
		return nil, err
	}
	return s.store.FindApplications(ctx, f)
}

// Allowed answers the gate's question about the institution: may it,
// under its onboarding, read item for purpose at time at? It must be live,
// its security assessment passed and unexpired, and its signed agreement
// in term and covering the item (directly or by its category) and the
// purpose. Consent and the caller's role are the gate's other questions.
// Returns nil, or apperr.Forbidden whose message gives the reason.
func (s *Service) Allowed(ctx context.Context, institutionOrgID, item, purpose string, at time.Time) error {
	p, err := s.Permit(ctx, institutionOrgID, purpose, at)
	if err != nil {
		return err
	}
	c, _, err := s.catalog.Current(ctx)
	if err != nil {
		return err
	}
	it, err := c.Item(item)
	if err != nil || !p.Covers(it.Code, it.Category) {
		return apperr.Forbiddenf("协议未涵盖信息项 %q / the agreement does not cover item %q", item, item)
	}
	return nil
}

// Permit is what an institution's onboarding lets it read for one purpose
// at one time: the gate reads it once per request and asks it per item.
type Permit struct {
	Agreement Agreement
}

// Covers reports whether the agreement covers the item of category.
func (p Permit) Covers(item, category string) bool { return p.Agreement.Covers(item, category) }

// Permit checks everything about the institution that does not depend on
// the item: live, assessment valid, agreement signed, in term and naming
// purpose. Returns apperr.Forbidden whose message gives the reason.
func (s *Service) Permit(ctx context.Context, institutionOrgID, purpose string, at time.Time) (Permit, error) {
	a, err := s.store.FindApplicationByOrg(ctx, institutionOrgID)
	if apperr.Is(err, apperr.NotFound) {
		return Permit{}, apperr.Forbiddenf("机构未完成接入 / the institution has not been onboarded")
	}
	if err != nil {
		return Permit{}, err
	}
	switch a.Status {
	case StatusLive:
	case StatusSuspended:
		return Permit{}, apperr.Forbiddenf("机构接入已暂停 / the institution's access is suspended")
	case StatusRevoked:
		return Permit{}, apperr.Forbiddenf("机构接入已撤销 / the institution's access is revoked")
	default:
		return Permit{}, apperr.Forbiddenf("机构尚未接入（%s） / the institution is not live yet (%s)", a.Status, a.Status)
	}
	if !a.Assessment.ValidAt(at) {
		return Permit{}, apperr.Forbiddenf("安全评估未通过或已过期 / the security assessment has not passed or has expired")
	}
	ag := a.Agreement
	if !ag.Signed() {
		return Permit{}, apperr.Forbiddenf("数据共享协议未签署 / the data sharing agreement is not signed")
	}
	if !ag.InTerm(at) {
		return Permit{}, apperr.Forbiddenf("数据共享协议不在有效期内 / the data sharing agreement is not in term")
	}
	if !slices.Contains(ag.Purposes, purpose) {
		return Permit{}, apperr.Forbiddenf("协议未约定用途 %q / the agreement does not cover purpose %q", purpose, purpose)
	}
	return Permit{Agreement: *ag}, nil
}
