// SPDX-License-Identifier: Apache-2.0

package cli

import "context"

// runScoreFit is being written (issue 6).
func runScoreFit(ctx context.Context, env Env, args []string) error {
	return usageError("xinrong score fit: not built yet")
}
