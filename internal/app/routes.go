// SPDX-License-Identifier: Apache-2.0

package app

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/xinrong/xinrong/internal/api"
	"github.com/xinrong/xinrong/internal/httpx"
	"github.com/xinrong/xinrong/internal/onboard"
)

// build constructs the services and the HTTP handler:
//
//	request ID → security headers → logging/metrics → outer mux
//	  /healthz, /readyz, /metrics, the OAuth token endpoint: no session
//	  everything else → Authenticate (session or bearer) → CSRF → API and pages
func (a *App) build(ctx context.Context) error {
	if err := a.buildServices(ctx); err != nil {
		return err
	}
	if err := a.buildScore(ctx); err != nil {
		return err
	}
	inner := http.NewServeMux()
	apiH := api.New(api.Deps{Log: a.Log, Tokens: a.Access, Subjects: a.Subjects, Catalog: a.Catalog,
		Collect: a.Ingest, Master: a.Subjects, DataDir: a.Config.DataDir, Consent: a.Consent, Onboard: a.Onboard,
		Gate: a.Gate, Reports: a.Reports, Render: reportRenderers(), Verify: a.Verify,
		Feed: a.Feed, Usage: a.Usage, Rights: a.Rights, Register: a.Register, SelfReports: a.SelfReports, PSI: a.PSI,
		Scores: a.Score})
	apiH.Routes(inner)
	ew, err := a.mountWeb(inner)
	if err != nil {
		return err
	}

	csrf, err := httpx.CSRF(httpx.CSRFOptions{Secret: a.Secret, SecureCookies: a.Config.SecureCookies, ErrorWriter: ew,
		BypassPatterns: append(api.SelfAuthenticated(), api.CSRFBypass()...)})
	if err != nil {
		return err
	}
	// Institutions' requests are held to the per-second rate of their
	// data sharing agreement (接入协议) once they are authenticated.
	limited := onboard.RateLimit(onboard.NewQuota(a.Store, nil), ew)(inner)
	authed := httpx.Authenticate(a.Access, httpx.AuthOptions{SecureCookies: a.Config.SecureCookies, ErrorWriter: ew, Log: a.Log})(csrf(limited))

	outer := http.NewServeMux()
	outer.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		_ = httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	outer.HandleFunc("GET /readyz", a.readyz)
	outer.Handle("GET /metrics", promhttp.HandlerFor(a.Metrics, promhttp.HandlerOpts{}))
	if err := a.mountAudit(outer); err != nil {
		return err
	}
	for _, p := range api.SelfAuthenticated() {
		outer.Handle(p, inner)
	}
	outer.Handle("/", authed)

	m := httpx.NewMetrics(a.Metrics)
	a.handler = httpx.RequestID(httpx.SecurityHeaders(httpx.Observe(a.Log, m, outer)))
	return nil
}

// readyz answers 200 only when the database answers and its schema is
// current, so a load balancer sends no traffic to a half-ready process.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.Store.Ping(ctx); err != nil {
		_ = httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "reason": "database does not answer"})
		return
	}
	if p, err := a.Store.Pending(ctx); err != nil || len(p) > 0 {
		_ = httpx.JSON(w, http.StatusServiceUnavailable, map[string]any{"status": "unavailable", "reason": "migrations pending", "pending": p})
		return
	}
	_ = httpx.JSON(w, http.StatusOK, map[string]string{"status": "ready", "database": a.Store.Dialect()})
}
