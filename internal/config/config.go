// SPDX-License-Identifier: Apache-2.0

// Package config holds the node's configuration: where its database is,
// where it listens, and its secrets. Sources override each other in this
// order: optional JSON file, then XINRONG_* environment variables, then
// command-line flags. Every secret can also be read from a file named by
// the variable with a _FILE suffix, so that secrets never sit in the
// process environment of a container.
package config

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"net/netip"
	"net/url"
	"os"
	"strings"
	"time"
)

// Config is the effective configuration of one node process.
type Config struct {
	DataDir   string `json:"data"`       // directory for the SQLite file, keys and exports
	DB        string `json:"db"`         // database URL; empty = SQLite at DataDir/xinrong.db
	Addr      string `json:"addr"`       // HTTP listen address
	BaseURL   string `json:"base_url"`   // public URL of this node, used in links and signatures
	LogLevel  string `json:"log_level"`  // debug, info, warn, error
	LogFormat string `json:"log_format"` // text or json

	// SecretKey signs sessions and CSRF tokens and derives the key that
	// encrypts restricted fields at rest. All processes sharing one database
	// must use the same key. If empty, a key is created in DataDir.
	SecretKey string `json:"secret_key" secret:"true"`

	NodeName   string `json:"node_name"`   // shown in the UI and on reports
	NodeRegion string `json:"node_region"` // GB/T 2260 code of the node's area

	CatalogFile string `json:"catalog_file"` // optional local supplementary catalog (地方补充目录)
	// WebhookAllowNets lists private networks (CIDR, comma-separated) the
	// node may post webhooks to: the government extranet or a leased line.
	WebhookAllowNets string `json:"webhook_allow_nets"`
	Lang             string `json:"lang"` // default UI language: zh or en
	// NotifyDelivery is how notifications of objections and repairs leave
	// the app besides the in-app list: "log" (each e-mail/SMS is written
	// to the log; the default until a gateway is plugged in) or "off".
	NotifyDelivery string `json:"notify_delivery"`

	ShutdownTimeout time.Duration `json:"shutdown_timeout"`
	SessionTTL      time.Duration `json:"session_ttl"`
	SecureCookies   bool          `json:"secure_cookies"`
}

// Default returns the configuration that runs locally with no setup.
func Default() Config {
	return Config{
		DataDir:         "./data",
		Addr:            "127.0.0.1:8080",
		LogLevel:        "info",
		LogFormat:       "text",
		NodeName:        "信融演示节点",
		NodeRegion:      "640000",
		Lang:            "zh",
		NotifyDelivery:  "log",
		ShutdownTimeout: 15 * time.Second,
		SessionTTL:      8 * time.Hour,
	}
}

// LoadFile applies a JSON configuration file on top of c. Unknown keys are
// errors so that a misspelt setting is not silently ignored.
func (c *Config) LoadFile(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("config: open %s: %w", path, err)
	}
	defer f.Close()
	dec := json.NewDecoder(f)
	dec.DisallowUnknownFields()
	var raw fileConfig
	if err := dec.Decode(&raw); err != nil {
		return fmt.Errorf("config: %s: %w", path, err)
	}
	return raw.apply(c)
}

// fileConfig mirrors Config with durations as strings ("15s").
type fileConfig struct {
	DataDir         *string `json:"data"`
	DB              *string `json:"db"`
	Addr            *string `json:"addr"`
	BaseURL         *string `json:"base_url"`
	LogLevel        *string `json:"log_level"`
	LogFormat       *string `json:"log_format"`
	SecretKey       *string `json:"secret_key"`
	SecretKeyFile   *string `json:"secret_key_file"`
	DBFile          *string `json:"db_file"`
	NodeName        *string `json:"node_name"`
	NodeRegion      *string `json:"node_region"`
	CatalogFile     *string `json:"catalog_file"`
	WebhookNets     *string `json:"webhook_allow_nets"`
	NotifyDelivery  *string `json:"notify_delivery"`
	Lang            *string `json:"lang"`
	ShutdownTimeout *string `json:"shutdown_timeout"`
	SessionTTL      *string `json:"session_ttl"`
	SecureCookies   *bool   `json:"secure_cookies"`
}

