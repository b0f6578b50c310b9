// SPDX-License-Identifier: Apache-2.0

package app

import (
	"context"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

// job is a periodic piece of background work. Every job is idempotent and
// safe to run in several processes sharing one database at once.
type job struct {
	name  string
	every time.Duration
	run   func(ctx context.Context) error
}

func (a *App) jobs() []job {
	return []job{
		{"audit.checkpoint", time.Minute, a.Audit.PublishCheckpoint},
		{"access.purge", 10 * time.Minute, func(ctx context.Context) error { _, err := a.Access.PurgeExpired(ctx); return err }},
		{"consent.expire", 5 * time.Minute, func(ctx context.Context) error { _, err := a.Consent.Sweep(ctx); return err }},
		// Webhooks: one process at a time holds the feed.deliver lease.
		{"feed.deliver", 15 * time.Second, func(ctx context.Context) error { _, err := a.Feed.Deliver(ctx, a.holder); return err }},
		{"ingest.pull", time.Minute, func(ctx context.Context) error {
			_, err := a.Ingest.NewPuller(nil).PullDue(ctx, a.Store, a.holder)
			return err
		}},
		{"usage.aggregate", time.Minute, func(ctx context.Context) error { _, err := a.Usage.RunJob(ctx, a.Store, a.holder); return err }},
		// Overdue objection and repair steps are escalated to operators.
		{"rights.escalate", 10 * time.Minute, func(ctx context.Context) error { _, err := a.Rights.Escalate(ctx); return err }},
		// Evaluations follow the data: new, corrected and revoked records
		// and decided objections and repairs re-evaluate their enterprise.
		{"score.follow", 30 * time.Second, func(ctx context.Context) error { _, err := a.Score.Follow(ctx, a.holder); return err }},
		// The platform lists' encrypted forms for list matching (PSI) are
		// built ahead of the first bank of the day, not during its request.
		{"psi.warm", 10 * time.Minute, a.PSI.Warm},
	}
}

// JobNames lists the background jobs, for `xinrong jobs run`.
func (a *App) JobNames() []string {
	var out []string
	for _, j := range a.jobs() {
		out = append(out, j.name)
	}
	return out
}

// RunJob runs one background job once, for cron, operators and tests.
func (a *App) RunJob(ctx context.Context, name string) error {
	for _, j := range a.jobs() {
		if j.name == name {
			return j.run(ctx)
		}
	}
	return apperr.Invalidf("unknown job %q (jobs: %s)", name, strings.Join(a.JobNames(), ", "))
}

// runJobs runs each job once at start and then on its interval until ctx
// ends. Errors are logged here, once, and the job runs again next time.
func (a *App) runJobs(ctx context.Context) {
	for _, j := range a.jobs() {
		go func() {
			t := time.NewTicker(j.every)
			defer t.Stop()
			for {
				if err := j.run(ctx); err != nil && ctx.Err() == nil {
					a.Log.Error("background job failed", "job", j.name, "error", err)
				}
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
			}
		}()
	}
}
