// SPDX-License-Identifier: Apache-2.0

package catalog_test

import (
	"bytes"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
)

func mustLoad(tb testing.TB, data []byte) *catalog.Catalog {
	tb.Helper()
	c, err := catalog.Load(bytes.NewReader(data))
	if err != nil {
		tb.Fatalf("Load: %v", err)
	}
	return c
}

func TestHash_SameContent(t *testing.T) {
	raw, err := os.ReadFile("data/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	want := MustDefault(t).Hash
	if got := MustDefault(t).Hash; got != want {
		t.Fatalf("two loads: %s != %s", got, want)
	}
	if len(want) != 64 {
		t.Fatalf("hash %q is not hex SHA-256", want)
	}

	// Reformatted, items and categories reversed, version bumped: same content.
	c := mustLoad(t, raw)
	slices.Reverse(c.Items)
	slices.Reverse(c.Categories)
	c.Version = 7
	reformatted, err := json.MarshalIndent(c, "", "\t")
	if err != nil {
		t.Fatal(err)
	}
	if got := mustLoad(t, reformatted).Hash; got != want {
		t.Fatalf("reformatted/reordered hash %s, want %s", got, want)
	}

	// Defaults spelt out or left away: same content.
	omitted := strings.ReplaceAll(string(raw), `"personal": "none", `, "")
	if omitted == string(raw) {
		t.Fatal("test setup: no explicit defaults found to remove")
	}
	if got := mustLoad(t, []byte(omitted)).Hash; got != want {
		t.Fatalf("with defaults omitted hash %s, want %s", got, want)
	}
}

func TestHash_ChangedContent(t *testing.T) {
	base := MustDefault(t)
	tests := map[string]func(c *catalog.Catalog){
		"provider":    func(c *catalog.Catalog) { c.Items[3].Provider = "其他部门" },
		"field order": func(c *catalog.Catalog) { f := c.Items[0].Fields; f[0], f[1] = f[1], f[0] },
		"disclosure":  func(c *catalog.Catalog) { c.Items[0].Disclosure = catalog.Authorized },
		"enum value":  func(c *catalog.Catalog) { itemRef(t, c, "TAX.LEVEL").Fields[3].Enum[0].LabelEN = "grade A" },
	}
	for name, change := range tests {
		c := MustDefault(t)
		change(c)
		if c.ComputeHash() == base.Hash {
			t.Errorf("changing %s kept the hash", name)
		}
	}
}

func TestCheckUpgrade(t *testing.T) {
	prev := MustDefault(t)
	same := MustDefault(t)
	same.Version = 2
	if err := catalog.CheckUpgrade(prev, same); err != nil {
		t.Fatalf("same content: %v", err)
	}
	retyped := MustDefault(t)
	fieldRef(t, itemRef(t, retyped, "PEN.XZCF"), "CF_NR_FK").Type = catalog.TypeMoneyYuan
	err := catalog.CheckUpgrade(prev, retyped)
	if !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "field CF_NR_FK changed type money_wan to money_yuan") {
		t.Fatalf("retyped err=%v", err)
	}
	older := MustDefault(t)
	older.Version = 0
	older.Items[0].Provider = "x"
	if err := catalog.CheckUpgrade(prev, older); !apperr.Is(err, apperr.Conflict) || !strings.Contains(err.Error(), "version 0 is older") {
		t.Fatalf("older err=%v", err)
	}
}

func TestLoad_Errors(t *testing.T) {
	tests := map[string]string{
		"syntax":  "{\n  \"version\": 1,\n  \"items\": [,]\n}",
		"unknown": `{"version": 1, "colour": "red"}`,
		"type":    `{"version": "one"}`,
		"trailer": `{"version": 1} {}`,
	}
	wants := map[string]string{"syntax": "line 3", "unknown": "colour", "type": "version", "trailer": "after the JSON"}
	for name, in := range tests {
		_, err := catalog.Load(strings.NewReader(in))
		if !apperr.Is(err, apperr.Invalid) || !strings.Contains(apperr.Message(err), wants[name]) {
			t.Errorf("%s: err=%v, want Invalid mentioning %q", name, err, wants[name])
		}
	}
	if _, err := catalog.LoadFile("testdata/missing.json"); err == nil {
		t.Fatal("LoadFile of a missing file must fail")
	}
}
