// SPDX-License-Identifier: Apache-2.0

package config

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestLoad_Order(t *testing.T) {
	dir := t.TempDir()
	secret := filepath.Join(dir, "secret")
	if err := os.WriteFile(secret, []byte(strings.Repeat("k", 40)+"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(dir, "x.json")
	if err := os.WriteFile(file, []byte(`{"addr":"127.0.0.1:9000","data":"/from/file","session_ttl":"2h"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	c := Default()
	if err := c.LoadFile(file); err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"XINRONG_DATA": "/from/env", "XINRONG_SECRET_KEY_FILE": secret}
	if err := c.LoadEnv(func(k string) (string, bool) { v, ok := env[k]; return v, ok }); err != nil {
		t.Fatal(err)
	}
	if got, want := c.Addr, "127.0.0.1:9000"; got != want {
		t.Fatalf("Addr=%q, want %q", got, want)
	}
	if got, want := c.DataDir, "/from/env"; got != want {
		t.Fatalf("DataDir=%q, want %q", got, want)
	}
	if got, want := c.SessionTTL, 2*time.Hour; got != want {
		t.Fatalf("SessionTTL=%v, want %v", got, want)
	}
	if got, want := c.SecretKey, strings.Repeat("k", 40); got != want {
		t.Fatalf("SecretKey from file=%q", got)
	}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestLoadFile_UnknownKey(t *testing.T) {
	file := filepath.Join(t.TempDir(), "x.json")
	if err := os.WriteFile(file, []byte(`{"adr":"x"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	c := Default()
	err := c.LoadFile(file)
	if err == nil || !strings.Contains(err.Error(), "adr") {
		t.Fatalf("err=%v, want unknown field adr", err)
	}
}

func TestValidate_Errors(t *testing.T) {
	c := Default()
	c.Addr = "nope"
	c.DB = "mysql://x"
	c.LogLevel = "loud"
	err := c.Validate()
	if err == nil {
		t.Fatal("want error")
	}
	for _, s := range []string{"addr", "db:", "log_level"} {
		if !strings.Contains(err.Error(), s) {
			t.Errorf("error %q does not name %s", err, s)
		}
	}
}

func TestRedacted(t *testing.T) {
	c := Default()
	c.SecretKey = strings.Repeat("s", 40)
	c.DB = "postgres://app:hunter2@db.example:5432/xr"
	b, err := c.Dump()
	if err != nil {
		t.Fatal(err)
	}
	out := string(b)
	if strings.Contains(out, "hunter2") || strings.Contains(out, "sssss") {
		t.Fatalf("dump leaks a secret: %s", out)
	}
	if !strings.Contains(out, "app:xxxxx@db.example") {
		t.Fatalf("dump lost the URL shape: %s", out)
	}
}

func TestWebhookNets(t *testing.T) {
	c := Default()
	c.WebhookAllowNets = " 10.20.0.0/16, 172.16.5.9/24 ,"
	nets, err := c.WebhookNets()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := fmt.Sprint(nets), "[10.20.0.0/16 172.16.5.0/24]"; got != want {
		t.Fatalf("nets = %s, want %s", got, want)
	}
	c.WebhookAllowNets = "10.20.0.0"
	if err := c.Validate(); err == nil || !strings.Contains(err.Error(), "webhook_allow_nets") {
		t.Fatalf("Validate() = %v, want a webhook_allow_nets error", err)
	}
}
