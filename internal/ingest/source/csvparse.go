// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bufio"
	"fmt"
	"io"
)

// csvParser splits raw CSV bytes into records with the rules of
// encoding/csv (LazyQuotes off): a field may be quoted, "" inside quotes
// is a quote, a quoted field may span lines, \r\n ends a line like \n, a
// stray quote breaks the record and reading resumes on the next line.
//
// It exists because encoding/csv keeps a whole line (and after an
// unclosed quote the rest of the file) in memory before it looks at it.
// This parser keeps only the current record's field bytes, stops keeping
// them when a limit is passed, and still finds where the record ends.
type csvParser struct {
	br              *bufio.Reader
	maxCell, maxRow int
	maxCols         int
	line            int64 // newlines consumed
	eof             bool

	// The current record: field bytes back to back, and where each ends.
	buf     []byte
	ends    []int
	num     int64 // line the record starts on
	nfields int   // fields seen, kept or not
	kind    ErrKind
	col     int
	drop    bool // a limit was passed: keep nothing more
}

// Parser states.
const (
	stField    = iota // at the start of a field
	stUnquoted        // in a field without quotes
	stQuoted          // inside quotes
	stQuoteEnd        // just after a quote inside quotes
	stSkip            // after a quoting error: skip to the end of the line
)

// csvSpecial marks the bytes that end a run of plain field bytes.
var csvSpecial = [256]bool{',': true, '"': true, '\r': true, '\n': true}

// next reads one record into buf and ends, or returns io.EOF.
func (p *csvParser) next() error {
	p.buf, p.ends = p.buf[:0], p.ends[:0]
	p.nfields, p.kind, p.col, p.drop = 0, "", 0, false
	p.num = p.line + 1
	if p.eof {
		return io.EOF
	}
	st, raw := stField, 0
	for {
		chunk, err := p.br.ReadSlice('\n')
		if err != nil && err != bufio.ErrBufferFull && err != io.EOF {
			return fmt.Errorf("source: read: %w", err)
		}
		if err == io.EOF {
			p.eof = true
			if raw == 0 && len(chunk) == 0 {
				return io.EOF
			}
		}
		// Every byte of a chunk belongs to this record: a chunk ends at
		// the first newline, and only a newline can end a record.
		if raw += len(chunk); raw > p.maxRow {
			p.fail(KindRowTooLarge, 0)
		}
		if p.scan(chunk, &st) {
			return nil
		}
		if p.eof {
			switch st {
			case stQuoted:
				p.fail(KindQuote, p.nfields+1) // no closing quote
			case stSkip:
			default:
				p.endField()
			}
			return nil
		}
	}
}

// scan runs the state machine over one chunk and reports whether it
// ended the record. A newline can only be a chunk's last byte.
func (p *csvParser) scan(b []byte, st *int) bool {
	n := len(b)
	for i := 0; i < n; {
		switch *st {
		case stField:
			if b[i] == '"' {
				*st, i = stQuoted, i+1
				continue
			}
			*st = stUnquoted
		case stUnquoted:
			j := i
			for j < n && !csvSpecial[b[j]] {
				j++
			}
			p.add(b[i:j])
			if j == n {
				return false
			}
			switch b[j] {
			case ',':
				p.endField()
				*st, i = stField, j+1
			case '\n':
				p.endField()
				p.line++
				return true
			case '"':
				p.fail(KindQuote, p.nfields+1)
				*st, i = stSkip, j+1
			case '\r':
				switch p.cr(b, j) {
				case crNewline:
					p.endField()
					return true
				case crLiteral:
					p.add(crByte) // not b: cr may have refilled the buffer
				}
				i = j + 1
			}
		case stQuoted:
			j := i
			for j < n && b[j] != '"' && b[j] != '\r' && b[j] != '\n' {
				j++
			}
			p.add(b[i:j])
			if j == n {
				return false
			}
			switch b[j] {
			case '"':
				*st = stQuoteEnd
			case '\n':
				p.add(b[j : j+1])
				p.line++
			case '\r':
				switch p.cr(b, j) {
				case crNewline:
					p.add(nlByte)
					return false
				case crLiteral:
					p.add(crByte) // not b: cr may have refilled the buffer
				}
			}
			i = j + 1
		case stQuoteEnd:
			switch b[i] {
			case '"':
				p.add(b[i : i+1])
				*st = stQuoted
			case ',':
				p.endField()
				*st = stField
			case '\n':
				p.endField()
				p.line++
				return true
			case '\r':
				switch p.cr(b, i) {
				case crNewline:
					p.endField()
					return true
				case crLiteral:
					p.fail(KindQuote, p.nfields+1)
					*st = stSkip
				}
			default:
				p.fail(KindQuote, p.nfields+1)
				*st = stSkip
			}
			i++
		case stSkip:
			if b[n-1] == '\n' {
				p.line++
				return true
			}
			return false
		}
	}
	return false
}

var crByte, nlByte = []byte{'\r'}, []byte{'\n'}

// What a \r turns out to be.
const (
	crLiteral = iota // a data byte
	crNewline        // with the following \n, a line end (counted)
	crEOF            // the last byte of the file: dropped, as encoding/csv does
)

// cr classifies the \r at b[j], looking past the chunk if it is the last
// byte. The caller must not use b after a crNewline or crEOF at the end.
func (p *csvParser) cr(b []byte, j int) int {
	if j+1 < len(b) {
		if b[j+1] == '\n' {
			p.line++
			return crNewline
		}
		return crLiteral
	}
	next, err := p.br.Peek(1)
	switch {
	case len(next) == 1 && next[0] == '\n':
		p.br.Discard(1)
		p.line++
		return crNewline
	case len(next) == 0 && err == io.EOF:
		return crEOF
	}
	return crLiteral
}

// add appends bytes to the current field unless a limit has been passed.
func (p *csvParser) add(b []byte) {
	if p.drop || len(b) == 0 {
		return
	}
	start := 0
	if len(p.ends) > 0 {
		start = p.ends[len(p.ends)-1]
	}
	if len(p.buf)-start+len(b) > p.maxCell {
		p.fail(KindCellTooLarge, p.nfields+1)
		return
	}
	p.buf = append(p.buf, b...)
}

func (p *csvParser) endField() {
	p.nfields++
	if p.drop {
		return
	}
	if p.nfields > p.maxCols {
		p.fail(KindTooWide, 0)
		return
	}
	p.ends = append(p.ends, len(p.buf))
}

// fail records the record's first problem. Size limits stop keeping bytes.
func (p *csvParser) fail(kind ErrKind, col int) {
	if p.kind == "" {
		p.kind, p.col = kind, col
	}
	if kind == KindRowTooLarge || kind == KindCellTooLarge || kind == KindTooWide {
		p.drop = true
	}
}
