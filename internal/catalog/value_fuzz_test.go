// SPDX-License-Identifier: Apache-2.0

package catalog_test

import (
	"bytes"
	"errors"
	"testing"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/catalog"
)

// fuzzFields covers every type; the enum fields are the real shapes (one
// value with labels, several values with aliases).
func fuzzFields() []catalog.Field {
	var fs []catalog.Field
	for _, t := range []catalog.Type{catalog.TypeString, catalog.TypeText, catalog.TypeDate, catalog.TypeDateTime,
		catalog.TypeMonth, catalog.TypeInt, catalog.TypeDecimal, catalog.TypeMoneyFen, catalog.TypeMoneyYuan,
		catalog.TypeMoneyWan, catalog.TypeBool, catalog.TypeUSCC, catalog.TypeRegion, catalog.TypeIndustry,
		catalog.TypeIDNumber, catalog.TypePhone} {
		fs = append(fs, field(t))
	}
	open := field(catalog.TypeDate)
	open.OpenEnded = true
	short := field(catalog.TypeString)
	short.MaxLen = 5
	return append(fs, open, short, status, penaltyTypes)
}

// stored returns the field that reads a normalized value back: money is
// stored in 分 whatever unit it arrived in.
func stored(f catalog.Field) catalog.Field {
	if f.Type.IsMoney() {
		f.Type = catalog.TypeMoneyFen
	}
	return f
}

// FuzzParse checks that no input panics, every error is a bilingual
// FieldError, and normalizing is idempotent: the stored form parses to itself.
func FuzzParse(f *testing.F) {
	fields := fuzzFields()
	for _, s := range []string{"0.2", "2019-10-10", "2019年1月5日 08:00:00+08:00", "20191010", "202403", "1,234.50",
		"-0", "是", "罚款、警告", "无效", "91230500MA1B3N1N2M", "C1311", "1101051949****002X", "+86 (0951) 1234567",
		"长期", "0.0000001", "9223372036854775807", "２０１９－１０－１０", "\xff", "a\x00", "1e5", ".5", "5."} {
		for i := range fields {
			f.Add(uint8(i), s)
		}
	}
	f.Fuzz(func(t *testing.T, which uint8, raw string) {
		fl := fields[int(which)%len(fields)]
		got, err := fl.Parse(raw)
		if err != nil {
			var fe *catalog.FieldError
			if !errors.As(err, &fe) || fe.Msg == "" || fe.MsgEN == "" || fe.Field != fl.Code {
				t.Fatalf("Parse(%q) as %s: error %v is not a complete FieldError", raw, fl.Type, err)
			}
			return
		}
		if !utf8.ValidString(got) {
			t.Fatalf("Parse(%q) as %s = %q: not UTF-8", raw, fl.Type, got)
		}
		again, err := stored(fl).Parse(got)
		if err != nil || again != got {
			t.Fatalf("Parse(%q) as %s = %q, which parses to %q, %v", raw, fl.Type, got, again, err)
		}
	})
}

// FuzzLoad checks that Load and Validate survive any file and that the hash
// of whatever loads is deterministic.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(`{"version":1,"name":"x","region":"100000","origin":"y","categories":[],"items":[]}`))
	f.Add([]byte(`{"version":1,"items":[{"code":"A.B","fields":[{"code":"X","type":"enum","required":"C","when":{"field":"X"}}],"revocation":{"field":"X","values":["1"]},"polarity":"negative","publicity":{"from_field":"X"}}]}`))
	f.Add([]byte(`{"version":`))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := catalog.Load(bytes.NewReader(data))
		if err != nil {
			return
		}
		_ = c.Validate()
		if c.ComputeHash() != c.Hash {
			t.Fatal("hash not deterministic")
		}
	})
}

func BenchmarkParse(b *testing.B) {
	wan, date := field(catalog.TypeMoneyWan), field(catalog.TypeDate)
	for b.Loop() {
		_, _ = wan.Parse("1,234.5")
		_, _ = date.Parse("2019/10/10")
		_, _ = penaltyTypes.Parse("罚款、警告")
	}
}
