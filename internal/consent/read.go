// SPDX-License-Identifier: Apache-2.0

package consent

import (
	"context"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
)

// Get returns an authorization with its status in force now. Only its two
// parties and the operators may read it; to anyone else it does not exist
// (NotFound), so that IDs reveal nothing.
func (s *Service) Get(ctx context.Context, id string) (Authorization, error) {
	p, err := principal(ctx)
	if err != nil {
		return Authorization{}, err
	}
	a, err := s.store.FindAuthorizationByID(ctx, id)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return Authorization{}, err
	}
	if err != nil || !mayRead(p, a) {
		return Authorization{}, apperr.NotFoundf("consent: 没有授权 %s / no authorization %s", id, id)
	}
	a.Status = a.StatusAt(s.clock())
	return a, nil
}

// List returns the caller's authorizations, newest first: an enterprise
// sees what it granted or was asked for, an institution what it holds or
// asked for, an operator every one (f narrows the list). Statuses are
// those in force now. Returns Forbidden for anyone else.
func (s *Service) List(ctx context.Context, f Filter) ([]Authorization, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	switch {
	case p.IsOrgKind(access.OrgEnterprise):
		f.EnterpriseOrgID = p.OrgID
	case p.IsOrgKind(access.OrgInstitution):
		f.InstitutionOrgID = p.OrgID
	case p.IsOrgKind(access.OrgOperator) && p.HasAny(operators...):
	default:
		return nil, apperr.Forbiddenf("consent: 无权查看授权 / not allowed to list authorizations")
	}
	if f.Limit <= 0 || f.Limit > 500 {
		f.Limit = 500
	}
	as, err := s.store.FindAuthorizations(ctx, f)
	if err != nil {
		return nil, err
	}
	now := s.clock()
	for i := range as {
		as[i].Status = as[i].StatusAt(now)
	}
	return as, nil
}

// Receipt returns the signed receipt of an authorization: the grant's
// while it is active or has lapsed, the revocation's once revoked.
// Returns NotFound, also for a request never approved (it has none).
func (s *Service) Receipt(ctx context.Context, id string) ([]byte, error) {
	a, err := s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	if a.ReceiptNote == "" {
		return nil, apperr.NotFoundf("consent: 授权 %s 未生效，没有回执 / authorization %s was never active and has no receipt", id, id)
	}
	return []byte(a.ReceiptNote), nil
}
