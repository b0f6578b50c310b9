// SPDX-License-Identifier: Apache-2.0

package api

import (
	"context"
	"log/slog"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/subject"
)

// Tokens is what the API needs from the access service for the OAuth
// token endpoint. *access.Service implements it. Authentication of the
// other operations is httpx.Authenticate's, over the same service.
type Tokens interface {
	// IssueToken runs the client credentials grant (RFC 6749 §4.4).
	// Returns access.ErrInvalidClient, access.ErrInvalidScope or
	// access.ErrUnauthorizedClient for the RFC 6749 §5.2 errors.
	IssueToken(ctx context.Context, clientID, clientSecret, scope string) (access.AccessToken, error)
}

// Subjects is what the API needs from the enterprise master.
// *subject.Service implements it.
type Subjects interface {
	// Search returns one page of subjects. Returns Invalid for a bad filter.
	Search(ctx context.Context, f subject.Filter) (subject.Page, error)
	// Get returns a subject by unified code or legacy identifier.
	// Returns NotFound, or Conflict if a legacy identifier is ambiguous.
	Get(ctx context.Context, code string) (subject.Subject, error)
	// Register adds one subject and returns the verdict on its code.
	// Returns Invalid naming the field, or Conflict if already registered.
	Register(ctx context.Context, in subject.Subject) (subject.Subject, subject.Verdict, error)
}

// Catalog is what the API needs from the credit information catalog
// service: the catalog in force and the two ways an operator extends it.
// Each change stores a new numbered version.
type Catalog interface {
	// Current returns the catalog in force and its stored version number.
	Current(ctx context.Context) (*catalog.Catalog, int, error)
	// AddItem adds one item to the catalog in force and returns the new
	// catalog and version. Returns Invalid or Conflict (code exists).
	AddItem(ctx context.Context, it catalog.Item) (*catalog.Catalog, int, error)
	// AddSupplement merges a local supplementary catalog (地方补充目录) in
	// the catalog file format and returns the new catalog and version.
	// Returns Invalid or Conflict.
	AddSupplement(ctx context.Context, sup *catalog.Catalog) (*catalog.Catalog, int, error)
}

// The domain services implement the interfaces as they are, so app passes
// them straight in.
var (
	_ Tokens   = (*access.Service)(nil)
	_ Subjects = (*subject.Service)(nil)
	_ Catalog  = (*catalog.Service)(nil)
)

// Deps are the services the API calls. All are required except Log.
type Deps struct {
	Log      *slog.Logger
	Tokens   Tokens
	Subjects Subjects
	Catalog  Catalog
	// Collect is credit information collection and Master sizes its
	// collection rate. Uploaded files are received in DataDir/uploads,
	// which every process of the node must share (see ingest.Upload);
	// without DataDir, file uploads answer 503.
	Collect Collect
	Master  MasterSize
	DataDir string
	// Onboard is institution onboarding (接入管理).
	Onboard Onboard
	// Consent keeps authorizations (授权) and their receipts.
	Consent Consent
	// Gate releases enterprise information; Reports issues reports over
	// it, rendered by Render.
	Gate    Gate
	Reports Reports
	Render  Renderers
	// Feed pushes public-information changes in bulk (批量推送); without
	// it the feed and subscriptions answer 503.
	Feed Feed
	// Verify answers verifications (数据核验); without it they answer 503.
	Verify Verify
	// Usage answers access logs and usage feedback; without it they answer 503.
	Usage Usage
	// Rights keeps objections and credit repair; without it they answer 503.
	Rights Rights
	// Register binds enterprise accounts (实名注册) and SelfReports keeps
	// self-reported information; without them they answer 503.
	Register    Registrations
	SelfReports SelfReports
	// PSI matches lists by private set intersection (名单比对); without it
	// list matching answers 503.
	PSI PSI
	// Scores answers credit-evaluation statistics; without it they answer 503.
	Scores Scores
}

// Handler serves the JSON API v1. Handlers decode the request, call a
// service and translate its answer; they hold no business rules beyond
// which roles may call which operation.
type Handler struct {
	log         *slog.Logger
	tokens      Tokens
	subjects    Subjects
	catalog     Catalog
	col         collector
	onboard     Onboard
	consent     Consent
	gate        Gate
	reports     Reports
	render      Renderers
	feed        Feed
	verify      Verify
	usage       Usage
	rights      Rights
	regs        Registrations
	selfReports SelfReports
	psi         PSI
	scores      Scores
}

// New returns the API handler over deps.
func New(deps Deps) *Handler {
	log := deps.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	return &Handler{log: log, tokens: deps.Tokens, subjects: deps.Subjects, catalog: deps.Catalog, col: newCollector(deps), onboard: deps.Onboard,
		consent: deps.Consent, gate: deps.Gate, reports: deps.Reports, render: deps.Render, feed: deps.Feed, verify: deps.Verify,
		usage: deps.Usage, rights: deps.Rights, regs: deps.Register, selfReports: deps.SelfReports, psi: deps.PSI,
		scores: deps.Scores}
}
