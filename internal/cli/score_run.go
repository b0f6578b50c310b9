// SPDX-License-Identifier: Apache-2.0

package cli

import "context"

// runScoreRun is being written (issue 6).
func runScoreRun(ctx context.Context, env Env, args []string) error {
	return usageError("xinrong score run: not built yet")
}
