// SPDX-License-Identifier: Apache-2.0

package usage

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Service answers the access log and the usage feedback, and runs the
// aggregation job.
type Service struct {
	store     Store
	log       Log
	providers Providers
	catalog   Catalog
	batch     int
	witness   Witness
}

// Options configure a Service.
type Options struct {
	// Batch is how many audit leaves one transaction of the job
	// aggregates (500 if zero; at most 1000, the log's page limit).
	Batch int
	// Witness logs the credit centre's reads of an enterprise's access
	// log (the gate). Without it, operators cannot read access logs.
	Witness Witness
}

// Witness logs a read of an enterprise's access log. *gate.Gate
// implements it.
type Witness interface {
	AccessLogRead(ctx context.Context, uscc string) error
}

// New returns the usage service.
func New(store Store, log Log, providers Providers, cat Catalog, opt Options) *Service {
	if opt.Batch <= 0 {
		opt.Batch = 500
	}
	return &Service{store: store, log: log, providers: providers, catalog: cat, batch: min(opt.Batch, 1000), witness: opt.Witness}
}

func principal(ctx context.Context) (access.Principal, error) {
	p, ok := access.PrincipalFrom(ctx)
	if !ok {
		return p, apperr.Unauthenticatedf("usage: 请先登录 / sign in first")
	}
	return p, nil
}

// Roles that read usage feedback: a provider's own staff, and the credit
// centre for every provider.
var (
	providerRoles = []access.Role{access.RoleProviderAdmin, access.RoleProviderSubmitter}
	operatorRoles = []access.Role{access.RoleOperator, access.RoleOperatorAdmin}
)

// VisibleProviders returns the providers whose usage the caller may read:
// those linked to a provider's organization, or every one for the credit
// centre. Returns Forbidden for anyone else.
func (s *Service) VisibleProviders(ctx context.Context) ([]ingest.Provider, error) {
	p, err := principal(ctx)
	if err != nil {
		return nil, err
	}
	operator := p.IsOrgKind(access.OrgOperator) && p.HasAny(operatorRoles...)
	if !operator && !(p.IsOrgKind(access.OrgProvider) && p.HasAny(providerRoles...)) {
		return nil, apperr.Forbiddenf("usage: 信息使用情况反馈仅对数据提供单位和信用中心开放 / usage feedback is for data providers and the credit centre")
	}
	all, err := s.providers.Providers(ctx)
	if err != nil {
		return nil, fmt.Errorf("usage: providers: %w", err)
	}
	var out []ingest.Provider
	for _, pr := range all {
		if operator || (p.OrgID != "" && pr.OrgID == p.OrgID) {
			out = append(out, pr)
		}
	}
	slices.SortFunc(out, func(a, b ingest.Provider) int { return strings.Compare(a.Code, b.Code) })
	return out, nil
}

// Institutions lists the active institutions an enterprise may
// authorize, by name.
func (s *Service) Institutions(ctx context.Context) ([]access.Organization, error) {
	if _, err := principal(ctx); err != nil {
		return nil, err
	}
	return s.store.FindOrganizations(ctx, access.OrganizationFilter{Kind: access.OrgInstitution, Status: access.OrgActive})
}

// orgNames resolves organization IDs to organizations, once each.
type orgNames struct {
	store Store
	seen  map[string]access.Organization
}

func (n *orgNames) get(ctx context.Context, id string) (access.Organization, error) {
	if o, ok := n.seen[id]; ok {
		return o, nil
	}
	o, err := n.store.FindOrganizationByID(ctx, id)
	if apperr.Is(err, apperr.NotFound) {
		o, err = access.Organization{ID: id}, nil // removed since: shown by its ID
	}
	if err != nil {
		return o, err
	}
	if n.seen == nil {
		n.seen = map[string]access.Organization{}
	}
	n.seen[id] = o
	return o, nil
}
