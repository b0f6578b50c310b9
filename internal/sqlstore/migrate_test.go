// SPDX-License-Identifier: Apache-2.0

package sqlstore_test

import (
	"context"
	"fmt"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/sqlstore"
	"github.com/xinrong/xinrong/internal/sqlstore/postgres"
	"github.com/xinrong/xinrong/internal/sqlstore/sqlite"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// Every migration exists in both dialects under the same name, names are
// numbered without gaps, and each file says why it exists.
func TestMigrations_Parity(t *testing.T) {
	lite, err := sqlstore.MigrationNames(sqlite.Dialect{}.Migrations())
	if err != nil {
		t.Fatal(err)
	}
	pg, err := sqlstore.MigrationNames(postgres.Dialect{}.Migrations())
	if err != nil {
		t.Fatal(err)
	}
	if got, want := strings.Join(pg, ","), strings.Join(lite, ","); got != want {
		t.Fatalf("postgres migrations %s differ from sqlite %s", got, want)
	}
	re := regexp.MustCompile(`^(\d{4})_[a-z0-9_]+\.sql$`)
	for i, n := range lite {
		m := re.FindStringSubmatch(n)
		if m == nil {
			t.Fatalf("migration %q is not named NNNN_snake_case.sql", n)
		}
		if want := fmt.Sprintf("%04d", i+1); m[1] != want {
			t.Fatalf("migration %q out of sequence, want number %s", n, want)
		}
		for _, fsys := range []fs.FS{sqlite.Dialect{}.Migrations(), postgres.Dialect{}.Migrations()} {
			b, _ := fs.ReadFile(fsys, n)
			if !strings.HasPrefix(string(b), "--") {
				t.Errorf("migration %s must start with a comment saying why", n)
			}
		}
	}
}

func TestMigrate_Idempotent(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	again, err := s.Migrate(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(again) != 0 {
		t.Fatalf("second Migrate applied %v", again)
	}
	pending, err := s.Pending(ctx)
	if err != nil || len(pending) != 0 {
		t.Fatalf("Pending=%v, %v", pending, err)
	}
}

func TestSettings(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	if _, err := s.Setting(ctx, "x"); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("err=%v, want NotFound", err)
	}
	v, err := s.PutSettingIfAbsent(ctx, "x", "1")
	if err != nil || v != "1" {
		t.Fatalf("PutSettingIfAbsent=%q,%v", v, err)
	}
	v, err = s.PutSettingIfAbsent(ctx, "x", "2")
	if err != nil || v != "1" {
		t.Fatalf("second PutSettingIfAbsent=%q,%v, want 1", v, err)
	}
	if err := s.PutSetting(ctx, "x", "3"); err != nil {
		t.Fatal(err)
	}
	if v, _ := s.Setting(ctx, "x"); v != "3" {
		t.Fatalf("Setting=%q, want 3", v)
	}
}
