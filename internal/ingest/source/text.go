// SPDX-License-Identifier: Apache-2.0

package source

import (
	"bufio"
	"bytes"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/transform"

	"github.com/xinrong/xinrong/internal/apperr"
)

// text is the byte stream of a CSV or JSON Lines file, BOM removed, with
// what is needed to turn its bytes into UTF-8. Parsing happens on the raw
// bytes: GB18030 never uses the bytes of , " \r or \n inside a character,
// so CSV can be split before decoding, one field at a time.
type text struct {
	br   *bufio.Reader
	cr   *countingReader
	size int64
	enc  Encoding
	// tentative: detected as UTF-8 from ASCII alone. The first row that is
	// not UTF-8 but is clean GB18030 switches the rest of the file.
	tentative bool
	dec       transform.Transformer
}

func openText(br *bufio.Reader, cr *countingReader, head []byte, declared Encoding, size int64) (*text, error) {
	declared, err := normEncoding(declared)
	if err != nil {
		return nil, err
	}
	s := sniffEncoding(head, len(head) < sniffSize)
	t := &text{br: br, cr: cr, size: size, enc: s.enc, dec: simplifiedchinese.GB18030.NewDecoder()}
	switch {
	case s.enc == encUTF16:
		return nil, fileErr(ErrEncoding, "文件为 UTF-16 编码（Excel 的“Unicode 文本”），请另存为 UTF-8 或 GB18030 编码的 CSV",
			`the file is UTF-16 (Excel's "Unicode text"); save it as CSV in UTF-8 or GB18030`)
	case declared == "":
		t.tentative = s.ascii
	case declared == EncodingGB18030:
		if s.enc == EncodingUTF8BOM || s.valid && !s.ascii {
			return nil, fileErr(ErrEncoding, "声明为 GB18030（GBK）编码，但文件内容是 UTF-8",
				"declared GB18030 (GBK) but the content is UTF-8")
		}
		t.enc = EncodingGB18030
	case s.enc == EncodingGB18030:
		return nil, fileErr(ErrEncoding, "声明为 UTF-8 编码，但文件内容是 GB18030（GBK）",
			"declared UTF-8 but the content is GB18030 (GBK)")
	}
	bom := bomUTF8
	if t.enc == EncodingGB18030 {
		bom = bomGB18030
	}
	if bytes.HasPrefix(head, bom) {
		t.br.Discard(len(bom))
	}
	return t, nil
}

// normEncoding maps the names providers and tools use to ours.
func normEncoding(e Encoding) (Encoding, error) {
	switch strings.ToLower(strings.TrimSpace(string(e))) {
	case "":
		return EncodingDetect, nil
	case "utf-8", "utf8":
		return EncodingUTF8, nil
	case "utf-8-bom", "utf8-bom", "utf-8-sig":
		return EncodingUTF8BOM, nil
	case "gb18030", "gbk", "gb2312", "cp936", "gb-18030":
		return EncodingGB18030, nil
	}
	return "", apperr.E(apperr.Invalid, fmt.Sprintf("不支持的编码 %q / unsupported encoding %q", e, e), ErrEncoding)
}

// appendUTF8 appends src, in the file's encoding, to dst as UTF-8 and
// reports whether src had bytes that are not valid in that encoding
// (which then appear as U+FFFD, or as they were for UTF-8).
func (t *text) appendUTF8(dst, src []byte) ([]byte, bool) {
	if t.enc != EncodingGB18030 || isASCII(src) {
		return append(dst, src...), !utf8.Valid(src)
	}
	// A GB18030 byte becomes at most three UTF-8 bytes (0x80 is €, a bad
	// byte U+FFFD), so one call with this much room never runs short.
	dst = slices.Grow(dst, 3*len(src))
	n, _, _ := t.dec.Transform(dst[len(dst):cap(dst)], src, true)
	out := dst[len(dst) : len(dst)+n]
	return dst[:len(dst)+n], bytes.Contains(out, replacement)
}

// maybeSwitch is called with a row that is not valid UTF-8. If the
// encoding was only guessed from ASCII and the row is clean GB18030, the
// rest of the file is read as GB18030 and it returns true.
func (t *text) maybeSwitch(raw []byte) bool {
	if !t.tentative || !gbClean(raw, true) {
		return false
	}
	t.tentative, t.enc = false, EncodingGB18030
	return true
}

func (t *text) progress() (int64, int64) { return t.cr.n, t.size }
