// SPDX-License-Identifier: Apache-2.0

package consent

import (
	"context"
	"fmt"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
)

// Service holds the rules of authorizations: who may grant, request,
// decide and revoke, which transitions exist, and what the gate may rely
// on. Every change is written with its audit leaf in one transaction.
type Service struct {
	store   Store
	catalog Catalog
	log     Auditor
	signer  note.Signer
	vkey    string
	now     func() time.Time
}

// Options configure a Service.
type Options struct {
	// Secret is the node secret; it seals the receipt signing key.
	Secret []byte
	// Origin names the receipt signing key when it is first created, e.g.
	// "credit.example.gov.cn/consent".
	Origin string
	// Now is the clock (time.Now if nil).
	Now func() time.Time
}

// New returns the consent service, creating the receipt signing key on
// first start.
func New(ctx context.Context, store Store, cat Catalog, log Auditor, opt Options) (*Service, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	signer, vkey, err := loadSigner(ctx, store, opt.Secret, opt.Origin)
	if err != nil {
		return nil, err
	}
	return &Service{store: store, catalog: cat, log: log, signer: signer, vkey: vkey, now: opt.Now}, nil
}

// VerifierKey returns the signed-note verifier key that checks receipts.
func (s *Service) VerifierKey() string { return s.vkey }

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// principal returns the caller, or Unauthenticated.
func principal(ctx context.Context) (access.Principal, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return p, apperr.E(apperr.Unauthenticated, "consent: 请先登录 / sign in first", nil)
	}
	return p, nil
}

// Roles that act on authorizations. The enterprise's administrator signs
// for the enterprise (企业管理员 "grants authorizations"); the institution's
// query officers and approvers are the staff who need the data.
var (
	granters   = []access.Role{access.RoleEnterpriseAdmin}
	requesters = []access.Role{access.RoleInstitutionQueryOfficer, access.RoleInstitutionApprover}
	operators  = []access.Role{access.RoleOperator, access.RoleOperatorAdmin}
)

// enterpriseSigner returns the caller's enterprise organization if the
// caller may sign for enterprises at all.
func (s *Service) enterpriseSigner(ctx context.Context, p access.Principal) (access.Organization, error) {
	if !p.IsOrgKind(access.OrgEnterprise) || !p.HasAny(granters...) {
		return access.Organization{}, apperr.Forbiddenf("consent: 只有企业管理员可以授权 / only the enterprise's administrator may grant, approve, decline or revoke")
	}
	org, err := s.store.FindOrganizationByID(ctx, p.OrgID)
	if err != nil {
		return org, fmt.Errorf("consent: caller organization: %w", err)
	}
	return org, nil
}

// mayRead reports whether p may see a: its two parties and the operators.
func mayRead(p access.Principal, a Authorization) bool {
	switch p.OrgKind {
	case access.OrgOperator:
		return p.HasAny(operators...)
	case access.OrgEnterprise:
		return p.OrgID == a.EnterpriseOrgID
	case access.OrgInstitution:
		return p.OrgID == a.InstitutionOrgID
	}
	return false
}

// checkScope checks every code against the catalog in force: an item or
// a category code, not deprecated.
func (s *Service) checkScope(ctx context.Context, scope []string) error {
	c, _, err := s.catalog.Current(ctx)
	if err != nil {
		return fmt.Errorf("consent: catalog: %w", err)
	}
	for _, code := range scope {
		if it, err := c.Item(code); err == nil {
			if it.Deprecated {
				return apperr.Invalidf("scope: 信息项 %s 已停用 / item %s is deprecated", code, code)
			}
			continue
		}
		if cat, err := c.Category(code); err == nil && !cat.Deprecated {
			continue
		}
		return apperr.Invalidf("scope: 目录中没有信息项或类别 %s / %s is not an item or category of the catalog in force", code, code)
	}
	return nil
}

// itemCategory returns the category of an item of the catalog in force.
func (s *Service) itemCategory(ctx context.Context, item string) (catalog.Item, error) {
	c, _, err := s.catalog.Current(ctx)
	if err != nil {
		return catalog.Item{}, fmt.Errorf("consent: catalog: %w", err)
	}
	return c.Item(item)
}
