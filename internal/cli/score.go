// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
)

// runScore dispatches the score subcommands:
//
//	xinrong score fit --data CSV --target COLUMN …   fit a scorecard on labelled data
//	xinrong score run [--data DIR] [--db URL]         re-evaluate every enterprise
func runScore(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 {
		return usageError("usage: xinrong score fit --data CSV --target COLUMN | score run")
	}
	switch args[0] {
	case "fit":
		return runScoreFit(ctx, env, args[1:])
	case "run":
		return runScoreRun(ctx, env, args[1:])
	}
	return usageError("xinrong score: unknown subcommand %q (fit, run)", args[0])
}
