// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"unicode/utf8"
)

// canonical returns the record content as JSON with sorted keys and its
// SHA-256 (first 128 bits, hex): the same values always give the same
// bytes, whatever column order or header style the file had.
//
// The bytes are exactly what encoding/json.Marshal gives for the map
// (sorted keys, HTML-safe escaping, invalid UTF-8 as U+FFFD): content
// hashes of records stored before must stay valid, or every re-delivered
// record would count as a new version. It is written by hand because
// reflection and the generic map sort made json.Marshal a quarter of
// validation's CPU time on a million-row batch (FuzzCanonical holds it to
// json.Marshal).
func canonical(norm map[string]string) ([]byte, string) {
	b := appendCanonical(nil, norm)
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:16])
}

// canonicalIn is canonical for a row whose keys are among sorted (an
// item's field codes in byte order, sorted once per batch): it looks the
// keys up in order instead of sorting each row's keys.
func canonicalIn(norm map[string]string, sorted []string) ([]byte, string) {
	size, n := 2, 0
	for k, v := range norm {
		size += len(k) + len(v) + 6
	}
	b := make([]byte, 0, size+size/8)
	b = append(b, '{')
	for _, k := range sorted {
		v, ok := norm[k]
		if !ok {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = appendJSONString(b, k)
		b = append(b, ':')
		b = appendJSONString(b, v)
	}
	if n != len(norm) || norm == nil { // a key outside the list
		return canonical(norm)
	}
	b = append(b, '}')
	sum := sha256.Sum256(b)
	return b, hex.EncodeToString(sum[:16])
}

// appendCanonical appends the canonical JSON of m to dst.
func appendCanonical(dst []byte, m map[string]string) []byte {
	if m == nil {
		return append(dst, "null"...)
	}
	var buf [32]string
	keys := buf[:0]
	size := 2
	for k, v := range m {
		keys = append(keys, k)
		size += len(k) + len(v) + 6
	}
	slices.Sort(keys)
	if dst == nil {
		dst = make([]byte, 0, size+size/8)
	}
	dst = append(dst, '{')
	for i, k := range keys {
		if i > 0 {
			dst = append(dst, ',')
		}
		dst = appendJSONString(dst, k)
		dst = append(dst, ':')
		dst = appendJSONString(dst, m[k])
	}
	return append(dst, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString appends s as a JSON string escaped the way
// encoding/json escapes with HTML escaping on.
func appendJSONString(dst []byte, s string) []byte {
	dst = append(dst, '"')
	start := 0
	for i := 0; i < len(s); {
		b := s[i]
		if b < utf8.RuneSelf {
			if b >= 0x20 && b != '"' && b != '\\' && b != '<' && b != '>' && b != '&' {
				i++
				continue
			}
			dst = append(dst, s[start:i]...)
			switch b {
			case '\\', '"':
				dst = append(dst, '\\', b)
			case '\b':
				dst = append(dst, '\\', 'b')
			case '\f':
				dst = append(dst, '\\', 'f')
			case '\n':
				dst = append(dst, '\\', 'n')
			case '\r':
				dst = append(dst, '\\', 'r')
			case '\t':
				dst = append(dst, '\\', 't')
			default:
				dst = append(dst, '\\', 'u', '0', '0', hexDigits[b>>4], hexDigits[b&0xF])
			}
			i++
			start = i
			continue
		}
		c, size := utf8.DecodeRuneInString(s[i:])
		if c == utf8.RuneError && size == 1 {
			dst = append(dst, s[start:i]...)
			dst = append(dst, `\ufffd`...)
			i += size
			start = i
			continue
		}
		if c == '\u2028' || c == '\u2029' {
			dst = append(dst, s[start:i]...)
			dst = append(dst, '\\', 'u', '2', '0', '2', hexDigits[c&0xF])
			i += size
			start = i
			continue
		}
		i += size
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}
