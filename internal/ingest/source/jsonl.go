// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bufio"
	"bytes"
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
	flat   flatParser
	pairs  []pair
	values []string
	seen   []int64 // row number that last set each column: duplicate keys
}

type pair struct{ key, val string }

// maxKeysListed bounds the unknown keys a row error lists.
const maxKeysListed = 20

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
			return nil, headerRowErr(rerr)
		}
		if len(r.pairs) == 0 {
			return nil, fileErr(ErrHeader, "第一个对象没有键，无法确定列", "the first object has no keys to name the columns")
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
			if len(unknown) < maxKeysListed {
				unknown = append(unknown, p.key)
			}
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
// null as empty, true and false as words. The keys and values share one
// string per line.
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
	pairs, key, err := r.flat.object(string(line), r.pairs[:0])
	r.pairs = pairs
	switch {
	case err == errNested:
		return rowErr(num, KindNested, slices.Index(r.header, strings.TrimSpace(key))+1)
	case err != nil:
		return jsonErr(num, err.Error())
	}
	for i := range r.pairs {
		p := &r.pairs[i]
		p.key, p.val = strings.TrimSpace(p.key), strings.TrimSpace(p.val)
		if len(p.val) > r.lim.MaxCellBytes {
			return rowErr(num, KindCellTooLarge, slices.Index(r.header, p.key)+1)
		}
	}
	return nil
}

// lineReader returns physical lines of at most max bytes. A longer line is
// reported as such and skipped without being kept: memory stays at max
// whatever the file holds.
type lineReader struct {
	br   *bufio.Reader
	max  int
	line int64 // newlines consumed
	buf  []byte
	eof  bool
}

// next returns the next line without its line end and the line's number.
// long reports a line over max; b is then nil. b is valid until the next
// call.
func (l *lineReader) next() (b []byte, num int64, long bool, err error) {
	if l.eof {
		return nil, 0, false, io.EOF
	}
	num = l.line + 1
	l.buf = l.buf[:0]
	for first := true; ; first = false {
		chunk, err := l.br.ReadSlice('\n')
		if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
			return nil, 0, false, fmt.Errorf("source: read: %w", err)
		}
		if err == io.EOF {
			l.eof = true
			if first && len(chunk) == 0 {
				return nil, 0, false, io.EOF
			}
		}
		switch {
		case long:
		case len(l.buf)+len(chunk) > l.max+2: // +2: the line end is not content
			long, l.buf = true, l.buf[:0]
		case first && err != bufio.ErrBufferFull:
			b = chunk // the whole line is in the buffer: no copy
		default:
			l.buf = append(l.buf, chunk...)
			b = l.buf
		}
		if err == bufio.ErrBufferFull {
			continue
		}
		if len(chunk) > 0 && chunk[len(chunk)-1] == '\n' {
			l.line++
		}
		if long {
			return nil, num, true, nil
		}
		if n := len(b); n > 0 && b[n-1] == '\n' {
			b = b[:n-1]
		}
		if n := len(b); n > 0 && b[n-1] == '\r' {
			b = b[:n-1]
		}
		return b, num, false, nil
	}
}
