// SPDX-License-Identifier: Apache-2.0

package onboard

import (
	"context"
	"fmt"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
)

// Orgs is what onboarding needs from the access service: the institution's
// organization, and the switch that ends its sessions and tokens at once.
// *access.Service implements it.
type Orgs interface {
	FindOrganization(ctx context.Context, orgID string) (access.Organization, error)
	SuspendOrganization(ctx context.Context, orgID string) error
	ReinstateOrganization(ctx context.Context, orgID string) error
	RevokeOrganization(ctx context.Context, orgID string) error
}

// Catalog gives the catalog in force, against which agreements are
// checked. *catalog.Service implements it.
type Catalog interface {
	Current(ctx context.Context) (*catalog.Catalog, int, error)
}

// Auditor appends events inside a transaction. *audit.Service implements it.
type Auditor interface {
	Append(ctx context.Context, tx audit.Appender, events ...audit.Event) ([]int64, error)
}

var (
	_ Orgs    = (*access.Service)(nil)
	_ Catalog = (*catalog.Service)(nil)
	_ Auditor = (*audit.Service)(nil)
)

// Options configure a Service.
type Options struct {
	Now func() time.Time // time.Now if nil
}

// Service holds the onboarding rules: who may move an application from
// which state to which, and what the gate may rely on.
type Service struct {
	store   Store
	orgs    Orgs
	catalog Catalog
	audit   Auditor
	now     func() time.Time
}

// New returns the onboarding service.
func New(store Store, orgs Orgs, cat Catalog, aud Auditor, opt Options) *Service {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	return &Service{store: store, orgs: orgs, catalog: cat, audit: aud, now: opt.Now}
}

func (s *Service) clock() time.Time { return s.now().UTC().Truncate(time.Microsecond) }

// operatorRoles may run assessments and approve terms; only the
// administrator may cut an institution off or let it back in, as in access.
var operatorRoles = []access.Role{access.RoleOperatorAdmin, access.RoleOperator}

// institutionRoles are every role of an institution's accounts.
var institutionRoles = access.RolesFor(access.OrgInstitution)

func principal(ctx context.Context, roles ...access.Role) (access.Principal, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return access.Principal{}, apperr.Unauthenticatedf("请先登录 / sign in first")
	}
	if !p.HasAny(roles...) {
		return access.Principal{}, apperr.Forbiddenf("无权执行此接入管理操作 / your role may not do this onboarding step")
	}
	return p, nil
}

// change loads the application, lets fn check and modify it, and writes it
// with its audit event in one transaction. The write only succeeds if the
// status is still the one fn saw, so two operators cannot both move it.
func (s *Service) change(ctx context.Context, p access.Principal, id, kind string, fn func(a *Application) error) (Application, error) {
	a, err := s.store.FindApplication(ctx, id)
	if err != nil {
		return Application{}, err
	}
	if a.Status == StatusRevoked {
		return Application{}, apperr.Conflictf("接入已撤销，不能再变更 / the institution's access is revoked and cannot change")
	}
	from := a.Status
	if err := fn(&a); err != nil {
		return Application{}, err
	}
	a.UpdatedAt = s.clock()
	err = s.store.OnboardTx(ctx, func(tx Tx) error {
		if err := tx.UpdateApplication(ctx, a, from); err != nil {
			return err
		}
		return s.record(ctx, tx, p, kind, a)
	})
	if err != nil {
		return Application{}, fmt.Errorf("onboard: %s %s: %w", kind, id, err)
	}
	return a, nil
}

// record appends the audit event of a change to a.
func (s *Service) record(ctx context.Context, tx Tx, p access.Principal, kind string, a Application) error {
	d := map[string]string{"application": a.ID, "institution": a.InstitutionOrgID, "status": string(a.Status)}
	if a.Assessment != nil {
		d["assessment_result"] = string(a.Assessment.Result)
	}
	auth := ""
	if a.Agreement != nil {
		d["agreement_version"] = fmt.Sprint(a.Agreement.Version)
		auth = fmt.Sprintf("agreement:%s/v%d", a.ID, a.Agreement.Version)
	}
	_, err := s.audit.Append(ctx, tx, audit.Event{
		Kind: kind, Time: a.UpdatedAt, Outcome: audit.OutcomeOK, Authorization: auth, Details: d,
		Actor: audit.ActorOf(p),
	})
	return err
}