func (f fileConfig) apply(c *Config) error {
	set := func(dst *string, v *string) {
		if v != nil {
			*dst = *v
		}
	}
	set(&c.DataDir, f.DataDir)
	set(&c.DB, f.DB)
	set(&c.Addr, f.Addr)
	set(&c.BaseURL, f.BaseURL)
	set(&c.LogLevel, f.LogLevel)
	set(&c.LogFormat, f.LogFormat)
	set(&c.SecretKey, f.SecretKey)
	set(&c.NodeName, f.NodeName)
	set(&c.NodeRegion, f.NodeRegion)
	set(&c.CatalogFile, f.CatalogFile)
	set(&c.WebhookAllowNets, f.WebhookNets)
	set(&c.NotifyDelivery, f.NotifyDelivery)
	set(&c.Lang, f.Lang)
	if f.SecureCookies != nil {
		c.SecureCookies = *f.SecureCookies
	}
	for _, p := range []struct {
		path *string
		dst  *string
	}{{f.SecretKeyFile, &c.SecretKey}, {f.DBFile, &c.DB}} {
		if p.path != nil {
			v, err := readSecretFile(*p.path)
			if err != nil {
				return err
			}
			*p.dst = v
		}
	}
	for _, d := range []struct {
		v   *string
		dst *time.Duration
		key string
	}{{f.ShutdownTimeout, &c.ShutdownTimeout, "shutdown_timeout"}, {f.SessionTTL, &c.SessionTTL, "session_ttl"}} {
		if d.v != nil {
			v, err := time.ParseDuration(*d.v)
			if err != nil {
				return fmt.Errorf("config: %s: %q is not a duration like 15s or 8h", d.key, *d.v)
			}
			*d.dst = v
		}
	}
	return nil
}

func readSecretFile(path string) (string, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return "", fmt.Errorf("config: read secret file: %w", err)
	}
	return strings.TrimSpace(string(b)), nil
}

// Validate checks the configuration and returns an error naming the setting
// and the reason, so that the process refuses to start half-configured.
func (c Config) Validate() error {
	var errs []error
	if c.Addr == "" {
		errs = append(errs, errors.New("addr: must not be empty (e.g. 127.0.0.1:8080)"))
	} else if _, port, err := net.SplitHostPort(c.Addr); err != nil || port == "" {
		errs = append(errs, fmt.Errorf("addr: %q is not host:port", c.Addr))
	}
	if c.DB != "" {
		if _, err := DBKind(c.DB); err != nil {
			errs = append(errs, err)
		}
	} else if c.DataDir == "" {
		errs = append(errs, errors.New("data: must name a directory when db is not set"))
	}
	if c.NotifyDelivery != "" && c.NotifyDelivery != "log" && c.NotifyDelivery != "off" {
		errs = append(errs, fmt.Errorf("notify_delivery: %q is not log or off", c.NotifyDelivery))
	}
	switch c.LogLevel {
	case "debug", "info", "warn", "error":
	default:
		errs = append(errs, fmt.Errorf("log_level: %q is not one of debug, info, warn, error", c.LogLevel))
	}
	switch c.LogFormat {
	case "text", "json":
	default:
		errs = append(errs, fmt.Errorf("log_format: %q is not text or json", c.LogFormat))
	}
	switch c.Lang {
	case "zh", "en":
	default:
		errs = append(errs, fmt.Errorf("lang: %q is not zh or en", c.Lang))
	}
	if c.BaseURL != "" {
		if u, err := url.Parse(c.BaseURL); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
			errs = append(errs, fmt.Errorf("base_url: %q is not an http(s) URL", c.BaseURL))
		}
	}
	if _, err := c.WebhookNets(); err != nil {
		errs = append(errs, err)
	}
	if c.SecretKey != "" && len(c.SecretKey) < 32 {
		errs = append(errs, errors.New("secret_key: must be at least 32 characters"))
	}
	if c.ShutdownTimeout <= 0 || c.SessionTTL <= 0 {
		errs = append(errs, errors.New("shutdown_timeout and session_ttl: must be positive durations"))
	}
	return errors.Join(errs...)
}

// DBKind returns "postgres" or "sqlite" for a database URL, or an error
// naming what is wrong with it.
func DBKind(db string) (string, error) {
	switch {
	case strings.HasPrefix(db, "postgres://"), strings.HasPrefix(db, "postgresql://"):
		if _, err := url.Parse(db); err != nil {
			return "", fmt.Errorf("db: not a valid PostgreSQL URL: %v", err)
		}
		return "postgres", nil
	case strings.HasPrefix(db, "sqlite://"), strings.HasPrefix(db, "file:"), db == ":memory:",
		strings.HasSuffix(db, ".db"), strings.HasSuffix(db, ".sqlite"):
		return "sqlite", nil
	}
	return "", fmt.Errorf("db: %q is neither postgres://… nor a SQLite file (sqlite://PATH, file:PATH or *.db)", redactURL(db))
}

// WebhookNets parses WebhookAllowNets.
func (c Config) WebhookNets() ([]netip.Prefix, error) {
	var out []netip.Prefix
	for _, f := range strings.Split(c.WebhookAllowNets, ",") {
		if f = strings.TrimSpace(f); f == "" {
			continue
		}
		p, err := netip.ParsePrefix(f)
		if err != nil {
			return nil, fmt.Errorf("webhook_allow_nets: %q is not a network like 10.20.0.0/16", f)
		}
		out = append(out, p.Masked())
	}
	return out, nil
}
