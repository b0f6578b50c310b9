// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"time"

	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/ingest"
)

// runIngest collects batch files through the same pipeline as the API and
// prints one receipt per file as a JSON line.
func runIngest(ctx context.Context, env Env, args []string) error {
	var provider, item, manifest, format, encoding string
	var register, progress bool
	cfg, fs, err := loadConfig("ingest", env, args, func(fs *flag.FlagSet) {
		fs.StringVar(&provider, "provider", "", "provider code (with FILE…)")
		fs.StringVar(&item, "item", "", "catalog item code (with FILE…)")
		fs.StringVar(&manifest, "manifest", "", "a generator or provider manifest.json naming files, providers and items")
		fs.StringVar(&format, "format", "", "csv, xlsx or jsonl (default: detect)")
		fs.StringVar(&encoding, "encoding", "", "utf-8, utf-8-bom or gb18030 (default: detect)")
		fs.BoolVar(&register, "register-providers", false, "with --manifest: register the manifest's providers for its items first")
		fs.BoolVar(&progress, "progress", false, "show a progress line even when standard error is not a terminal")
	})
	if err != nil {
		return err
	}
	var inputs []ingest.FileInput
	var m *ingest.Manifest
	switch {
	case manifest != "" && (provider != "" || item != "" || fs.NArg() > 0):
		return usageError("give either --manifest FILE or --provider CODE --item CODE FILE…, not both")
	case manifest != "":
		if m, err = ingest.ReadManifest(manifest); err != nil {
			return err
		}
		inputs = m.Inputs()
	case provider == "" || item == "" || fs.NArg() == 0:
		return usageError("usage: xinrong ingest --provider CODE --item CODE FILE…  |  xinrong ingest --manifest DIR/manifest.json")
	default:
		for _, f := range fs.Args() {
			inputs = append(inputs, ingest.FileInput{Provider: provider, Item: item, Path: f, Format: format, Encoding: encoding, ExpectedRows: -1})
		}
	}
	a, err := app.New(ctx, cfg, newLogger(cfg, env.Stderr))
	if err != nil {
		return err
	}
	defer a.Close()
	if register && m != nil {
		if err := a.Ingest.RegisterManifestProviders(ctx, m); err != nil {
			return err
		}
	}
	show := progress || isTerminal(env.Stderr)
	enc := json.NewEncoder(env.Stdout)
	enc.SetEscapeHTML(false)
	failed := 0
	for _, in := range inputs {
		if show {
			in.Progress = progressLine(env.Stderr, in.Path)
		}
		b, err := a.Ingest.IngestFile(ctx, in)
		if show {
			fmt.Fprintln(env.Stderr)
		}
		if err != nil {
			failed++
			fmt.Fprintf(env.Stderr, "xinrong ingest: %s: %v\n", in.Path, err)
			if b.ID == "" {
				continue
			}
		}
		if err := enc.Encode(b.Receipt()); err != nil {
			return err
		}
		if r, ok := b.Reconcile(); ok && (!r.RowsMatch || !r.HashMatch) {
			fmt.Fprintf(env.Stderr, "xinrong ingest: %s: 对账不符 / reconciliation mismatch: manifest says %d rows sha256 %s, received %d rows sha256 %s\n",
				in.Path, r.ExpectedRows, r.ExpectedSHA256, r.ReceivedRows, r.SHA256)
		}
		if errors.Is(ctx.Err(), context.Canceled) {
			return ctx.Err()
		}
	}
	if failed > 0 {
		return &exitError{code: 1, msg: fmt.Sprintf("%d of %d files could not be collected", failed, len(inputs))}
	}
	return nil
}

// progressLine returns a progress callback that redraws one line.
func progressLine(w io.Writer, name string) func(ingest.Batch, int64, int64) {
	start := time.Now()
	var last time.Time
	return func(b ingest.Batch, done, total int64) {
		if time.Since(last) < 200*time.Millisecond {
			return
		}
		last = time.Now()
		pct := ""
		if total > 0 {
			pct = fmt.Sprintf(" %3d%%", done*100/total)
		}
		el := time.Since(start).Seconds()
		fmt.Fprintf(w, "\r归集 / ingest %s:%s %d rows (%d accepted, %d rejected, %d quarantined) %.0f rows/s   ",
			filepath.Base(name), pct, b.Received, b.Accepted, b.Rejected, b.Quarantined, float64(b.Received)/max(el, 0.001))
	}
}
