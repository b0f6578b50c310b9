// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"database/sql"
	"os"
	"slices"
	"strings"
	"testing"

	_ "github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite"
)

func TestIndexTokens(t *testing.T) {
	for _, tt := range []struct{ name, want string }{
		{"腾讯科技", "腾 腾讯 讯 讯科 科 科技 技"},
		{"TCL科技（集团）", "t tc c cl l l科 科 科技 技 集 集团 团"},
		{"ＡＢ·ａｂ", "a ab b"}, // full width folded, middle dot separates, repeats dropped
		{"中国中国", "中 中国 国 国中"},
		{"  ", ""},
	} {
		if got := IndexTokens(tt.name); got != tt.want {
			t.Errorf("IndexTokens(%q)=%q, want %q", tt.name, got, tt.want)
		}
	}
}

func TestQueryTokens(t *testing.T) {
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"讯", []string{"讯"}},
		{"腾讯", []string{"腾讯"}},
		{"腾讯计算机", []string{"腾讯", "讯计", "计算", "算机"}},
		{"腾讯 深圳", []string{"腾讯", "深圳"}},
		{"腾讯(深圳)", []string{"腾讯", "深圳"}},
		{"ＴＣＬ", []string{"tc", "cl"}},
		{"哈哈哈哈", []string{"哈哈"}},
		{"--", nil},
		{"", nil},
	} {
		if got := QueryTokens(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("QueryTokens(%q)=%q, want %q", tt.q, got, tt.want)
		}
	}
	if got := len(QueryTokens(strings.Repeat("甲乙丙丁戊己庚辛壬癸", 10))); got > maxQueryTokens {
		t.Errorf("tokens=%d, want at most %d", got, maxQueryTokens)
	}
}

func TestMatches(t *testing.T) {
	name := "深圳市腾讯计算机系统有限公司（Tencent）"
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"腾讯", true}, {"讯", true}, {"计算机系统", true}, {"深圳 有限公司", true}, {"TENCENT", true}, {"cent", true},
		{"腾达", false}, {"讯腾", false}, {"公司tencent", false}, {"", false}, {"（）", false},
	} {
		if got := Matches(name, tt.q); got != tt.want {
			t.Errorf("Matches(%q)=%v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestQueryBuilders(t *testing.T) {
	if got, want := FTS5Query([]string{"腾讯", `a"b`, ""}), `"腾讯" "a""b"`; got != want {
		t.Errorf("FTS5Query=%s, want %s", got, want)
	}
	if got, want := TSQuery([]string{"腾讯", "o'k", `a\b`}), `'腾讯' & 'o''k' & 'a\\b'`; got != want {
		t.Errorf("TSQuery=%s, want %s", got, want)
	}
	if FTS5Query(nil) != "" || TSQuery(nil) != "" {
		t.Error("empty token list must give an empty query")
	}
}

// TestSearch_SQLiteFTS5 runs the tokens through the real FTS5 unicode61
// tokenizer to prove the claim in search.go: two-character and
// one-character queries find names by any part.
func TestSearch_SQLiteFTS5(t *testing.T) {
	db, err := sql.Open("sqlite", ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(`CREATE VIRTUAL TABLE names USING fts5(name UNINDEXED, tokens, tokenize='unicode61')`); err != nil {
		t.Skipf("FTS5 unavailable in this SQLite build: %v", err)
	}
	names := []string{"深圳市腾讯计算机系统有限公司", "腾达讯通贸易有限公司", "TCL科技集团股份有限公司", "厦门国际贸易集团股份有限公司"}
	for _, n := range names {
		if _, err := db.Exec(`INSERT INTO names(name, tokens) VALUES (?, ?)`, n, IndexTokens(n)); err != nil {
			t.Fatal(err)
		}
	}
	search := func(q string) []string {
		rows, err := db.Query(`SELECT name FROM names WHERE names MATCH ? ORDER BY rowid`, "tokens:("+FTS5Query(QueryTokens(q))+")")
		if err != nil {
			t.Fatalf("query %q: %v", q, err)
		}
		defer rows.Close()
		var out []string
		for rows.Next() {
			var n string
			if err := rows.Scan(&n); err != nil {
				t.Fatal(err)
			}
			if Matches(n, q) {
				out = append(out, n)
			}
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		return out
	}
	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"腾讯", names[:1]}, // "腾达讯通" holds 腾 and 讯 but not 腾讯
		{"讯", names[:2]},
		{"贸易", []string{names[1], names[3]}},
		{"集团", []string{names[2], names[3]}},
		{"tcl", names[2:3]},
		{"国际贸易", names[3:]},
		{"深圳 系统", names[:1]},
	} {
		if got := search(tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("search(%q)=%q, want %q", tt.q, got, tt.want)
		}
	}
}

// TestSearch_PostgresTSVector checks the same tokens against PostgreSQL's
// 'simple' text search. It creates nothing in the database.
func TestSearch_PostgresTSVector(t *testing.T) {
	url := os.Getenv("XINRONG_TEST_POSTGRES_URL")
	if url == "" {
		t.Skip("set XINRONG_TEST_POSTGRES_URL (e.g. postgres:///postgres?host=/var/run/postgresql) to run")
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for _, tt := range []struct {
		name, q string
		want    bool // before the Matches confirmation
	}{
		{"深圳市腾讯计算机系统有限公司", "腾讯", true},
		{"深圳市腾讯计算机系统有限公司", "讯", true},
		{"腾达讯通贸易有限公司", "腾讯", false},
		{"TCL科技集团股份有限公司", "ＴＣＬ科技", true},
		{"O'Brien贸易（厦门）有限公司", "o'brien", true}, // quote in the query is a separator, never reaches SQL
		{"厦门国际贸易集团股份有限公司", "国际 集团", true},
		{"厦门国际贸易集团股份有限公司", "国贸", false},
	} {
		var got bool
		err := db.QueryRow(`SELECT to_tsvector('simple', $1) @@ to_tsquery('simple', $2)`,
			IndexTokens(tt.name), TSQuery(QueryTokens(tt.q))).Scan(&got)
		if err != nil {
			t.Fatalf("%q / %q: %v", tt.name, tt.q, err)
		}
		if got != tt.want {
			t.Errorf("%q @@ %q = %v, want %v", tt.name, tt.q, got, tt.want)
		}
	}
}
