// SPDX-License-Identifier: Apache-2.0

package consent

import (
	"context"
	"fmt"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/id"
)

// Grant records an authorization the calling enterprise gives an
// institution, active at once, with its signed receipt. Only the
// enterprise's administrator may grant, and only for its own code.
// Returns Forbidden, Invalid (terms, scope, institution) or NotFound.
func (s *Service) Grant(ctx context.Context, t Terms) (Authorization, error) {
	p, err := principal(ctx)
	if err != nil {
		return Authorization{}, err
	}
	org, err := s.enterpriseSigner(ctx, p)
	if err != nil {
		return Authorization{}, err
	}
	now := s.clock()
	t.normalize(now)
	if t.EnterpriseUSCC == "" {
		t.EnterpriseUSCC = org.Code
	}
	if org.Code == "" || t.EnterpriseUSCC != org.Code {
		return Authorization{}, apperr.Forbiddenf("consent: 只能为本企业授权 / an enterprise may grant only for its own code")
	}
	if err := s.checkTerms(ctx, t, now); err != nil {
		return Authorization{}, err
	}
	inst, err := s.store.FindOrganizationByID(ctx, t.InstitutionOrgID)
	if err != nil || inst.Kind != access.OrgInstitution || inst.Status != access.OrgActive {
		return Authorization{}, apperr.Invalidf("institution_org_id: 不是在册的接入机构 / %q is not an active access institution", t.InstitutionOrgID)
	}
	a := newAuthorization(t, org.ID, inst.ID, now)
	a.Status, a.GrantedBy, a.DecidedBy, a.DecidedAt = StatusActive, p.ID(), p.ID(), now
	return s.create(ctx, p, a, "consent.granted/v1")
}

// Request records an institution's request for an authorization, which
// the enterprise then approves or declines. The enterprise must have an
// account on the platform, since only it can decide. Returns Forbidden,
// Invalid or NotFound (no such enterprise account).
func (s *Service) Request(ctx context.Context, t Terms) (Authorization, error) {
	p, err := principal(ctx)
	if err != nil {
		return Authorization{}, err
	}
	if !p.IsOrgKind(access.OrgInstitution) || !p.HasAny(requesters...) {
		return Authorization{}, apperr.Forbiddenf("consent: 只有接入机构的查询员或审批员可以申请授权 / only an institution's query officers and approvers may request")
	}
	now := s.clock()
	t.normalize(now)
	t.InstitutionOrgID = p.OrgID
	if err := s.checkTerms(ctx, t, now); err != nil {
		return Authorization{}, err
	}
	ent, err := s.store.FindOrganizationByCode(ctx, t.EnterpriseUSCC)
	if err != nil || ent.Kind != access.OrgEnterprise || ent.Status != access.OrgActive {
		return Authorization{}, apperr.NotFoundf("enterprise_uscc: 企业 %s 尚未在平台开户，无法确认授权 / %s has no enterprise account to decide the request", t.EnterpriseUSCC, t.EnterpriseUSCC)
	}
	a := newAuthorization(t, ent.ID, p.OrgID, now)
	a.Status, a.RequestedBy = StatusRequested, p.ID()
	return s.create(ctx, p, a, "consent.requested/v1")
}

// checkTerms validates the fields, then the scope against the catalog.
func (s *Service) checkTerms(ctx context.Context, t Terms, now time.Time) error {
	if err := t.Validate(now); err != nil {
		return err
	}
	return s.checkScope(ctx, t.Scope)
}

func newAuthorization(t Terms, entOrg, instOrg string, now time.Time) Authorization {
	return Authorization{ID: id.New(), EnterpriseUSCC: t.EnterpriseUSCC, EnterpriseOrgID: entOrg, InstitutionOrgID: instOrg,
		Scope: t.Scope, Purpose: t.Purpose, PurposeText: t.PurposeText, Mode: t.Mode, ValidFrom: t.ValidFrom,
		ValidUntil: t.ValidUntil, CreatedAt: now, UpdatedAt: now}
}

// create signs the receipt of an active authorization and writes it with
// its audit leaf.
func (s *Service) create(ctx context.Context, p access.Principal, a Authorization, kind string) (Authorization, error) {
	if a.Status == StatusActive {
		var err error
		if a.ReceiptNote, err = signReceipt(receiptOf(a, a.UpdatedAt), s.signer); err != nil {
			return Authorization{}, err
		}
	}
	err := s.store.ConsentTx(ctx, func(tx Tx) error {
		if err := tx.CreateAuthorization(ctx, a); err != nil {
			return fmt.Errorf("consent: create: %w", err)
		}
		_, err := s.log.Append(ctx, tx, event(kind, p, a, a.UpdatedAt))
		return err
	})
	if err != nil {
		return Authorization{}, err
	}
	return a, nil
}
