// SPDX-License-Identifier: Apache-2.0

package config

import (
	"encoding/json"
	"net/url"
)

const redacted = "[redacted]"

// Redacted returns a copy that is safe to print: secrets replaced and any
// password in the database URL hidden.
func (c Config) Redacted() Config {
	if c.SecretKey != "" {
		c.SecretKey = redacted
	}
	c.DB = redactURL(c.DB)
	return c
}

// Dump returns the redacted configuration as indented JSON.
func (c Config) Dump() ([]byte, error) {
	r := c.Redacted()
	type out struct {
		Config
		ShutdownTimeout string `json:"shutdown_timeout"`
		SessionTTL      string `json:"session_ttl"`
	}
	return json.MarshalIndent(out{Config: r, ShutdownTimeout: r.ShutdownTimeout.String(), SessionTTL: r.SessionTTL.String()}, "", "  ")
}

func redactURL(s string) string {
	u, err := url.Parse(s)
	if err != nil || u.User == nil {
		return s
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), "xxxxx")
	}
	q := u.Query()
	if q.Has("password") {
		q.Set("password", "xxxxx")
		u.RawQuery = q.Encode()
	}
	return u.String()
}
