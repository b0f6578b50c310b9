// SPDX-License-Identifier: Apache-2.0

// Package cli is the xinrong command: it parses subcommands and flags and
// hands a Config to app. main only calls Main.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Env is what a command may touch of the outside world, so that tests can
// run the real program in-process.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Lookup func(string) (string, bool) // environment variables
}

// OSEnv returns the process's real environment.
func OSEnv() Env {
	return Env{Stdin: os.Stdin, Stdout: os.Stdout, Stderr: os.Stderr, Lookup: os.LookupEnv}
}

type command struct {
	summary string
	run     func(ctx context.Context, env Env, args []string) error
}

var commands map[string]command

func init() {
	commands = map[string]command{
		"serve":    {"run a node: xinrong serve [--data DIR] [--db URL] [--addr HOST:PORT]", runServe},
		"migrate":  {"apply database migrations and exit", runMigrate},
		"version":  {"print the version", runVersion},
		"config":   {"config dump: print the effective configuration with secrets redacted", runConfig},
		"generate": {"write a demo province's provider files: xinrong generate --enterprises N --out DIR [--seed S]", runGenerate},
		"demo":     {"run a demo node: generated province and demo accounts on embedded SQLite", runDemo},
		"ingest":   {"collect batch files: xinrong ingest --provider CODE --item CODE FILE… or --manifest DIR/manifest.json", runIngest},
		"jobs":     {"run a background job once: xinrong jobs run NAME (--list)", runJobs},
		"uscc":     {"check unified social credit codes: xinrong uscc CODE…; exit 1 if any is invalid", runUSCC},
		"audit":    {"audit log: xinrong audit key | verify [--url URL --key VKEY] | checkpoint", runAudit},
		"score":    {"credit evaluation: xinrong score fit --data CSV --target COLUMN | score run", runScore},
		"psi":      {"list matching by private set intersection: xinrong psi --url URL --client-id ID --client-secret-file F --list NAME FILE | psi lists", runPSI},
		"report":   {"credit report as the credit centre: xinrong report CODE [--format json|html|pdf] [--out FILE] | verify FILE.json", runReport},
	}
}

// exitError carries a specific exit status (e.g. 1 for "a code is invalid").
type exitError struct {
	code int
	msg  string
}

func (e *exitError) Error() string { return e.msg }

// usageError marks bad command-line usage (exit 2).
func usageError(format string, a ...any) error {
	return &exitError{code: 2, msg: fmt.Sprintf(format, a...)}
}

// Main runs the command line and returns the process exit status.
func Main(args []string, env Env) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	return Run(ctx, args, env)
}

// Run runs one command with ctx and returns the exit status.
func Run(ctx context.Context, args []string, env Env) int {
	if len(args) < 2 || args[1] == "-h" || args[1] == "--help" || args[1] == "help" {
		usage(env.Stderr)
		if len(args) < 2 {
			return 2
		}
		return 0
	}
	cmd, ok := commands[args[1]]
	if !ok {
		fmt.Fprintf(env.Stderr, "xinrong: unknown command %q\n\n", args[1])
		usage(env.Stderr)
		return 2
	}
	err := cmd.run(ctx, env, args[2:])
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		if ee.msg != "" {
			fmt.Fprintf(env.Stderr, "xinrong %s: %s\n", args[1], ee.msg)
		}
		return ee.code
	}
	msg := err.Error()
	if c := apperr.CodeOf(err); c != apperr.Internal && c != "" && !strings.Contains(msg, apperr.Message(err)) {
		msg = apperr.Message(err) + ": " + msg
	}
	fmt.Fprintf(env.Stderr, "xinrong %s: %s\n", args[1], msg)
	return 1
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "xinrong — 信融 financing credit service platform node")
	fmt.Fprintln(w, "\nUsage: xinrong COMMAND [flags]\n\nCommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nEvery command that touches the database takes --data DIR / --db URL (or XINRONG_DATA / XINRONG_DB).")
	fmt.Fprintln(w, "Run 'xinrong COMMAND -h' for a command's flags.")
}
