// SPDX-License-Identifier: Apache-2.0

package source

import (
	"io"
	"strings"
	"unicode/utf8"
)

// csvReader turns parsed CSV records into rows: decodes them, checks the
// encoding and the column count, trims the values.
type csvReader struct {
	t      *text
	p      csvParser
	lim    Limits
	header []string
	info   Info
	rows   int64
	utf8   []byte // the record as UTF-8: the parser's bytes or dec
	ends   []int
	dec    []byte // decoded GB18030 record, owned here
	dends  []int
	values []string
}

func newCSV(t *text, lim Limits) (*csvReader, error) {
	r := &csvReader{t: t, lim: lim, p: csvParser{br: t.br, maxCell: lim.MaxCellBytes, maxRow: lim.MaxRowBytes, maxCols: lim.MaxColumns}}
	for {
		row, err := r.record()
		if err == io.EOF {
			return nil, noHeader()
		}
		if err != nil {
			return nil, err
		}
		if row.Err != nil {
			return nil, headerRowErr(row.Err)
		}
		if blank(row.Values) {
			continue
		}
		h, err := checkHeader(row.Values, lim.MaxColumns)
		if err != nil {
			return nil, err
		}
		r.header = h
		r.info = Info{Format: FormatCSV, HeaderRow: row.Num}
		return r, nil
	}
}

func (r *csvReader) Header() []string { return r.header }

func (r *csvReader) Info() Info {
	i := r.info
	i.Encoding = r.t.enc
	return i
}

func (r *csvReader) Progress() (int64, int64) { return r.t.progress() }

func (r *csvReader) Close() error { return nil }

func (r *csvReader) Next() (Row, error) {
	for {
		row, err := r.record()
		if err != nil {
			return Row{}, err
		}
		if row.Err == nil && blank(row.Values) {
			continue
		}
		if r.rows++; r.lim.MaxRows > 0 && r.rows > r.lim.MaxRows {
			return Row{}, tooManyRows(r.lim.MaxRows)
		}
		if row.Err == nil && len(row.Values) != len(r.header) {
			row.Err = columnsErr(row.Num, len(row.Values), len(r.header))
		}
		return row, nil
	}
}

// record reads the next record, blank or not, as a Row.
func (r *csvReader) record() (Row, error) {
	p := &r.p
	if err := p.next(); err != nil {
		return Row{}, err
	}
	row := Row{Num: p.num}
	if p.drop {
		return Row{Num: p.num, Err: rowErr(p.num, p.kind, p.col)}, nil
	}
	badCol := r.decode()
	prev := 0
	for i, e := range r.ends { // decoding GB18030 can lengthen a value
		if e-prev > r.lim.MaxCellBytes {
			return Row{Num: p.num, Err: rowErr(p.num, KindCellTooLarge, i+1)}, nil
		}
		prev = e
	}
	s := string(r.utf8) // one allocation per row; the values share it
	r.values = r.values[:0]
	prev = 0
	for _, e := range r.ends {
		v := s[prev:e]
		if badCol > 0 { // make it safe to show and export; U+FFFD may lengthen it
			v = clip(strings.ToValidUTF8(v, "\uFFFD"), r.lim.MaxCellBytes)
		}
		r.values = append(r.values, strings.TrimSpace(v))
		prev = e
	}
	row.Values = r.values
	switch {
	case p.kind != "":
		row.Err = rowErr(p.num, p.kind, p.col)
	case badCol > 0:
		row.Err = rowErr(p.num, KindEncoding, badCol)
	}
	return row, nil
}

// decode fills utf8 and ends from the parser's raw record and returns the
// first column with bytes invalid in the file's encoding, or 0. Bytes of
// a field cut short by a quoting error are not part of any value.
func (r *csvReader) decode() int {
	p, t := &r.p, r.t
	raw := p.buf
	if len(p.ends) > 0 {
		raw = raw[:p.ends[len(p.ends)-1]]
	} else {
		raw = raw[:0]
	}
	if t.enc != EncodingGB18030 {
		if utf8.Valid(raw) && !splitsRune(raw, p.ends) {
			if t.tentative && !isASCII(raw) {
				t.tentative = false // real UTF-8 seen: no more guessing
			}
			r.utf8, r.ends = raw, p.ends
			return 0
		}
		if !t.maybeSwitch(raw) {
			r.utf8, r.ends = raw, p.ends
			prev := 0
			for i, e := range p.ends {
				if !utf8.Valid(raw[prev:e]) {
					return i + 1
				}
				prev = e
			}
			return 0
		}
	}
	r.dec, r.dends = r.dec[:0], r.dends[:0]
	bad, prev := 0, 0
	for i, e := range p.ends {
		var b bool
		r.dec, b = t.appendUTF8(r.dec, raw[prev:e])
		if b && bad == 0 {
			bad = i + 1
		}
		r.dends = append(r.dends, len(r.dec))
		prev = e
	}
	r.utf8, r.ends = r.dec, r.dends
	return bad
}

// splitsRune reports whether a field boundary falls inside a character of
// valid UTF-8 text: fields "\xdd" and "\x98" are each invalid although
// their bytes together are.
func splitsRune(b []byte, ends []int) bool {
	for _, e := range ends {
		if e < len(b) && !utf8.RuneStart(b[e]) {
			return true
		}
	}
	return false
}

// clip cuts s to at most n bytes without splitting a character.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}
