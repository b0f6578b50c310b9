// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bufio"
	"fmt"
	"io"
)

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
