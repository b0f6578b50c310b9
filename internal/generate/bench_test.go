// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/catalog"
)

// BenchmarkEnterprises100k measures building 100,000 enterprises,
// including the pass that makes their names unique.
func BenchmarkEnterprises100k(b *testing.B) {
	for b.Loop() {
		g := mustNew(b, 1, 100_000, "")
		n := 0
		for _, s := range g.All() {
			n += len(s.Name)
		}
		if n == 0 {
			b.Fatal("no names")
		}
	}
}

// BenchmarkRun100k measures writing all files for 100,000 enterprises.
func BenchmarkRun100k(b *testing.B) {
	for b.Loop() {
		m, err := Run(context.Background(), Options{Enterprises: 100_000, Out: b.TempDir(), Seed: 1, BadRows: 0.01}, nil)
		if err != nil {
			b.Fatal(err)
		}
		rows := 0
		for _, f := range m.Files {
			rows += f.Rows
		}
		b.ReportMetric(float64(rows), "rows/op")
	}
}

// FuzzAppendJSONString checks that the hand-written JSON quoting reads
// back as the same string.
func FuzzAppendJSONString(f *testing.F) {
	for _, s := range []string{"", "银川市兴庆区鑫源商贸有限公司", "a\"b\\c", "\t\n\x01", "约5万", "９１６４"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		var back string
		if err := json.Unmarshal(appendJSONString(nil, s), &back); err != nil || back != s {
			t.Fatalf("%q → %s → %q, %v", s, appendJSONString(nil, s), back, err)
		}
	})
}

// FuzzPlainNumber checks that whatever is written unquoted is valid JSON.
func FuzzPlainNumber(f *testing.F) {
	for _, s := range []string{"0", "0.2", "-12.50", "012", "1.", ".5", "1e5", "约5万", "１２"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !plainNumber(s) {
			return
		}
		var n json.Number
		dec := json.NewDecoder(strings.NewReader(s))
		dec.UseNumber()
		if err := dec.Decode(&n); err != nil || n.String() != s {
			t.Fatalf("plainNumber(%q) but JSON reads %q, %v", s, n, err)
		}
	})
}

func TestFormatMoney(t *testing.T) {
	for _, tc := range []struct {
		fen  int64
		typ  string
		want string
	}{
		{200000, "money_wan", "0.2"}, {123456789, "money_wan", "123.456789"}, {100, "money_wan", "0.0001"},
		{150, "money_yuan", "1.50"}, {100, "money_yuan", "1"}, {5, "money_yuan", "0.05"}, {-250, "money_yuan", "-2.50"},
		{12345, "money_fen", "12345"},
	} {
		if got := formatMoney(tc.fen, catalog.Type(tc.typ)); got != tc.want {
			t.Errorf("formatMoney(%d, %s) = %q, want %q", tc.fen, tc.typ, got, tc.want)
		}
	}
}
