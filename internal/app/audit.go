// SPDX-License-Identifier: Apache-2.0

package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"log/slog"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

// newAudit builds the node's audit log service: its keys derive from the
// node secret and its checkpoint signing key is created in the database on
// first start, so that every process sharing the database signs with the
// same key. buildServices calls it.
func (a *App) newAudit(ctx context.Context) (*audit.Service, error) {
	return audit.New(ctx, a.Store, audit.Options{Secret: a.Secret, Origin: AuditOrigin(a.Config)})
}

// mountAudit registers the public audit log endpoints (signed checkpoint,
// C2SP tlog-tiles, proofs) on mux. They need no session and no secret:
// they serve only keyed hashes and IDs. Mount them on the outer mux, beside
// /healthz, not behind authentication.
func (a *App) mountAudit(mux *http.ServeMux) error {
	audit.NewServer(audit.NewTree(a.Store), a.Log).Routes(mux)
	return nil
}

// AuditOrigin returns the origin a new audit signing key is named after:
// the public URL's host and path plus "/audit" when base_url is set, else
// a name under the reserved .invalid domain that is unique to this node.
// The name is fixed when the key is created; changing base_url later does
// not rename the log.
func AuditOrigin(cfg config.Config) string {
	if u, err := url.Parse(cfg.BaseURL); err == nil && u.Host != "" {
		return u.Host + strings.TrimSuffix(u.Path, "/") + "/audit"
	}
	var b [4]byte
	_, _ = rand.Read(b[:])
	region := cfg.NodeRegion
	if region == "" {
		region = "node"
	}
	return "xinrong.invalid/" + region + "/" + hex.EncodeToString(b[:]) + "/audit"
}

// OpenAudit opens and migrates the configured database, loads the node
// secret (creating it on first start, as serve does) and returns the audit
// service, for commands that sign or print the key. The caller closes the
// store.
func OpenAudit(ctx context.Context, cfg config.Config, log *slog.Logger) (*audit.Service, *sqlstore.Store, error) {
	store, err := OpenStore(ctx, cfg)
	if err != nil {
		return nil, nil, err
	}
	secret, err := loadSecret(cfg, log)
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	svc, err := audit.New(ctx, store, audit.Options{Secret: secret, Origin: AuditOrigin(cfg)})
	if err != nil {
		store.Close()
		return nil, nil, err
	}
	return svc, store, nil
}

// ExistingSecret returns the node secret if it is configured or already
// in the data directory, and nil otherwise. Verification uses it to open
// sealed bodies, and must never create a new secret.
func ExistingSecret(cfg config.Config) []byte {
	if cfg.SecretKey != "" {
		return []byte(cfg.SecretKey)
	}
	b, err := os.ReadFile(filepath.Join(cfg.DataDir, "secret.key"))
	if s := strings.TrimSpace(string(b)); err == nil && len(s) >= 32 {
		return []byte(s)
	}
	return nil
}
