// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"
)

// jsonlReader reads JSON Lines: one flat object per line. The first
// object's keys, in their order, are the header; later objects are mapped
// by key, a missing key is an empty value and a key the first object did
// not have makes the row an error (a misspelt key would otherwise lose
// data silently).
type jsonlReader struct {
	t      *text
	lr     lineReader
	lim    Limits
	header []string
	index  map[string]int
	info   Info
	rows   int64
	first  *Row // the first object, returned by the first Next
	dec    []byte
	pairs  []pair
	values []string
	seen   []int64 // row number that last set each column: duplicate keys
}

type pair struct{ key, val string }

func newJSONL(t *text, lim Limits) (*jsonlReader, error) {
	r := &jsonlReader{t: t, lim: lim, lr: lineReader{br: t.br, max: lim.MaxRowBytes}}
	for {
		line, num, long, err := r.lr.next()
		if err == io.EOF {
			return nil, noHeader()
		}
		if err != nil {
			return nil, err
		}
		if long {
			return nil, fileErr(ErrHeader, "第一行过长", "the first line is too long")
		}
		if len(bytes.TrimSpace(line)) == 0 {
			continue
		}
		if rerr := r.parse(line, num); rerr != nil {
			return nil, fileErr(ErrHeader, "第一行无法读取："+rerr.Error(), "the first line cannot be read")
		}
		keys := make([]string, len(r.pairs))
		vals := make([]string, len(r.pairs))
		for i, p := range r.pairs {
			keys[i], vals[i] = p.key, p.val
		}
		if r.header, err = checkHeader(keys, lim.MaxColumns); err != nil {
			return nil, err
		}
		r.index = make(map[string]int, len(keys))
		for i, k := range r.header {
			r.index[k] = i
		}
		r.seen = make([]int64, len(keys))
		r.first = &Row{Num: num, Values: vals}
		r.info = Info{Format: FormatJSONL, HeaderRow: num}
		return r, nil
	}
}

func (r *jsonlReader) Header() []string         { return r.header }
func (r *jsonlReader) Progress() (int64, int64) { return r.t.progress() }
func (r *jsonlReader) Close() error             { return nil }

func (r *jsonlReader) Info() Info {
	i := r.info
	i.Encoding = r.t.enc
	return i
}

func (r *jsonlReader) Next() (Row, error) {
	for {
		row, err := r.row()
		if err != nil {
			return Row{}, err
		}
		if row.Err == nil && blank(row.Values) {
			continue
		}
		if r.rows++; r.lim.MaxRows > 0 && r.rows > r.lim.MaxRows {
			return Row{}, tooManyRows(r.lim.MaxRows)
		}
		return row, nil
	}
}

func (r *jsonlReader) row() (Row, error) {
	if f := r.first; f != nil {
		r.first = nil
		return *f, nil
	}
	var line []byte
	var num int64
	for {
		l, n, long, err := r.lr.next()
		if err != nil {
			return Row{}, err
		}
		if long {
			return Row{Num: n, Err: rowErr(n, KindRowTooLarge, 0)}, nil
		}
		if len(bytes.TrimSpace(l)) > 0 {
			line, num = l, n
			break
		}
	}
	if rerr := r.parse(line, num); rerr != nil {
		return Row{Num: num, Err: rerr}, nil
	}
	vals := r.values[:0]
	vals = append(vals, make([]string, len(r.header))...)
	r.values = vals
	var unknown []string
	for _, p := range r.pairs {
		i, ok := r.index[p.key]
		switch {
		case !ok:
			unknown = append(unknown, p.key)
		case r.seen[i] == num:
			return Row{Num: num, Err: jsonErr(num, fmt.Sprintf("键 %q 重复 / duplicate key %q", p.key, p.key))}, nil
		default:
			r.seen[i], vals[i] = num, p.val
		}
	}
	row := Row{Num: num, Values: vals}
	if unknown != nil {
		row.Err = unknownKeysErr(num, unknown)
	}
	return row, nil
}

// parse reads one line into pairs, values as strings: numbers as written,
// null as empty, true and false as words.
func (r *jsonlReader) parse(line []byte, num int64) *RowError {
	r.pairs = r.pairs[:0]
	if t := r.t; t.enc != EncodingGB18030 {
		switch {
		case !utf8.Valid(line):
			if !t.maybeSwitch(line) {
				return rowErr(num, KindEncoding, 0)
			}
		case t.tentative && !isASCII(line):
			t.tentative = false // real UTF-8 seen: no more guessing
		}
	}
	if r.t.enc == EncodingGB18030 {
		var bad bool
		if r.dec, bad = r.t.appendUTF8(r.dec[:0], line); bad {
			return rowErr(num, KindEncoding, 0)
		}
		line = r.dec
	}
	d := json.NewDecoder(bytes.NewReader(line))
	d.UseNumber()
	if tok, err := d.Token(); err != nil || tok != json.Delim('{') {
		return jsonErr(num, "应以 { 开始 / must start with {")
	}
	for d.More() {
		kt, err := d.Token()
		if err != nil {
			return jsonErr(num, err.Error())
		}
		key, _ := kt.(string)
		key = strings.TrimSpace(key)
		vt, err := d.Token()
		if err != nil {
			return jsonErr(num, err.Error())
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
		default: // json.Delim: an object or array
			return rowErr(num, KindNested, slices.Index(r.header, key)+1)
		}
		if v = strings.TrimSpace(v); len(v) > r.lim.MaxCellBytes {
			return rowErr(num, KindCellTooLarge, slices.Index(r.header, key)+1)
		}
		r.pairs = append(r.pairs, pair{key, v})
	}
	if _, err := d.Token(); err != nil {
		return jsonErr(num, err.Error())
	}
	if _, err := d.Token(); err != io.EOF {
		return jsonErr(num, "对象之后还有内容 / data after the object")
	}
	return nil
}
