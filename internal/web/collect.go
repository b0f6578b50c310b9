// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
)

// Collector is credit information collection (信用信息归集) as the pages
// use it: batches and their receipts, uploads, the quarantine queue and
// data quality. *ingest.Service implements it.
type Collector interface {
	Providers(ctx context.Context) ([]ingest.Provider, error)
	Batch(ctx context.Context, id string) (ingest.Batch, error)
	Batches(ctx context.Context, f ingest.BatchFilter) ([]ingest.Batch, error)
	Rejections(ctx context.Context, batch string) func(func(ingest.Rejection, error) bool)
	IngestFile(ctx context.Context, in ingest.FileInput) (ingest.Batch, error)
	Quarantine(ctx context.Context, f ingest.QuarantineFilter) ([]ingest.Quarantined, error)
	ResolveQuarantined(ctx context.Context, id, uscc string) (ingest.Quarantined, error)
	Quality(ctx context.Context, window time.Duration, masterSize int64) ([]ingest.Quality, error)
}

// MasterSize counts the enterprises in the master: the expected
// population of items every enterprise should have (归集率).
// *subject.Service implements it.
type MasterSize interface {
	Count(ctx context.Context) (int, error)
}

// Paths of the collection pages.
const (
	collectPath    = "/collect"
	uploadPath     = "/collect/upload"
	quarantinePath = "/collect/quarantine"
	qualityPath    = "/collect/quality"
)

// batchURL is the receipt page of a batch.
func batchURL(id string) string { return "/collect/batches/" + url.PathEscape(id) }

// collector is who is asking, as far as collection cares. Least
// privilege: credit centre staff see every provider and handle the
// quarantine; a provider's own staff see only the providers linked to
// their organization; regulators read data quality and nothing else.
type collector struct {
	operator  bool // credit centre staff: every provider
	regulator bool // data quality only, read-only
	// delivers may upload batches: provider staff for their providers,
	// and the credit centre's operators (not its account administrators)
	// for files that arrive on paper or disk.
	delivers bool
	// resolves may attach or discard quarantined rows: operators only.
	resolves  bool
	providers []ingest.Provider // the providers this user may see, by code
}

// sees reports whether the user may see the provider's batches.
func (c collector) sees(code string) bool { _, ok := c.provider(code); return ok }

// provider returns a visible provider by code.
func (c collector) provider(code string) (ingest.Provider, bool) {
	i := slices.IndexFunc(c.providers, func(p ingest.Provider) bool { return p.Code == code })
	if i < 0 {
		return ingest.Provider{}, false
	}
	return c.providers[i], true
}

// Errors of the collection pages; each says what to do next.
var (
	errCollectOff  = apperr.E(apperr.Unavailable, "本节点未启用信用信息归集，请联系信用中心 / collection is not enabled on this node; contact the credit centre", nil)
	errCollectRole = apperr.Forbiddenf("数据归集仅对信用中心业务人员和数据提供单位报送人员开放；如需使用，请联系本单位管理员分配角色 / " +
		"collection is open to credit centre staff and provider submitters only; ask your administrator for a role")
	errNoDelivery = apperr.Forbiddenf("上传数据须具有信用中心业务人员或数据报送员角色；请联系本单位管理员 / " +
		"uploading needs the credit centre operator or data submitter role; ask your administrator")
	errOtherProvider = apperr.Forbiddenf("该批次属于其他数据提供单位，您无权查看；请从本单位的归集列表进入 / " +
		"this batch belongs to another provider; open your own batches from the collection list")
)

// collectorFor checks the user's organization kind and roles and returns
// what they may see. Regulators pass only where readOnlyRegulator is set.
func (h *Handler) collectorFor(r *http.Request, readOnlyRegulator bool) (collector, error) {
	if h.deps.Collect == nil {
		return collector{}, errCollectOff
	}
	p, _ := access.PrincipalFrom(r.Context())
	var c collector
	switch {
	case p.OrgKind == access.OrgOperator && p.HasAny(access.RoleOperator, access.RoleOperatorAdmin):
		c.operator, c.delivers, c.resolves = true, p.Has(access.RoleOperator), p.Has(access.RoleOperator)
	case p.OrgKind == access.OrgRegulator && p.Has(access.RoleRegulatorViewer) && readOnlyRegulator:
		c.regulator = true
	case p.OrgKind == access.OrgProvider && p.HasAny(access.RoleProviderAdmin, access.RoleProviderSubmitter):
		c.delivers = true
	default:
		return collector{}, errCollectRole
	}
	all, err := h.deps.Collect.Providers(r.Context())
	if err != nil {
		return collector{}, err
	}
	for _, pr := range all {
		if c.operator || c.regulator || (p.OrgID != "" && pr.OrgID == p.OrgID) {
			c.providers = append(c.providers, pr)
		}
	}
	slices.SortFunc(c.providers, func(a, b ingest.Provider) int { return strings.Compare(a.Code, b.Code) })
	return c, nil
}

// visibleBatch returns a batch the user may see: 404 if there is none,
// 403 if it is another provider's.
func (h *Handler) visibleBatch(r *http.Request, c collector, id string) (ingest.Batch, error) {
	b, err := h.deps.Collect.Batch(r.Context(), id)
	if err != nil {
		return ingest.Batch{}, err
	}
	if !c.operator && !c.sees(b.Provider) {
		return ingest.Batch{}, errOtherProvider
	}
	return b, nil
}

// itemLabel names a catalog item in the page's language, or gives its code
// when the catalog in force no longer has it.
func itemLabel(v *view, c *catalog.Catalog, code string) string {
	if c != nil {
		if it, err := c.Item(code); err == nil {
			return v.Pick(it.Name, it.NameEN)
		}
	}
	return code
}

// collectView starts the view of a collection page; tab is the current
// entry of the collection menu (batches, upload, quarantine, quality).
func (h *Handler) collectView(r *http.Request, tab string, data any) *view {
	v := h.newView(r, data)
	v.Nav = "collect-" + tab
	return v
}

// N shows a row count with thousands separators (counts are int64 in
// collection).
func (v *view) N(n int64) string { return formatCount(int(n)) }

// Bi picks the page's language out of a bilingual "中文 / English"
// message, as domain errors and failed batches carry them.
func (v *view) Bi(msg string) string { return pickLang(msg, v.Lang) }

// Pct shows a ratio as a percentage with one decimal: 0.9734 → "97.3%".
func (v *view) Pct(x float64) string { return percent(x) }

// percent never rounds to a figure that would mislead: one rejected row
// in ten thousand is "<0.1%", not "0.0%", and one empty field in ten
// thousand is ">99.9%", not "100.0%".
func percent(x float64) string {
	switch {
	case x > 0 && x < 0.0005:
		return "<0.1%"
	case x < 1 && x >= 0.9995:
		return ">99.9%"
	}
	return strconv.FormatFloat(x*100, 'f', 1, 64) + "%"
}
