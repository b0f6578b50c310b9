// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"testing"
	"unicode/utf8"
)

// viaEncodingJSON is the reference: encoding/json's token stream, read
// the way flatParser reads, first problem wins.
func viaEncodingJSON(line []byte) (pairs []pair, nested string, ok bool) {
	d := json.NewDecoder(bytes.NewReader(line))
	d.UseNumber()
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return nil, "", false
	}
	for d.More() {
		kt, err := d.Token()
		if err != nil {
			return nil, "", false
		}
		key, _ := kt.(string)
		vt, err := d.Token()
		if err != nil {
			return nil, "", false
		}
		var v string
		switch x := vt.(type) {
		case string:
			v = x
		case json.Number:
			v = string(x)
		case bool:
			v = fmt.Sprint(x)
		case nil:
		default:
			return nil, key, false
		}
		pairs = append(pairs, pair{key, v})
	}
	if _, err := d.Token(); err != nil {
		return nil, "", false
	}
	if _, err := d.Token(); err != io.EOF {
		return nil, "", false
	}
	return pairs, "", true
}

// sameAsEncodingJSON checks flatParser against encoding/json on one line.
func sameAsEncodingJSON(t *testing.T, line []byte) {
	t.Helper()
	if !utf8.Valid(line) {
		return
	}
	var p flatParser
	got, gotNested, err := p.object(string(line), nil)
	want, wantNested, ok := viaEncodingJSON(line)
	if (err == nil) != ok || gotNested != wantNested || ok && fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("line %q\nours   %q nested %q err %v\ntheirs %q nested %q ok %v", line, got, gotNested, err, want, wantNested, ok)
	}
}

var jsonCases = []string{
	`{}`, ` { } `, `{"a":1}`, `{"a":-0.5e+10,"b":1E3,"c":0}`, `{"a":01}`, `{"a":-}`, `{"a":1.}`, `{"a":.5}`, `{"a":1e}`,
	`{"a":"x\"y\\z\/\b\f\n\r\t"}`, `{"a":"\u5b81\u00e9"}`, `{"a":"\ud83d\ude00"}`, `{"a":"\ud83d"}`, `{"a":"\ud83dx"}`,
	`{"a":"\ude00\ud83d\ude00"}`, `{"a":"\ud83d\u0041"}`, `{"a":"\uZZZZ"}`, `{"a":"\ud83d\uZZZZ"}`, `{"a":"\q"}`,
	"{\"a\":\"\x01\"}", `{"a":true,"b":false,"c":null}`, `{"a":tru}`, `{"a":nul}`, `{"a":[1]}`, `{"a":{"b":1}}`,
	`{"a":1,}`, `{,"a":1}`, `{"a" 1}`, `{"a":1 "b":2}`, `{"a":1}x`, `{"a":1} {}`, `[1]`, `"a"`, ``, `{`, `{"a`, `{"a":"`,
	`{"a":"b`, `{"a":"b\`, `{1:2}`, `{"a":1}` + "\t\r\n",
}

func TestFlatParser_SameAsEncodingJSON(t *testing.T) {
	for _, c := range jsonCases {
		sameAsEncodingJSON(t, []byte(c))
	}
}
