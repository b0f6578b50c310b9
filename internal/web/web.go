// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"net/netip"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/subject"
)

// Sessions signs people in and out with a browser session; resolving the
// cookie on each request is httpx.Authenticate's job. *access.Service
// implements it.
type Sessions interface {
	// Login checks a password and opens a session. Returns
	// access.ErrInvalidCredentials, access.ErrLockedOut or Forbidden.
	Login(ctx context.Context, username, password string, meta access.LoginMeta) (access.Session, access.Principal, error)
	// Logout ends a session; an unknown one is not an error.
	Logout(ctx context.Context, token string) error
}

// Organizations reads the signed-in user's organization (for an
// enterprise, its own unified code). *access.Service implements it.
type Organizations interface {
	FindOrganization(ctx context.Context, orgID string) (access.Organization, error)
}

// Subjects is the enterprise master. *subject.Service implements it.
type Subjects interface {
	// Search returns one page of subjects; Invalid for a query it refuses.
	Search(ctx context.Context, f subject.Filter) (subject.Page, error)
	// Get returns a subject by unified code or a legacy identifier;
	// NotFound if there is none.
	Get(ctx context.Context, code string) (subject.Subject, error)
}

// Catalogs returns the catalog in force on this node.
type Catalogs interface {
	Current(ctx context.Context) (*catalog.Catalog, error)
}

// StaticCatalog serves one catalog that never changes, such as
// catalog.Default() before the catalog service stores versions.
type StaticCatalog struct{ Catalog *catalog.Catalog }

// Current returns the catalog.
func (s StaticCatalog) Current(context.Context) (*catalog.Catalog, error) { return s.Catalog, nil }

// Gate releases enterprise information; every page about one enterprise
// asks it. *gate.Gate implements it.
type Gate interface {
	Release(ctx context.Context, req gate.Request, seal gate.Seal) (*gate.View, error)
	// Searched logs a search of the register before its hits are shown.
	Searched(ctx context.Context, filter string, hits int) error
}

// Reports issues credit reports and checks them. *report.Service
// implements it.
type Reports interface {
	Issue(ctx context.Context, ask report.Ask) (*report.Report, error)
	Check(ctx context.Context, number, hash string) (report.Authenticity, error)
}

type Deps struct {
	Sessions      Sessions
	Organizations Organizations
	Subjects      Subjects
	Catalog       Catalogs
	// Gate guards the enterprise profile; Reports issues reports, and
	// RenderPDF (optional) renders them as PDF.
	Gate      Gate
	Reports   Reports
	RenderPDF func(w io.Writer, r *report.Report, lang string) error
	// Collect serves the collection pages (数据归集); optional: without it
	// they answer 503 and the home page marks collection as coming soon.
	Collect    Collector
	MasterSize MasterSize // optional: the base of the collection rate (归集率)
	// Consent serves the authorization pages (授权管理) and Usage the
	// access log and usage feedback pages; optional: without them those
	// pages answer 503.
	Consent Consent
	// Register serves real-name registration and staff accounts, and
	// SelfReports self-reported information; without them their pages
	// answer 503.
	Register    Registrations
	SelfReports SelfReports
	Usage       Usage
	// Rights serves the self-query, objection, repair, inbox and
	// notification pages; without it they answer 503.
	Rights Rights
	// Scores shows the latest credit evaluation on the enterprise's own
	// profile (and to the credit centre); optional.
	Scores Scores
	// DataDir holds the node's files; uploads are spooled to DataDir/uploads
	// (the system temp directory when empty).
	DataDir string

	NodeName      string // shown in the header and on the login page
	Region        string // GB/T 2260 code of the node's area; the region filter lists what lies below it
	DefaultLang   string // "zh" or "en"
	Log           *slog.Logger
	SecureCookies bool // set Secure on cookies (behind HTTPS)
	// TrustedProxies are the load balancers whose X-Forwarded-For names
	// the client that the sign-in lockout counts (see httpx.LoginMeta).
	TrustedProxies []netip.Prefix
}

// Handler serves the HTML pages. It expects the node's middleware around
// it, outermost first: httpx.RequestID, httpx.SecurityHeaders (the CSP the
// pages are written for), httpx.Authenticate and httpx.CSRF, the last two
// with WriteError as their ErrorWriter for UI paths so that refusals are
// pages, not JSON.
type Handler struct {
	deps   Deps
	tpl    *templates
	msgs   messages
	assets *assets
	mux    *http.ServeMux
}

// New parses every template and message catalog and hashes the static
// files. It fails if a page, partial, asset or translation is missing, so
// that a broken build never starts.
func New(deps Deps) (*Handler, error) {
	if deps.Sessions == nil || deps.Subjects == nil || deps.Catalog == nil || deps.Organizations == nil {
		return nil, errors.New("web: Deps.Sessions, Organizations, Subjects and Catalog are required")
	}
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	if !validLang(deps.DefaultLang) {
		deps.DefaultLang = LangZh
	}
	h := &Handler{deps: deps}
	var err error
	if h.msgs, err = loadMessages(); err != nil {
		return nil, err
	}
	if h.tpl, err = loadTemplates(); err != nil {
		return nil, err
	}
	if h.assets, err = loadAssets(); err != nil {
		return nil, err
	}
	h.mux = http.NewServeMux()
	h.Routes(h.mux)
	return h, nil
}

// ServeHTTP serves the UI on its own mux, for tests and for nodes that
// mount it alone.
func (h *Handler) ServeHTTP(w http.ResponseWriter, r *http.Request) { h.mux.ServeHTTP(w, r) }
