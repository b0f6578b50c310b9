// SPDX-License-Identifier: Apache-2.0

package app

import (
	"context"
	"encoding/json"
	"fmt"
	"github.com/xinrong/xinrong/internal/api"
	"io"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/feed"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/onboard"
	"github.com/xinrong/xinrong/internal/report"
	"github.com/xinrong/xinrong/internal/report/pdf"
	"github.com/xinrong/xinrong/internal/rights"
	"github.com/xinrong/xinrong/internal/subject"
	"github.com/xinrong/xinrong/internal/usage"
	"github.com/xinrong/xinrong/internal/verify"
	"github.com/xinrong/xinrong/internal/verify/psi"
)

// Services are the node's domain services, built once per process.
type Services struct {
	Access   *access.Service
	Catalog  *catalog.Service
	Subjects *subject.Service
	Ingest   *ingest.Service
	Audit    *audit.Service
	Consent  *consent.Service
	Onboard  *onboard.Service
	Quota    *onboard.Quota
	// Gate is the one door for enterprise information leaving the node.
	Gate    *gate.Gate
	Reports *report.Service
	// Verify answers yes/no verifications (数据核验) through the gate.
	Verify *verify.Service
	// PSI matches institutions' customers against platform lists by
	// private set intersection (名单比对), through the gate.
	PSI *psi.Service
	// Feed pushes public-information changes in bulk and by webhook.
	Feed *feed.Service
	// Usage answers access logs and providers' usage feedback.
	Usage *usage.Service
	// Rights keeps objections and credit repair; the gate reads its marks.
	Rights *rights.Service
	// Register binds enterprise accounts to their USCC (实名注册); and
	// SelfReports keeps self-reported information with signed commitments.
	Register    *rights.Registrations
	SelfReports *rights.SelfReports
}

// buildServices constructs the domain services over the store. The catalog
// is the built-in one plus the configured local supplement file, with the
// operators' stored layers on top.
func (a *App) buildServices(ctx context.Context) error {
	base, err := catalog.Default()
	if err != nil {
		return err
	}
	if f := a.Config.CatalogFile; f != "" {
		sup, err := catalog.LoadFile(f)
		if err != nil {
			return fmt.Errorf("catalog_file %s: %w", f, err)
		}
		if base, err = catalog.Merge(base, sup); err != nil {
			return fmt.Errorf("catalog_file %s: %w", f, err)
		}
	}
	cat, err := catalog.NewService(ctx, a.Store, base)
	if err != nil {
		return err
	}
	a.Services = Services{
		Access:   access.New(a.Store, access.Options{SessionTTL: a.Config.SessionTTL}),
		Catalog:  cat,
		Subjects: subject.NewService(a.Store),
	}
	if a.Audit, err = a.newAudit(ctx); err != nil {
		return err
	}
	// Receipts are signed with the node's own consent key, named like the
	// audit log ("host/path/consent"); it is created on first start.
	if a.Consent, err = consent.New(ctx, a.Store, cat, a.Audit, consent.Options{Secret: a.Secret,
		Origin: strings.TrimSuffix(a.Audit.Origin(), "/audit") + "/consent"}); err != nil {
		return err
	}
	a.Onboard = onboard.New(a.Store, a.Access, cat, a.Audit, onboard.Options{})
	a.Quota = onboard.NewQuota(a.Store, nil)
	a.Ingest = ingest.NewService(a.Store, cat, a.Store, a.Log)
	a.Ingest.Master = a.Subjects
	a.Rights = rights.New(a.Store, cat, a.Audit, rights.Options{Delivery: a.Config.NotifyDelivery, Log: a.Log})
	a.Register = rights.NewRegistrations(a.Store, a.Access, a.Subjects, a.Audit, rights.RegisterOptions{})
	// Credit commitments are signed with the node's own key ("host/path/selfreport").
	if a.SelfReports, err = rights.NewSelfReports(ctx, a.Store, cat, a.Ingest, a.Audit, rights.SelfReportOptions{Secret: a.Secret,
		Origin: strings.TrimSuffix(a.Audit.Origin(), "/audit") + "/selfreport", Centre: a.Config.NodeName}); err != nil {
		return err
	}
	a.Gate, err = gate.New(gate.Deps{Store: a.Store, Subjects: a.Subjects, Catalog: cat, Consent: a.Consent,
		Agreements: a.Onboard, Audit: a.Audit, Marks: a.Rights}, gate.Options{})
	if err != nil {
		return err
	}
	a.Usage = usage.New(a.Store, a.Audit, a.Ingest, cat, usage.Options{Witness: a.Gate})
	a.Reports, err = report.New(ctx, a.Store, a.Gate, cat, report.Options{Secret: a.Secret,
		Origin: strings.TrimSuffix(a.Audit.Origin(), "/audit") + "/report", Node: a.Config.NodeName})
	if err != nil {
		return err
	}
	a.Reports.SetAnnotations(a.Rights.ReportNotes) // 破产重整 annotations in every report
	// Verification receipts are signed with the node's own verify key
	// ("host/path/verify"), created on first start.
	a.Verify, err = verify.New(ctx, a.Store, a.Gate, a.Subjects, cat, verify.Options{Secret: a.Secret,
		Origin: strings.TrimSuffix(a.Audit.Origin(), "/audit") + "/verify"})
	if err != nil {
		return err
	}
	// List keys are derived from the node secret and the list version.
	if a.PSI, err = psi.New(a.Store, a.Gate, cat, psi.Options{Secret: a.Secret}); err != nil {
		return err
	}
	// Webhook messages name the node as their CloudEvents source.
	source := "urn:xinrong:" + strings.TrimSuffix(a.Audit.Origin(), "/audit") + "/feed"
	if a.Config.BaseURL != "" {
		source = strings.TrimSuffix(a.Config.BaseURL, "/") + "/feed"
	}
	nets, err := a.Config.WebhookNets()
	if err != nil {
		return err
	}
	a.Feed, err = feed.New(a.Store, a.Gate, feed.Options{Secret: a.Secret, Source: source, AllowNets: nets})
	return err
}

// webCatalog adapts the catalog service to the pages, which need no
// version number.
type webCatalog struct{ svc *catalog.Service }

func (w webCatalog) Current(ctx context.Context) (*catalog.Catalog, error) {
	c, _, err := w.svc.Current(ctx)
	return c, err
}

// reportRenderers are the HTML and PDF renderings of issued reports.
func reportRenderers() api.Renderers {
	return api.Renderers{HTML: report.ServeHTML, PDF: pdf.Serve}
}

// ReportWriters are the renderings of an issued report by format, for the
// command line.
func ReportWriters() map[string]func(io.Writer, *report.Report, string) error {
	return map[string]func(io.Writer, *report.Report, string) error{
		"json": func(w io.Writer, r *report.Report, _ string) error {
			enc := json.NewEncoder(w)
			enc.SetIndent("", "  ")
			return enc.Encode(r)
		},
		"html": report.WriteHTML,
		"pdf":  pdf.Write,
	}
}
