// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"flag"
	"fmt"
	"net"
	"path/filepath"
	"strings"

	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/config"
	"github.com/xinrong/xinrong/internal/demo"
)

// runDemo starts a node on embedded SQLite under ./data/demo with a
// generated province and one account per kind of participant.
func runDemo(ctx context.Context, env Env, args []string) error {
	var n int
	var seed uint64
	var badRows float64
	cfg, _, err := loadConfigDefaults("demo", env, args, func(c *config.Config) {
		c.DataDir = filepath.Join("data", "demo")
	}, func(fs *flag.FlagSet) {
		fs.IntVar(&n, "enterprises", 3000, "enterprises in the generated demo province")
		fs.Uint64Var(&seed, "seed", 2026, "generator seed (the same seed gives the same province)")
		fs.Float64Var(&badRows, "bad-rows", 0.01, "share of deliberately broken rows in the providers' files")
	})
	if err != nil {
		return err
	}
	log := newLogger(cfg, env.Stderr)
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	accounts, err := demo.Seed(ctx, a.Access, a.Subjects, a.Ingest, demo.Options{Enterprises: n, Seed: seed, Region: cfg.NodeRegion,
		BadRows: badRows, Dir: filepath.Join(cfg.DataDir, "province"), Progress: env.Stderr})
	if err != nil {
		return err
	}
	if err := demo.Access(ctx, a.Access, a.Onboard, a.Consent, accounts); err != nil {
		return err
	}
	// Every enterprise gets its credit grade before the node opens; later
	// changes are followed by the score.follow job.
	sum, err := a.Score.RunAll(ctx, nil)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another process using the port? choose one with --addr)", cfg.Addr, err)
	}
	count, _ := a.Subjects.Count(ctx)
	w := env.Stdout
	fmt.Fprintf(w, "\n信融 Xinrong 演示节点 / demo node — %s\n", cfg.NodeName)
	fmt.Fprintf(w, "  URL:        http://%s/\n", ln.Addr())
	fmt.Fprintf(w, "  数据 data:   %s (SQLite), %d enterprises\n", app.DSN(cfg), count)
	fmt.Fprintf(w, "  信用评价 evaluation: %s, %d enterprises graded, %d changed in %.1f s\n", sum.Model, sum.Enterprises, sum.Changed, sum.Elapsed.Seconds())
	fmt.Fprintf(w, "  密码 password for every account: %s\n\n", demo.Password)
	fmt.Fprintf(w, "  %-12s %-14s %s\n", "用户 user", "角色 kind", "机构 organization")
	for _, acc := range accounts {
		roles := make([]string, len(acc.Roles))
		for i, r := range acc.Roles {
			roles[i] = string(r)
		}
		fmt.Fprintf(w, "  %-12s %-14s %s (%s)\n", acc.Username, acc.OrgKind, acc.OrgName, strings.Join(roles, ", "))
	}
	fmt.Fprintln(w, "\nCtrl-C stops the node; run it again to continue with the same data.")
	return a.Serve(ctx, ln)
}
