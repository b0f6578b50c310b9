// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"bufio"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"fmt"
	"hash"
	"io"
	"os"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/xinrong/xinrong/internal/catalog"
)

// sink writes one file and hashes exactly the bytes that reach the disk.
type sink interface {
	write(vals []string) error
	// close flushes the file and returns its SHA-256 and size.
	close() (sum string, size int64, err error)
}

// digestFile is an output file with a running SHA-256 and byte count.
type digestFile struct {
	f    *os.File
	h    hash.Hash
	n    int64
	path string
}

func createDigest(path string) (*digestFile, error) {
	f, err := os.Create(path)
	if err != nil {
		return nil, fmt.Errorf("generate: create %s: %w", path, err)
	}
	return &digestFile{f: f, h: sha256.New(), path: path}, nil
}

func (d *digestFile) Write(b []byte) (int, error) {
	d.h.Write(b)
	d.n += int64(len(b))
	return d.f.Write(b)
}

func (d *digestFile) finish() (string, int64, error) {
	if err := d.f.Close(); err != nil {
		return "", 0, fmt.Errorf("generate: close %s: %w", d.path, err)
	}
	return hex.EncodeToString(d.h.Sum(nil)), d.n, nil
}

// csvSink writes CSV in UTF-8 (optionally with a BOM, as Excel saves it)
// or GB18030, the encoding of older Windows systems. Files that come out
// of Windows tools end lines with CRLF.
type csvSink struct {
	d  *digestFile
	bw *bufio.Writer
	tw io.WriteCloser // GB18030 encoder, nil for UTF-8
	cw *csv.Writer
}

func newCSVSink(path, enc string, header []string) (*csvSink, error) {
	d, err := createDigest(path)
	if err != nil {
		return nil, err
	}
	s := &csvSink{d: d, bw: bufio.NewWriterSize(d, 256<<10)}
	var w io.Writer = s.bw
	switch enc {
	case EncodingUTF8BOM:
		s.bw.WriteString("\uFEFF")
	case EncodingGB18030:
		s.tw = transform.NewWriter(s.bw, simplifiedchinese.GB18030.NewEncoder())
		w = s.tw
	}
	s.cw = csv.NewWriter(w)
	s.cw.UseCRLF = enc != EncodingUTF8
	return s, s.write(header)
}

func (s *csvSink) write(vals []string) error { return s.cw.Write(vals) }

func (s *csvSink) close() (string, int64, error) {
	s.cw.Flush()
	err := s.cw.Error()
	if s.tw != nil && err == nil {
		err = s.tw.Close()
	}
	if err == nil {
		err = s.bw.Flush()
	}
	if err != nil {
		s.d.f.Close()
		return "", 0, fmt.Errorf("generate: write %s: %w", s.d.path, err)
	}
	return s.d.finish()
}

// jsonlSink writes one JSON object per line, keys in field order, numbers
// unquoted where the field is numeric (as interface feeds send them:
// "CF_NR_FK":0.2) and null for empty values.
type jsonlSink struct {
	d     *digestFile
	bw    *bufio.Writer
	keys  []string
	types []catalog.Type
	buf   []byte
}

func newJSONLSink(path string, keys []string, types []catalog.Type) (*jsonlSink, error) {
	d, err := createDigest(path)
	if err != nil {
		return nil, err
	}
	return &jsonlSink{d: d, bw: bufio.NewWriterSize(d, 256<<10), keys: keys, types: types}, nil
}

func (s *jsonlSink) write(vals []string) error {
	b := append(s.buf[:0], '{')
	for i, v := range vals {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, s.keys[i])
		b = append(b, ':')
		switch {
		case v == "":
			b = append(b, "null"...)
		case numeric(s.types[i]) && plainNumber(v):
			b = append(b, v...)
		default:
			b = appendJSONString(b, v)
		}
	}
	b = append(b, '}', '\n')
	s.buf = b
	_, err := s.bw.Write(b)
	return err
}

func (s *jsonlSink) close() (string, int64, error) {
	if err := s.bw.Flush(); err != nil {
		s.d.f.Close()
		return "", 0, fmt.Errorf("generate: write %s: %w", s.d.path, err)
	}
	return s.d.finish()
}

func numeric(t catalog.Type) bool {
	return t == catalog.TypeInt || t == catalog.TypeDecimal || t.IsMoney()
}

// plainNumber reports whether s is a number as we write them: an optional
// minus, digits without a leading zero, an optional fraction. Anything else
// (约5万, full-width digits) is written as a string, as it arrived.
func plainNumber(s string) bool {
	s = strings.TrimPrefix(s, "-")
	ip, fp, dot := strings.Cut(s, ".")
	if ip == "" || len(ip) > 1 && ip[0] == '0' || dot && fp == "" {
		return false
	}
	return strings.Trim(ip, "0123456789") == "" && strings.Trim(fp, "0123456789") == ""
}

// appendJSONString quotes s as JSON, leaving non-ASCII text as UTF-8.
func appendJSONString(b []byte, s string) []byte {
	const hexd = "0123456789abcdef"
	b = append(b, '"')
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == '"' || c == '\\':
			b = append(b, '\\', c)
		case c == '\n':
			b = append(b, '\\', 'n')
		case c == '\t':
			b = append(b, '\\', 't')
		case c < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexd[c>>4], hexd[c&15])
		case c < utf8.RuneSelf:
			b = append(b, c)
		default:
			_, n := utf8.DecodeRuneInString(s[i:])
			b = append(b, s[i:i+n]...)
			i += n
			continue
		}
		i++
	}
	return append(b, '"')
}
