// SPDX-License-Identifier: Apache-2.0

package app

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/id"
	"github.com/xinrong/xinrong/internal/score"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

// App is one running node: its store, services and HTTP handler.
type App struct {
	Config  config.Config
	Log     *slog.Logger
	Store   *sqlstore.Store
	Metrics *prometheus.Registry
	Secret  []byte
	Services
	// Score evaluates every enterprise's credit (issue 6).
	Score *score.Service

	holder  string // this process's name in job leases
	handler http.Handler
}

// DSN returns the database the configuration points at.
func DSN(cfg config.Config) string {
	if cfg.DB != "" {
		return cfg.DB
	}
	return filepath.Join(cfg.DataDir, "xinrong.db")
}

// OpenStore opens and migrates the configured database.
func OpenStore(ctx context.Context, cfg config.Config) (*sqlstore.Store, error) {
	s, err := sqlstore.Open(ctx, DSN(cfg))
	if err != nil {
		return nil, err
	}
	if _, err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// New builds a node from cfg: the database is opened and migrated, and
// every service is ready when New returns.
func New(ctx context.Context, cfg config.Config, log *slog.Logger) (*App, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("configuration: %w", err)
	}
	store, err := OpenStore(ctx, cfg)
	if err != nil {
		return nil, err
	}
	secret, err := loadSecret(cfg, log)
	if err != nil {
		store.Close()
		return nil, err
	}
	a := &App{Config: cfg, Log: log, Store: store, Secret: secret, Metrics: prometheus.NewRegistry(), holder: processName()}
	a.Metrics.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	if err := a.build(ctx); err != nil {
		store.Close()
		return nil, err
	}
	return a, nil
}

// Handler returns the node's HTTP handler.
func (a *App) Handler() http.Handler { return a.handler }

// Close releases the store.
func (a *App) Close() error { return a.Store.Close() }

// Serve serves HTTP on ln until ctx is cancelled, then drains in-flight
// requests for up to the configured shutdown timeout.
func (a *App) Serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a.handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       5 * time.Minute, // large batch uploads
		WriteTimeout:      5 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(a.Log.Handler(), slog.LevelWarn),
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	jctx, stopJobs := context.WithCancel(ctx)
	defer stopJobs()
	a.runJobs(jctx)
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	a.Log.Info("shutting down", "timeout", a.Config.ShutdownTimeout)
	sctx, cancel := context.WithTimeout(context.Background(), a.Config.ShutdownTimeout)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("app: shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}

// loadSecret returns the node secret from config, or from DataDir/secret.key,
// creating it on first start. Processes on different machines sharing one
// PostgreSQL database must be given the same XINRONG_SECRET_KEY.
func loadSecret(cfg config.Config, log *slog.Logger) ([]byte, error) {
	if cfg.SecretKey != "" {
		return []byte(cfg.SecretKey), nil
	}
	path := filepath.Join(cfg.DataDir, "secret.key")
	if b, err := os.ReadFile(path); err == nil {
		s := strings.TrimSpace(string(b))
		if len(s) < 32 {
			return nil, fmt.Errorf("secret key file %s is shorter than 32 characters", path)
		}
		return []byte(s), nil
	}
	if err := os.MkdirAll(cfg.DataDir, 0o750); err != nil {
		return nil, fmt.Errorf("data directory %s: %w", cfg.DataDir, err)
	}
	var b [32]byte
	if _, err := rand.Read(b[:]); err != nil {
		return nil, err
	}
	s := base64.RawURLEncoding.EncodeToString(b[:])
	if err := os.WriteFile(path, []byte(s+"\n"), 0o600); err != nil {
		return nil, fmt.Errorf("write secret key %s: %w", path, err)
	}
	if k, _ := config.DBKind(DSN(cfg)); k == "postgres" {
		log.Warn("created a node secret in the data directory; give every process sharing this database the same XINRONG_SECRET_KEY", "path", path)
	}
	return []byte(s), nil
}

// processName names this process in job leases: host, pid and a random
// part, so that a restarted process never inherits a dead one's lease.
func processName() string {
	host, _ := os.Hostname()
	return fmt.Sprintf("%s/%d/%s", host, os.Getpid(), id.New()[16:])
}
