// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/xinrong/xinrong/internal/config"
)

// loadConfig builds a Config from file (--config or XINRONG_CONFIG), then
// XINRONG_* env, then the flags in args. extra registers command flags.
func loadConfig(name string, env Env, args []string, extra func(fs *flag.FlagSet)) (config.Config, *flag.FlagSet, error) {
	return loadConfigDefaults(name, env, args, nil, extra)
}

// loadConfigDefaults is loadConfig with command-specific defaults applied
// before the file, environment and flags.
func loadConfigDefaults(name string, env Env, args []string, defaults func(*config.Config), extra func(fs *flag.FlagSet)) (config.Config, *flag.FlagSet, error) {
	cfg := config.Default()
	if defaults != nil {
		defaults(&cfg)
	}
	path, _ := env.Lookup("XINRONG_CONFIG")
	for i, a := range args {
		if a == "--config" || a == "-config" {
			if i+1 < len(args) {
				path = args[i+1]
			}
		} else if v, ok := strings.CutPrefix(a, "--config="); ok {
			path = v
		} else if v, ok := strings.CutPrefix(a, "-config="); ok {
			path = v
		}
	}
	if path != "" {
		if err := cfg.LoadFile(path); err != nil {
			return cfg, nil, err
		}
	}
	if err := cfg.LoadEnv(env.Lookup); err != nil {
		return cfg, nil, err
	}
	fs := flag.NewFlagSet("xinrong "+name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.String("config", path, "JSON configuration file (XINRONG_CONFIG)")
	fs.StringVar(&cfg.DataDir, "data", cfg.DataDir, "data directory; SQLite at DIR/xinrong.db (XINRONG_DATA)")
	fs.StringVar(&cfg.DB, "db", cfg.DB, "database URL, postgres://… or a SQLite file (XINRONG_DB)")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "HTTP listen address (XINRONG_ADDR)")
	fs.StringVar(&cfg.LogLevel, "log-level", cfg.LogLevel, "debug, info, warn or error (XINRONG_LOG_LEVEL)")
	fs.StringVar(&cfg.LogFormat, "log-format", cfg.LogFormat, "text or json (XINRONG_LOG_FORMAT)")
	if extra != nil {
		extra(fs)
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return cfg, fs, &exitError{code: 0}
		}
		return cfg, fs, &exitError{code: 2}
	}
	if err := cfg.Validate(); err != nil {
		return cfg, fs, fmt.Errorf("invalid configuration: %w", err)
	}
	return cfg, fs, nil
}

// newLogger builds the process logger from config.
func newLogger(cfg config.Config, w io.Writer) *slog.Logger {
	var lvl slog.Level
	_ = lvl.UnmarshalText([]byte(cfg.LogLevel))
	opts := &slog.HandlerOptions{Level: lvl}
	if cfg.LogFormat == "json" {
		return slog.New(slog.NewJSONHandler(w, opts))
	}
	return slog.New(slog.NewTextHandler(w, opts))
}
