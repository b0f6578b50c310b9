// SPDX-License-Identifier: Apache-2.0

// Command xinrong runs a node of the Xinrong financing credit service
// platform and its operator tools.
package main

import (
	"os"

	"github.com/xinrong/xinrong/internal/cli"
)

func main() {
	os.Exit(cli.Main(os.Args, cli.OSEnv()))
}
