// SPDX-License-Identifier: Apache-2.0

package app

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/xinrong/xinrong/internal/httpx"
)

// build constructs the services and the HTTP handler.
func (a *App) build(ctx context.Context) error {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) {
		_ = httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	})
	mux.HandleFunc("GET /readyz", a.readyz)
	mux.Handle("GET /metrics", promhttp.HandlerFor(a.Metrics, promhttp.HandlerOpts{}))

	m := httpx.NewMetrics(a.Metrics)
	a.handler = httpx.RequestID(httpx.SecurityHeaders(httpx.Observe(a.Log, m, mux)))
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
