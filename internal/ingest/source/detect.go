// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bytes"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"
)

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomGB18030 = []byte{0x84, 0x31, 0x95, 0x33} // U+FEFF encoded in GB18030
	magicZip   = []byte("PK\x03\x04")
	magicOLE   = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1} // .xls, encrypted .xlsx
)

// encUTF16 is reported by detection only, to be refused.
const encUTF16 Encoding = "utf-16"

// Detect guesses a file's format and encoding from its name and its first
// bytes (64 KiB is plenty; fewer are treated as the whole file). Content
// wins over the name: providers rename .xlsx files to .csv. The encoding
// is "" for XLSX and when head is empty.
func Detect(name string, head []byte) (Format, Encoding) {
	switch {
	case bytes.HasPrefix(head, magicZip):
		return FormatXLSX, ""
	case bytes.HasPrefix(head, magicOLE):
		return FormatXLS, ""
	}
	ext := strings.ToLower(filepath.Ext(name))
	if len(head) == 0 {
		switch ext {
		case ".xlsx", ".xlsm":
			return FormatXLSX, ""
		case ".xls":
			return FormatXLS, ""
		case ".jsonl", ".ndjson", ".json":
			return FormatJSONL, ""
		}
		return FormatCSV, ""
	}
	s := sniffEncoding(head, len(head) < sniffSize)
	f := FormatCSV
	body := bytes.TrimLeft(bytes.TrimPrefix(head, bomUTF8), " \t\r\n")
	if ext == ".jsonl" || ext == ".ndjson" || ext == ".json" || bytes.HasPrefix(body, []byte("{")) {
		f = FormatJSONL
	}
	return f, s.enc
}

// sniffed is what the first bytes of a text file say about its encoding.
type sniffed struct {
	enc   Encoding
	valid bool // valid UTF-8 (allowing a rune cut at the end of an incomplete head)
	ascii bool // nothing but ASCII: no evidence either way
}

// sniffEncoding looks for a BOM, then tries UTF-8, then GB18030. Text that
// is neither is called UTF-8 and its rows report the bad bytes. complete
// says head is the whole file, so a rune cut at its end is an error.
func sniffEncoding(head []byte, complete bool) sniffed {
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		return sniffed{enc: EncodingUTF8BOM, valid: utf8Prefix(head, complete)}
	case bytes.HasPrefix(head, []byte{0xFF, 0xFE}), bytes.HasPrefix(head, []byte{0xFE, 0xFF}):
		return sniffed{enc: encUTF16}
	case bytes.HasPrefix(head, bomGB18030):
		return sniffed{enc: EncodingGB18030}
	}
	if utf8Prefix(head, complete) {
		return sniffed{enc: EncodingUTF8, valid: true, ascii: isASCII(head)}
	}
	if gbClean(head, complete) {
		return sniffed{enc: EncodingGB18030}
	}
	return sniffed{enc: EncodingUTF8}
}

// utf8Prefix reports whether b is valid UTF-8, allowing, when b is not
// the whole file, one rune cut short at its end.
func utf8Prefix(b []byte, complete bool) bool {
	if utf8.Valid(b) {
		return true
	}
	for k := 1; !complete && k <= 3 && k <= len(b); k++ {
		tail := b[len(b)-k:]
		if tail[0] >= 0xC2 && !utf8.FullRune(tail) {
			return utf8.Valid(b[:len(b)-k])
		}
	}
	return false
}

// gbClean reports whether b decodes as GB18030 without a replacement
// character. The decoder never fails: it substitutes U+FFFD.
func gbClean(b []byte, complete bool) bool {
	dec := simplifiedchinese.GB18030.NewDecoder()
	var dst [4096]byte
	for len(b) > 0 {
		n, m, err := dec.Transform(dst[:], b, complete)
		if bytes.Contains(dst[:n], replacement) {
			return false
		}
		b = b[m:]
		if err == transform.ErrShortSrc || err == nil && m == 0 {
			break // a character cut at the end of an incomplete head
		}
	}
	return true
}

var replacement = []byte("\uFFFD")

func isASCII(b []byte) bool {
	for _, c := range b {
		if c >= utf8.RuneSelf {
			return false
		}
	}
	return true
}
