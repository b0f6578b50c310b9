// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"path/filepath"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/subject"
)

// Collect is what the API needs from credit information collection
// (信用信息归集). *ingest.Service implements it.
type Collect interface {
	// RegisterProvider creates or updates a provider. Returns Invalid.
	RegisterProvider(ctx context.Context, p ingest.Provider) (ingest.Provider, error)
	// Provider returns a provider, or NotFound.
	Provider(ctx context.Context, code string) (ingest.Provider, error)
	Providers(ctx context.Context) ([]ingest.Provider, error)
	// Mapping returns a saved column mapping template, or NotFound.
	Mapping(ctx context.Context, provider, item string) (ingest.Mapping, error)
	// SaveMapping stores one. Returns Invalid naming a target that is not
	// a field of the item.
	SaveMapping(ctx context.Context, provider, item string, m ingest.Mapping) error
	// Push collects a JSON batch. The same key with other rows is Conflict.
	Push(ctx context.Context, in ingest.PushInput) (ingest.Batch, error)
	// IngestFile collects a batch file; the same content returns the same batch.
	IngestFile(ctx context.Context, in ingest.FileInput) (ingest.Batch, error)
	// StartUpload and IngestUpload begin and finish a resumable upload.
	StartUpload(ctx context.Context, ups *ingest.Uploads, in ingest.Upload) (ingest.Upload, error)
	IngestUpload(ctx context.Context, ups *ingest.Uploads, id string) (ingest.Batch, error)
	// Batch returns a batch, or NotFound.
	Batch(ctx context.Context, id string) (ingest.Batch, error)
	Batches(ctx context.Context, f ingest.BatchFilter) ([]ingest.Batch, error)
	// Rejections yields a batch's rejected rows in row order.
	Rejections(ctx context.Context, batch string) func(func(ingest.Rejection, error) bool)
	Quarantine(ctx context.Context, f ingest.QuarantineFilter) ([]ingest.Quarantined, error)
	// ResolveQuarantined attaches a row to an enterprise, or discards it
	// when uscc is "". Returns NotFound, Invalid or Conflict (handled).
	ResolveQuarantined(ctx context.Context, id, uscc string) (ingest.Quarantined, error)
	// Quality returns figures per provider and item over the window.
	Quality(ctx context.Context, window time.Duration, masterSize int64) ([]ingest.Quality, error)
}

// MasterSize counts the enterprise master, the base of the collection
// rate (归集率). *subject.Service implements it.
type MasterSize interface {
	Count(ctx context.Context) (int, error)
}

var (
	_ Collect    = (*ingest.Service)(nil)
	_ MasterSize = (*subject.Service)(nil)
)

// Who may do what in collection. Operators see every provider; a
// provider's own staff see and deliver only for the providers linked to
// their organization (ingest.Provider.OrgID), which the handlers check on
// top of the role. Institutions and enterprises have no part in
// collection; regulators read the quality figures.
var (
	// collectReaders read providers, batches, receipts and quarantine.
	collectReaders = []access.Role{access.RoleOperator, access.RoleOperatorAdmin, access.RoleProviderAdmin, access.RoleProviderSubmitter}
	// submitters deliver data and keep mapping templates: a provider's
	// staff, and operators collecting files delivered on paper or disk.
	submitters = []access.Role{access.RoleOperator, access.RoleProviderAdmin, access.RoleProviderSubmitter}
	// qualityReaders read the quality figures.
	qualityReaders = []access.Role{access.RoleOperator, access.RoleOperatorAdmin, access.RoleRegulatorViewer,
		access.RoleProviderAdmin, access.RoleProviderSubmitter}
)

// collector holds what the collection handlers need beyond Collect.
type collector struct {
	svc     Collect
	master  MasterSize
	uploads *ingest.Uploads // nil when no data directory is configured
}

func newCollector(deps Deps) collector {
	c := collector{svc: deps.Collect, master: deps.Master}
	if deps.DataDir != "" {
		c.uploads = ingest.NewUploads(filepath.Join(deps.DataDir, "uploads"))
	}
	return c
}

var errNoUploads = apperr.E(apperr.Unavailable, "本节点未配置数据目录，无法接收文件 / this node has no data directory to receive files", nil)

// scope is which providers the caller may see: every one, or those of its
// organization.
type scope struct {
	all   bool
	orgID string
}

// scopeOf returns the caller's scope: operators and regulators see every
// provider (the route has already admitted only the roles that may call
// it), a provider's staff only their organization's.
func scopeOf(ctx context.Context) scope {
	p, _ := access.PrincipalFrom(ctx)
	if p.HasAny(access.RoleOperator, access.RoleOperatorAdmin, access.RoleRegulatorViewer) {
		return scope{all: true}
	}
	return scope{orgID: p.OrgID}
}

// sees reports whether the scope includes provider p.
func (s scope) sees(p ingest.Provider) bool { return s.all || (s.orgID != "" && p.OrgID == s.orgID) }

// provider returns a provider the caller may see: NotFound if there is
// none, Forbidden if it belongs to another organization.
func (h *Handler) provider(ctx context.Context, code string) (ingest.Provider, error) {
	p, err := h.col.svc.Provider(ctx, code)
	if err != nil {
		return p, err
	}
	if !scopeOf(ctx).sees(p) {
		return ingest.Provider{}, apperr.Forbiddenf("数据提供单位 %s 不属于本机构 / provider %s does not belong to your organization", code, code)
	}
	return p, nil
}

// visibleProviders returns the codes of the providers the caller may see,
// or nil for all of them.
func (h *Handler) visibleProviders(ctx context.Context) ([]string, error) {
	sc := scopeOf(ctx)
	if sc.all {
		return nil, nil
	}
	all, err := h.col.svc.Providers(ctx)
	if err != nil {
		return nil, err
	}
	codes := []string{}
	for _, p := range all {
		if sc.sees(p) {
			codes = append(codes, p.Code)
		}
	}
	return codes, nil
}
