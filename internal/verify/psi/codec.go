// SPDX-License-Identifier: Apache-2.0

package psi

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"github.com/xinrong/xinrong/internal/apperr"
)

// The wire format of a batch of elements (application/octet-stream):
// the 4-byte magic "XRP1", the element count as a big-endian uint32, then
// count × 32 bytes. The count up front lets the reader refuse an oversized
// batch before reading it and tell a truncated stream from a short batch.
const (
	magic      = "XRP1"
	headerSize = 8
	// ContentType is the media type of a batch.
	ContentType = "application/octet-stream"
)

// EncodedSize is the size on the wire of a batch of n elements.
func EncodedSize(n int) int64 { return headerSize + int64(n)*ElementSize }

// WriteElements writes a batch in the wire format.
func WriteElements(w io.Writer, e Elements) error {
	var h [headerSize]byte
	copy(h[:], magic)
	binary.BigEndian.PutUint32(h[4:], uint32(e.Len()))
	if _, err := w.Write(h[:]); err != nil {
		return fmt.Errorf("psi: write elements: %w", err)
	}
	// Write in 1 MiB pieces so that a slow reader sees a steady stream.
	for off := 0; off < len(e); off += 1 << 20 {
		if _, err := w.Write(e[off:min(off+1<<20, len(e))]); err != nil {
			return fmt.Errorf("psi: write elements: %w", err)
		}
	}
	return nil
}

// ReadElements reads one batch of at most max elements and checks that
// nothing follows it. It checks the framing only; Apply checks that each
// element is a group element. Errors are apperr.Invalid.
func ReadElements(r io.Reader, max int) (Elements, error) {
	br := bufio.NewReaderSize(r, 64<<10)
	var h [headerSize]byte
	if _, err := io.ReadFull(br, h[:]); err != nil {
		return nil, apperr.Invalidf("批次头不完整 / batch header truncated")
	}
	if string(h[:4]) != magic {
		return nil, apperr.Invalidf("批次格式错误（应以 %s 开头）/ not a batch (must start with %s)", magic, magic)
	}
	n := binary.BigEndian.Uint32(h[4:])
	if uint64(n) > uint64(max) {
		return nil, apperr.Invalidf("批次含 %d 个元素，超过上限 %d / batch of %d elements exceeds the limit of %d", n, max, n, max)
	}
	out := make(Elements, int(n)*ElementSize)
	if _, err := io.ReadFull(br, out); err != nil {
		return nil, apperr.E(apperr.Invalid, fmt.Sprintf("批次不完整：声明 %d 个元素 / batch truncated: %d elements declared", n, n), err)
	}
	if _, err := br.ReadByte(); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, apperr.E(apperr.Invalid, "读取批次失败 / reading the batch failed", err)
		}
		return nil, apperr.Invalidf("批次之后还有多余数据 / data after the batch")
	}
	return out, nil
}
