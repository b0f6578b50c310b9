// SPDX-License-Identifier: Apache-2.0

package source

import (
	"strings"
	"testing"
)

func TestJSONL_FirstObjectIsHeaderAndRow(t *testing.T) {
	data := `{"CF_WSH":"京罚〔2023〕1号","CF_NR_FK":0.20,"DATE":null,"OK":true,"N":-1e3}` + "\n" +
		"\n" +
		`{"N":7,"CF_WSH":" \u5b81 "}` + "\r\n" +
		`{"CF_WSH":"x","EXTRA":1,"MORE":2}` + "\n" +
		`{"CF_WSH":{"a":1}}` + "\n" +
		`{"CF_WSH":"y",}` + "\n" +
		`{"CF_WSH":"y"} {}` + "\n" +
		`{"CF_WSH":"a","CF_WSH":"b"}` + "\n" +
		`[1,2]` + "\n" +
		`{"CF_WSH":"last"}`
	g := readAll(t, []byte(data), Options{})
	if got, want := g.r.Info().Format, FormatJSONL; got != want {
		t.Fatalf("format %q", got)
	}
	if got, want := join(g.header), "CF_WSH|CF_NR_FK|DATE|OK|N"; got != want {
		t.Fatalf("header %q, want %q", got, want)
	}
	want := []struct {
		num  int64
		kind ErrKind
		vals string
	}{
		{1, "", "京罚〔2023〕1号|0.20||true|-1e3"},
		{3, "", "宁||||7"},
		{4, KindUnknownKeys, "x||||"},
		{5, KindNested, ""},
		{6, KindJSON, ""},
		{7, KindJSON, ""},
		{8, KindJSON, ""},
		{9, KindJSON, ""},
		{10, "", "last||||"},
	}
	if len(g.rows) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(g.rows), len(want), g.rows)
	}
	for i, w := range want {
		r := g.rows[i]
		if r.Num != w.num || kind(r) != w.kind || w.kind == "" && join(r.Values) != w.vals {
			t.Errorf("row %d: Num %d kind %q values %q err %v; want %d %q %q", i, r.Num, kind(r), join(r.Values), r.Err, w.num, w.kind, w.vals)
		}
	}
	if e := g.rows[2].Err.(*RowError); join(e.Keys) != "EXTRA|MORE" || !strings.Contains(e.Error(), "EXTRA, MORE") {
		t.Errorf("unknown keys error %v, keys %q", e, e.Keys)
	}
	if e := g.rows[3].Err.(*RowError); e.Column != 1 {
		t.Errorf("nested value column %d, want 1", e.Column)
	}
}

func TestJSONL_LongLineSkipped(t *testing.T) {
	data := `{"a":"1"}` + "\n" + `{"a":"` + strings.Repeat("x", 300) + `"}` + "\n" + `{"a":"3"}` + "\n"
	g := readAll(t, []byte(data), Options{Limits: Limits{MaxRowBytes: 100}})
	if len(g.rows) != 3 || kind(g.rows[1]) != KindRowTooLarge || g.rows[2].Values[0] != "3" || g.rows[2].Num != 3 {
		t.Fatalf("rows %+v", g.rows)
	}
	g = readAll(t, []byte(data), Options{Limits: Limits{MaxCellBytes: 100}})
	if kind(g.rows[1]) != KindCellTooLarge {
		t.Fatalf("rows %+v", g.rows)
	}
}

func TestJSONL_Encoding(t *testing.T) {
	g := readAll(t, []byte(`{"名称":"甲"}`+"\n"+`{"名称":"乙`+"\xff"+`"}`+"\n"), Options{Format: FormatJSONL})
	if kind(g.rows[1]) != KindEncoding {
		t.Fatalf("rows %+v", g.rows)
	}
	g = readAll(t, gb(t, "\uFEFF{\"名称\":\"宁夏\"}\n"), Options{Format: FormatJSONL})
	if got, want := g.header[0]+"="+g.rows[0].Values[0], "名称=宁夏"; got != want || g.r.Info().Encoding != EncodingGB18030 {
		t.Fatalf("GB18030 JSON Lines: %q, %q", got, g.r.Info().Encoding)
	}
}

func TestJSONL_HeaderProblems(t *testing.T) {
	opts := Options{Format: FormatJSONL}
	openErr(t, []byte(`{"a":1,"a":2}`), opts, ErrHeader, `"a"`)
	openErr(t, []byte(`[1]`), opts, ErrHeader, "header row")
	openErr(t, []byte(`{"a":{"b":1}}`), opts, ErrHeader, "header row")
	openErr(t, []byte("\n \n"), opts, ErrHeader, "empty")
	openErr(t, []byte(`{"a":"`+strings.Repeat("x", 200)+`"}`), Options{Format: FormatJSONL, Limits: Limits{MaxRowBytes: 100}}, ErrHeader, "too long")
}
