// SPDX-License-Identifier: Apache-2.0

package catalog_test

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// formatsDir finds the real field lists (shared/data/formats). They live
// outside the repository, so tests skip when they are absent.
func formatsDir(t *testing.T) string {
	t.Helper()
	for _, d := range []string{os.Getenv("XINRONG_FORMATS_DIR"), "/work/shared/data/formats", "../../../shared/data/formats"} {
		if d == "" {
			continue
		}
		if _, err := os.Stat(filepath.Join(d, "shuanggongshi_xzcf_penalty_fields.csv")); err == nil {
			return d
		}
	}
	t.Skip("real field lists not found; set XINRONG_FORMATS_DIR to shared/data/formats")
	return ""
}

// readCSV returns the rows of a field list as maps keyed by header.
func readCSV(t *testing.T, path string) []map[string]string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Skipf("%s: %v", path, err)
	}
	recs, err := csv.NewReader(bytes.NewReader(data)).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	var out []map[string]string
	for _, r := range recs[1:] {
		m := map[string]string{}
		for i, h := range recs[0] {
			m[h] = r[i]
		}
		out = append(out, m)
	}
	return out
}

// TestDefault_DoublePublicityFields checks that the 双公示 items have exactly
// the real column codes, in order, with the real required flags.
func TestDefault_DoublePublicityFields(t *testing.T) {
	dir := formatsDir(t)
	c := MustDefault(t)
	for file, code := range map[string]string{
		"shuanggongshi_xzcf_penalty_fields.csv": "PEN.XZCF",
		"shuanggongshi_xzxk_license_fields.csv": "LIC.XZXK",
	} {
		rows := readCSV(t, filepath.Join(dir, file))
		it, err := c.Item(code)
		if err != nil {
			t.Fatal(err)
		}
		var want, got []string
		for _, r := range rows {
			want = append(want, r["column_code"]+"="+r["required"])
		}
		for _, f := range it.Fields {
			got = append(got, f.Code+"="+string(f.Required))
		}
		if !slices.Equal(got, want) {
			t.Errorf("%s fields:\n got %v\nwant %v", code, got, want)
		}
	}
}

// TestDefault_FeedFields checks that every JSON key of the real 失信被执行人
// and 经营异常名录 feeds maps to its own field and nothing was invented.
func TestDefault_FeedFields(t *testing.T) {
	dir := formatsDir(t)
	c := MustDefault(t)
	for _, tt := range []struct{ file, keyCol, item string }{
		{"shixin_dishonest_debtor_fields.csv", "json_key", "DIS.SXBZXR"},
		{"jingying_yichang_abnormal_list_fields.csv", "typical_json_key", "ABN.JYYC"},
	} {
		rows := readCSV(t, filepath.Join(dir, tt.file))
		it, _ := c.Item(tt.item)
		seen := map[string]bool{}
		for _, r := range rows {
			// "sexy (or sex)" lists two spellings of one key.
			keys := strings.FieldsFunc(r[tt.keyCol], func(r rune) bool { return strings.ContainsRune(" ()", r) })
			keys = slices.DeleteFunc(keys, func(k string) bool { return k == "or" })
			var codes []string
			for _, k := range keys {
				f, ok := it.Resolve(k)
				if !ok {
					t.Fatalf("%s: key %q maps to no field", tt.item, k)
				}
				codes = append(codes, f.Code)
			}
			codes = slices.Compact(codes)
			if len(codes) != 1 || seen[codes[0]] {
				t.Fatalf("%s: key %q maps to %v", tt.item, r[tt.keyCol], codes)
			}
			seen[codes[0]] = true
		}
		if got, want := len(it.Fields), len(rows); got != want {
			t.Errorf("%s has %d fields, the real list %d", tt.item, got, want)
		}
	}
	abn, _ := c.Item("ABN.JYYC")
	reason, _ := abn.Field("IN_REASON")
	if got, want := len(reason.Enum), 4; got != want {
		t.Fatalf("经营异常 listing reasons=%d, want the %d statutory ones", got, want)
	}
}

// TestDefault_SampleRow runs the real 双公示 penalty row through the item.
func TestDefault_SampleRow(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(formatsDir(t), "shuanggongshi_xzcf_sample_row.json"))
	if err != nil {
		t.Skip(err)
	}
	var sample struct{ Row map[string]any }
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber() // keep 0.2 as the provider wrote it
	if err := dec.Decode(&sample); err != nil {
		t.Fatal(err)
	}
	row := map[string]string{}
	for k, v := range sample.Row {
		if v != nil {
			row[k] = strings.TrimSpace(toString(v))
		}
	}
	it, _ := MustDefault(t).Item("PEN.XZCF")
	norm, errs := it.NormalizeRow(row)
	if len(errs) > 0 {
		t.Fatalf("sample row rejected: %v", errs)
	}
	for field, want := range map[string]string{
		"CF_NR_FK": "200000", "CF_JDRQ": "2019-10-10", "CF_CFLB": "罚款",
		"CF_XDR_SHXYM": "91230500MA1B3N1N2M", "CF_XDR_LB": "法人及非法人组织",
	} {
		if got := norm[field]; got != want {
			t.Errorf("%s=%q, want %q", field, got, want)
		}
	}
	if unknown := it.UnknownKeys(row); !slices.Contains(unknown, "RESOURCE_ID") || slices.Contains(unknown, "CF_WSH") {
		t.Fatalf("UnknownKeys=%v", unknown)
	}
	if it.Revoked(norm) {
		t.Fatal("a penalty has no revocation field; must not be revoked")
	}
}

func toString(v any) string {
	if n, ok := v.(json.Number); ok {
		return n.String()
	}
	s, _ := v.(string)
	return s
}
