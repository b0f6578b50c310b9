// SPDX-License-Identifier: Apache-2.0

package onboard

import (
	"context"
	"fmt"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
)

// Apply submits the caller's institution's application. Only an
// institution administrator may apply, for its own organization, once.
// Returns Invalid, Forbidden, or Conflict if it has applied already.
func (s *Service) Apply(ctx context.Context, in NewApplication) (Application, error) {
	p, err := principal(ctx, access.RoleInstitutionAdmin)
	if err != nil {
		return Application{}, err
	}
	if err := in.Validate(); err != nil {
		return Application{}, err
	}
	o, err := s.orgs.FindOrganization(ctx, p.OrgID)
	if err != nil {
		return Application{}, err
	}
	if o.Kind != access.OrgInstitution || o.Status != access.OrgActive {
		return Application{}, apperr.Forbiddenf("只有正常状态的接入机构可以申请 / only an active institution may apply")
	}
	now := s.clock()
	a := Application{ID: id.New(), InstitutionOrgID: o.ID, InstitutionType: in.InstitutionType,
		LicenceNumber: in.LicenceNumber, ContactName: in.ContactName, ContactPhone: in.ContactPhone,
		Status: StatusApplied, CreatedAt: now, UpdatedAt: now}
	err = s.store.OnboardTx(ctx, func(tx Tx) error {
		if err := tx.CreateApplication(ctx, a); err != nil {
			if apperr.Is(err, apperr.Conflict) {
				return apperr.E(apperr.Conflict, "本机构已提交接入申请 / your institution has applied already", err)
			}
			return err
		}
		return s.record(ctx, tx, p, "onboard.applied/v1", a)
	})
	if err != nil {
		return Application{}, fmt.Errorf("onboard: apply: %w", err)
	}
	return a, nil
}

// StartAssessment marks that the credit centre has begun the security
// assessment. Operator roles only; the application must be applied.
func (s *Service) StartAssessment(ctx context.Context, appID string) (Application, error) {
	p, err := principal(ctx, operatorRoles...)
	if err != nil {
		return Application{}, err
	}
	return s.change(ctx, p, appID, "onboard.assessing/v1", func(a *Application) error {
		if a.Status != StatusApplied {
			return transition(a.Status, StatusAssessing)
		}
		a.Status = StatusAssessing
		return nil
	})
}

// Assess records a security assessment. Operator roles only. Before the
// agreement is signed it moves the application to assessed; later (a
// renewal) it replaces the assessment and keeps the status, so a failed
// or expired renewal shuts access through Allowed.
func (s *Service) Assess(ctx context.Context, appID string, in NewAssessment) (Application, error) {
	p, err := principal(ctx, operatorRoles...)
	if err != nil {
		return Application{}, err
	}
	overall, err := in.Validate()
	if err != nil {
		return Application{}, err
	}
	now := s.clock()
	exp := in.ExpiresAt.UTC()
	if exp.IsZero() {
		exp = now.Add(DefaultValidity)
	}
	if !exp.After(now) {
		return Application{}, apperr.Invalidf("expires_at: 有效期须晚于评估时间 / must be after the assessment")
	}
	return s.change(ctx, p, appID, "onboard.assessed/v1", func(a *Application) error {
		switch a.Status {
		case StatusApplied, StatusAssessing, StatusAssessed:
			a.Status = StatusAssessed
		}
		a.Assessment = &Assessment{Checks: in.Checks, Result: overall, Reviewer: p.ID(), AssessedAt: now, ExpiresAt: exp}
		return nil
	})
}

// Approve sets the agreement terms the institution is to sign, as a new
// version. Operator roles only; the assessment must have passed and hold.
// Categories and items must exist in the catalog in force.
func (s *Service) Approve(ctx context.Context, appID string, in NewAgreement) (Application, error) {
	p, err := principal(ctx, operatorRoles...)
	if err != nil {
		return Application{}, err
	}
	if err := in.Validate(); err != nil {
		return Application{}, err
	}
	if err := s.checkCatalog(ctx, in); err != nil {
		return Application{}, err
	}
	now := s.clock()
	return s.change(ctx, p, appID, "onboard.agreement_approved/v1", func(a *Application) error {
		if a.Status != StatusAssessed {
			return transition(a.Status, StatusAssessed)
		}
		if !a.Assessment.ValidAt(now) {
			return apperr.Forbiddenf("安全评估未通过或已过期 / the security assessment has not passed or has expired")
		}
		v := 1
		if a.Agreement != nil {
			v = a.Agreement.Version + 1
		}
		a.Agreement = &Agreement{Version: v, Categories: in.Categories, Items: in.Items, Purposes: in.Purposes,
			From: in.From.UTC(), Until: in.Until.UTC(), Limits: in.Limits, ApprovedBy: p.ID(), ApprovedAt: now}
		return nil
	})
}

func (s *Service) checkCatalog(ctx context.Context, in NewAgreement) error {
	c, _, err := s.catalog.Current(ctx)
	if err != nil {
		return err
	}
	for _, code := range in.Categories {
		if _, err := c.Category(code); err != nil {
			return apperr.Invalidf("categories: 目录中没有信息类别 %q / no category %q in the catalog", code, code)
		}
	}
	for _, code := range in.Items {
		if _, err := c.Item(code); err != nil {
			return apperr.Invalidf("items: 目录中没有信息项 %q / no item %q in the catalog", code, code)
		}
	}
	return nil
}

// Sign records the institution administrator's signature of the approved
// agreement with its credit commitment text. The caller's own
// institution only. The application moves to agreement_signed.
func (s *Service) Sign(ctx context.Context, appID string, version int, commitment string) (Application, error) {
	p, err := principal(ctx, access.RoleInstitutionAdmin)
	if err != nil {
		return Application{}, err
	}
	text, err := validateCommitment(commitment)
	if err != nil {
		return Application{}, err
	}
	now := s.clock()
	return s.change(ctx, p, appID, "onboard.agreement_signed/v1", func(a *Application) error {
		if a.InstitutionOrgID != p.OrgID {
			return apperr.NotFoundf("没有此接入申请 / no such application")
		}
		if a.Status != StatusAssessed || a.Agreement == nil || a.Agreement.Signed() {
			return apperr.Conflictf("没有待签署的协议 / there is no agreement awaiting signature")
		}
		if a.Agreement.Version != version {
			return apperr.Conflictf("协议已更新为第%d版，请阅读后签署 / the agreement is now version %d; read it before signing", a.Agreement.Version, a.Agreement.Version)
		}
		a.Agreement.Commitment, a.Agreement.SignedBy, a.Agreement.SignedAt = text, p.ID(), now
		a.Status = StatusAgreementSigned
		return nil
	})
}

// Activate puts a signed institution live. Operator roles only; the
// assessment must still hold.
func (s *Service) Activate(ctx context.Context, appID string) (Application, error) {
	p, err := principal(ctx, operatorRoles...)
	if err != nil {
		return Application{}, err
	}
	now := s.clock()
	return s.change(ctx, p, appID, "onboard.activated/v1", func(a *Application) error {
		if a.Status != StatusAgreementSigned {
			return transition(a.Status, StatusLive)
		}
		if !a.Assessment.ValidAt(now) {
			return apperr.Forbiddenf("安全评估未通过或已过期 / the security assessment has not passed or has expired")
		}
		a.Status = StatusLive
		return nil
	})
}

func transition(from, to Status) error {
	return apperr.Conflictf("不能从 %s 变为 %s / an application cannot move from %s to %s", from, to, from, to)
}
