// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/xinrong/xinrong/internal/app"
)

// runJobs runs one background job once: xinrong jobs run NAME. Every job
// is idempotent, so cron may call this beside running servers.
func runJobs(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "run" {
		return usageError("usage: xinrong jobs run NAME [flags]   (xinrong jobs run --list lists them)")
	}
	list := false
	rest := args[1:]
	var name string
	for i, a := range rest {
		if a == "--list" {
			list = true
			rest = append(rest[:i:i], rest[i+1:]...)
			break
		}
	}
	if !list {
		if len(rest) == 0 || strings.HasPrefix(rest[0], "-") {
			return usageError("usage: xinrong jobs run NAME [flags]")
		}
		name, rest = rest[0], rest[1:]
	}
	cfg, _, err := loadConfig("jobs run", env, rest, nil)
	if err != nil {
		return err
	}
	a, err := app.New(ctx, cfg, newLogger(cfg, env.Stderr))
	if err != nil {
		return err
	}
	defer a.Close()
	if list {
		fmt.Fprintln(env.Stdout, strings.Join(a.JobNames(), "\n"))
		return nil
	}
	return a.RunJob(ctx, name)
}
