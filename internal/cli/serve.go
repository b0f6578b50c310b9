// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"fmt"
	"net"

	"github.com/xinrong/xinrong/internal/app"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

func runServe(ctx context.Context, env Env, args []string) error {
	cfg, _, err := loadConfig("serve", env, args, nil)
	if err != nil {
		return err
	}
	log := newLogger(cfg, env.Stderr)
	a, err := app.New(ctx, cfg, log)
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w (is another process using the port? choose one with --addr)", cfg.Addr, err)
	}
	fmt.Fprintf(env.Stdout, "xinrong %s serving on http://%s (database: %s)\n", Version, ln.Addr(), a.Store.Dialect())
	return a.Serve(ctx, ln)
}

func runMigrate(ctx context.Context, env Env, args []string) error {
	cfg, _, err := loadConfig("migrate", env, args, nil)
	if err != nil {
		return err
	}
	s, err := sqlstore.Open(ctx, app.DSN(cfg))
	if err != nil {
		return err
	}
	defer s.Close()
	applied, err := s.Migrate(ctx)
	if err != nil {
		return err
	}
	if len(applied) == 0 {
		fmt.Fprintln(env.Stdout, "schema is up to date")
	}
	for _, n := range applied {
		fmt.Fprintln(env.Stdout, "applied", n)
	}
	return nil
}
