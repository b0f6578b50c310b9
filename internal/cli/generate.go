// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"time"

	"github.com/xinrong/xinrong/internal/generate"
)

// runGenerate writes a demo province's provider files and manifest.json.
// It touches no database, so it takes none of the --data/--db flags.
func runGenerate(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("xinrong generate", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	n := fs.Int("enterprises", 10000, "number of enterprises (市场主体) to generate")
	out := fs.String("out", "", "output directory (created if missing)")
	seed := fs.Uint64("seed", 1, "random seed: the same seed gives byte-identical files")
	bad := fs.Float64("bad-rows", 0, "fraction of rows per file replaced by deliberately broken rows (0–0.5)")
	region := fs.String("region", generate.DefaultRegion, "GB/T 2260 province code of the demo province")
	prog := fs.Bool("progress", false, "show progress on stderr even when it is not a terminal")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: xinrong generate --enterprises N --out DIR [--seed S] [--bad-rows FRACTION] [--region CODE] [--progress]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return &exitError{code: 0}
		}
		return &exitError{code: 2}
	}
	if *out == "" || fs.NArg() > 0 {
		fs.Usage()
		return usageError("--out DIR is required and no arguments are taken")
	}
	var pw io.Writer
	if *prog || isTerminal(env.Stderr) {
		pw = env.Stderr
	}
	start := time.Now()
	m, err := generate.Run(ctx, generate.Options{Enterprises: *n, Out: *out, Seed: *seed, BadRows: *bad, Region: *region}, pw)
	if err != nil {
		return err
	}
	rows, bytes := 0, int64(0)
	for _, f := range m.Files {
		rows += f.Rows
		bytes += f.Bytes
	}
	fmt.Fprintf(env.Stdout, "生成 %d 家市场主体（%s），%d 个文件，%d 行，%.1f MB，用时 %.1f 秒 / generated %d enterprises (%s): %d files, %d rows, %.1f MB in %.1f s\n",
		m.Enterprises, m.RegionName, len(m.Files), rows, float64(bytes)/1e6, time.Since(start).Seconds(),
		m.Enterprises, m.Region, len(m.Files), rows, float64(bytes)/1e6, time.Since(start).Seconds())
	fmt.Fprintln(env.Stdout, filepath.Join(*out, generate.ManifestName))
	return nil
}

// isTerminal reports whether w is a character device (a terminal), so that
// progress lines with \r are not written into log files.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
