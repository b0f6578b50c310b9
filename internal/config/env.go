// SPDX-License-Identifier: Apache-2.0

package config

import (
	"fmt"
	"strconv"
	"time"
)

// LoadEnv applies XINRONG_* variables from lookup (os.LookupEnv in
// production, a map in tests). For each secret, NAME_FILE names a file to
// read it from.
func (c *Config) LoadEnv(lookup func(string) (string, bool)) error {
	str := map[string]*string{
		"XINRONG_DATA":               &c.DataDir,
		"XINRONG_DB":                 &c.DB,
		"XINRONG_ADDR":               &c.Addr,
		"XINRONG_BASE_URL":           &c.BaseURL,
		"XINRONG_LOG_LEVEL":          &c.LogLevel,
		"XINRONG_LOG_FORMAT":         &c.LogFormat,
		"XINRONG_SECRET_KEY":         &c.SecretKey,
		"XINRONG_NODE_NAME":          &c.NodeName,
		"XINRONG_NODE_REGION":        &c.NodeRegion,
		"XINRONG_CATALOG_FILE":       &c.CatalogFile,
		"XINRONG_LANG":               &c.Lang,
		"XINRONG_WEBHOOK_ALLOW_NETS": &c.WebhookAllowNets,
		"XINRONG_NOTIFY_DELIVERY":    &c.NotifyDelivery,
	}
	for k, dst := range str {
		if v, ok := lookup(k); ok {
			*dst = v
		}
	}
	for _, k := range []string{"XINRONG_SECRET_KEY", "XINRONG_DB"} {
		if path, ok := lookup(k + "_FILE"); ok {
			v, err := readSecretFile(path)
			if err != nil {
				return fmt.Errorf("config: %s_FILE: %w", k, err)
			}
			*str[k] = v
		}
	}
	durs := map[string]*time.Duration{
		"XINRONG_SHUTDOWN_TIMEOUT": &c.ShutdownTimeout,
		"XINRONG_SESSION_TTL":      &c.SessionTTL,
	}
	for k, dst := range durs {
		if v, ok := lookup(k); ok {
			d, err := time.ParseDuration(v)
			if err != nil {
				return fmt.Errorf("config: %s: %q is not a duration like 15s or 8h", k, v)
			}
			*dst = d
		}
	}
	if v, ok := lookup("XINRONG_SECURE_COOKIES"); ok {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return fmt.Errorf("config: XINRONG_SECURE_COOKIES: %q is not true or false", v)
		}
		c.SecureCookies = b
	}
	return nil
}
