// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"

	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/audit"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

// runAudit is "xinrong audit key|verify|checkpoint".
func runAudit(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return usageError("usage: xinrong audit key | verify [--url URL] [--key VKEY] [--state FILE] | checkpoint")
	}
	switch args[0] {
	case "key":
		return auditKey(ctx, env, args[1:])
	case "verify":
		return auditVerify(ctx, env, args[1:])
	case "checkpoint":
		return auditCheckpoint(ctx, env, args[1:])
	}
	return usageError("unknown audit command %q: use key, verify or checkpoint", args[0])
}

// auditKey prints the node's signed-note verifier key, creating the
// signing key if the node has never started.
func auditKey(ctx context.Context, env Env, args []string) error {
	cfg, _, err := loadConfig("audit key", env, args, nil)
	if err != nil {
		return err
	}
	svc, store, err := app.OpenAudit(ctx, cfg, newLogger(cfg, env.Stderr))
	if err != nil {
		return err
	}
	defer store.Close()
	fmt.Fprintln(env.Stdout, svc.VerifierKey())
	return nil
}

// auditCheckpoint signs the current tree head now, as the scheduled job does.
func auditCheckpoint(ctx context.Context, env Env, args []string) error {
	cfg, _, err := loadConfig("audit checkpoint", env, args, nil)
	if err != nil {
		return err
	}
	svc, store, err := app.OpenAudit(ctx, cfg, newLogger(cfg, env.Stderr))
	if err != nil {
		return err
	}
	defer store.Close()
	if err := svc.PublishCheckpoint(ctx); err != nil {
		return err
	}
	c, err := svc.Checkpoint(ctx)
	if err != nil {
		return err
	}
	_, err = env.Stdout.Write(c.Note)
	return err
}

// auditVerify recomputes and checks the log, locally or over HTTP, and
// exits 1 if anything is wrong.
func auditVerify(ctx context.Context, env Env, args []string) error {
	var remote, key, state string
	cfg, _, err := loadConfig("audit verify", env, args, func(fs *flag.FlagSet) {
		fs.StringVar(&remote, "url", "", "verify a running node through its public /audit endpoints (base URL, e.g. https://credit.example.gov.cn)")
		fs.StringVar(&key, "key", "", "pin the verifier key (from 'xinrong audit key' or the node's publication); required with --url, default: the key stored in the local database")
		fs.StringVar(&state, "state", "", "with --url: file holding the last checkpoint verified; the log must still extend it, and it is updated on success")
	})
	if err != nil {
		return err
	}
	if remote == "" && cfg.DB == "" {
		if _, err := os.Stat(app.DSN(cfg)); err != nil {
			return fmt.Errorf("no database to verify at %s (give --data or --db, or --url for a running node)", app.DSN(cfg))
		}
	}
	if key == "" && remote != "" {
		return usageError("--url needs --key: the node's published verifier key ('xinrong audit key' on the node)")
	}
	if key == "" {
		if key, err = localVerifierKey(ctx, app.DSN(cfg)); err != nil && !apperr.Is(err, apperr.NotFound) {
			return err
		}
	}
	var rep audit.Report
	if remote != "" {
		prev, err := readState(state)
		if err != nil {
			return err
		}
		if rep, err = audit.VerifyRemote(ctx, remote, audit.RemoteOptions{VerifierKey: key, Previous: prev}); err != nil {
			return err
		}
		if rep.OK() && state != "" {
			if err := os.WriteFile(state, audit.FormatCheckpoint(remote, rep.Size, rep.Root), 0o644); err != nil {
				return fmt.Errorf("write state: %w", err)
			}
		}
	} else {
		store, err := sqlstore.Open(ctx, app.DSN(cfg))
		if err != nil {
			return err
		}
		defer store.Close()
		if rep, err = audit.Verify(ctx, store, audit.VerifyOptions{Secret: app.ExistingSecret(cfg), VerifierKey: key}); err != nil {
			return err
		}
	}
	printReport(env.Stdout, rep)
	if !rep.OK() {
		return &exitError{code: 1, msg: fmt.Sprintf("the audit log does NOT verify: %d problems", len(rep.Problems)+rep.More)}
	}
	return nil
}

func localVerifierKey(ctx context.Context, dsn string) (string, error) {
	store, err := sqlstore.Open(ctx, dsn)
	if err != nil {
		return "", err
	}
	defer store.Close()
	return store.Setting(ctx, "audit.verifier")
}

// readState reads the last verified checkpoint body written by --state.
func readState(path string) (*tlog.Tree, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read state: %w", err)
	}
	_, n, root, err := audit.ParseCheckpoint(b)
	if err != nil {
		return nil, fmt.Errorf("state file %s: %w", path, err)
	}
	return &tlog.Tree{N: n, Hash: root}, nil
}

func printReport(w io.Writer, r audit.Report) {
	bodies := "sealed bodies not opened (no node secret)"
	if r.Bodies {
		bodies = "every sealed body opened and matched to its leaf"
	}
	fmt.Fprintf(w, "audit log: %d leaves, root %s, %d signed checkpoints checked, %s\n", r.Size, r.Root, r.Checkpoints, bodies)
	for _, p := range r.Problems {
		fmt.Fprintln(w, "PROBLEM", p)
	}
	if r.More > 0 {
		fmt.Fprintf(w, "... and %d more problems\n", r.More)
	}
	if r.OK() {
		fmt.Fprintln(w, "OK: 来源可溯、去向可查 — the log verifies")
	}
}
