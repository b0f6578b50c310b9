// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/report"
)

// runReport issues a credit report offline as the credit centre:
//
//	xinrong report CODE [--format json|html|pdf] [--lang zh|en] [--out FILE]
//	xinrong report verify FILE.json [--key VKEY]
//
// The report passes the same gate and audit log as one asked for over the
// API, under the node's own principal (the operator edition).
func runReport(ctx context.Context, env Env, args []string) error {
	if len(args) > 0 && args[0] == "verify" {
		return runReportVerify(ctx, env, args[1:])
	}
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return usageError("usage: xinrong report CODE [--format json|html|pdf] [--lang zh|en] [--out FILE]")
	}
	code := args[0]
	var format, lang, out string
	cfg, _, err := loadConfig("report", env, args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&format, "format", "json", "json, html or pdf")
		fs.StringVar(&lang, "lang", "zh", "zh or en (html and pdf)")
		fs.StringVar(&out, "out", "", "file to write (default: standard output)")
	})
	if err != nil {
		return err
	}
	write, ok := app.ReportWriters()[format]
	if !ok {
		return usageError("--format must be json, html or pdf")
	}
	a, err := app.New(ctx, cfg, newLogger(cfg, env.Stderr))
	if err != nil {
		return err
	}
	defer a.Close()
	sys := access.WithPrincipal(ctx, access.SystemPrincipal())
	r, err := a.Reports.Issue(sys, report.Ask{Subject: code, Format: format})
	if err != nil {
		return err
	}
	w, done, err := output(env, out)
	if err != nil {
		return err
	}
	if err := write(w, r, lang); err != nil {
		done()
		return err
	}
	if err := done(); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "report %s issued, hash %s, audit entry %d\n", r.Number, r.Hash, r.AuditIndex)
	return nil
}

// output opens the destination; done closes it and reports a write error.
func output(env Env, path string) (io.Writer, func() error, error) {
	if path == "" || path == "-" {
		return env.Stdout, func() error { return nil }, nil
	}
	f, err := os.Create(path)
	if err != nil {
		return nil, nil, err
	}
	return f, f.Close, nil
}

// runReportVerify checks a JSON report offline: its hash and the node's
// signature. The key comes from --key, else from the node's database.
func runReportVerify(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || strings.HasPrefix(args[0], "-") {
		return usageError("usage: xinrong report verify FILE.json [--key VKEY]")
	}
	var key string
	cfg, _, err := loadConfig("report verify", env, args[1:], func(fs *flag.FlagSet) {
		fs.StringVar(&key, "key", "", "the node's report verifier key (default: read from the node)")
	})
	if err != nil {
		return err
	}
	data, err := os.ReadFile(args[0])
	if err != nil {
		return err
	}
	if key == "" {
		a, err := app.New(ctx, cfg, newLogger(cfg, env.Stderr))
		if err != nil {
			return err
		}
		key = a.Reports.VerifierKey()
		a.Close()
	}
	r, err := report.VerifyJSON(data, key)
	if err != nil {
		return &exitError{code: 1, msg: err.Error()}
	}
	return json.NewEncoder(env.Stdout).Encode(map[string]any{"number": r.Number, "hash": r.Hash, "issued_at": r.IssuedAt, "valid": true})
}
