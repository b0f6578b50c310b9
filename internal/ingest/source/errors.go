// SPDX-License-Identifier: Apache-2.0

package source

import (
	"errors"
	"fmt"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Causes of file-level errors, for errors.Is. Open and Next wrap them in
// an apperr.Invalid error whose message names the problem for the provider.
var (
	ErrFormat   = errors.New("source: file is not in the declared format or is damaged")
	ErrEncoding = errors.New("source: declared encoding contradicted by the content")
	ErrHeader   = errors.New("source: unusable header row")
	ErrLimit    = errors.New("source: file exceeds a limit")
)

// fileErr is a file-level error with a bilingual message.
func fileErr(cause error, zh, en string) error {
	return apperr.E(apperr.Invalid, zh+" / "+en, cause)
}

// headerRowErr refuses a file whose header row has a row error.
func headerRowErr(err error) error {
	zh, en := err.Error(), err.Error()
	if e, ok := err.(*RowError); ok {
		zh, en = e.zh, e.en
	}
	return fileErr(ErrHeader, "表头行无法读取："+zh, "the header row cannot be read: "+en)
}

// ErrKind classifies a row error; the values are stable and may be stored.
type ErrKind string

// The row error kinds.
const (
	KindColumns      ErrKind = "columns"        // column count differs from the header
	KindTooWide      ErrKind = "too_wide"       // more than MaxColumns cells
	KindRowTooLarge  ErrKind = "row_too_large"  // more than MaxRowBytes
	KindCellTooLarge ErrKind = "cell_too_large" // a value over MaxCellBytes
	KindEncoding     ErrKind = "encoding"       // bytes not valid in the file's encoding
	KindQuote        ErrKind = "quote"          // CSV quoting broken
	KindJSON         ErrKind = "json"           // not one flat JSON object
	KindNested       ErrKind = "nested"         // JSON object or array as a value
	KindUnknownKeys  ErrKind = "unknown_keys"   // JSON keys the first object did not have
)

// RowError is a problem confined to one row.
type RowError struct {
	Num    int64   // the row's Num
	Kind   ErrKind // what went wrong
	Column int     // 1-based column concerned; 0 when not one column
	// Got and Want are the row's and the header's column counts (KindColumns).
	Got, Want int
	Keys      []string // KindUnknownKeys: the keys (the first 20), in order of appearance
	zh, en    string
}

// Error returns the message, Chinese first: "第 7 行：… / row 7: …".
func (e *RowError) Error() string {
	return fmt.Sprintf("第 %d 行：%s / row %d: %s", e.Num, e.zh, e.Num, e.en)
}

// rowErr builds a RowError; Got, Want and Keys are set by the caller.
func rowErr(num int64, kind ErrKind, col int) *RowError {
	e := &RowError{Num: num, Kind: kind, Column: col}
	at, atEN := "", ""
	if col > 0 {
		at, atEN = fmt.Sprintf("第 %d 列（%s）", col, ColumnName(col)), fmt.Sprintf(" in column %d (%s)", col, ColumnName(col))
	}
	switch kind {
	case KindTooWide:
		e.zh, e.en = "列数超过上限", "more columns than allowed"
	case KindRowTooLarge:
		e.zh, e.en = "行过长，已跳过", "row too long, skipped"
	case KindCellTooLarge:
		e.zh, e.en = at+"内容过长", "value too long"+atEN
	case KindEncoding:
		e.zh, e.en = at+"含有不符合文件编码的字节", "bytes not valid in the file's encoding"+atEN
	case KindQuote:
		e.zh, e.en = at+"引号使用有误（字段内的引号须写成两个 \"\"）", "broken quoting"+atEN+` (a quote inside a field must be doubled: "")`
	case KindNested:
		e.zh, e.en = at+"值为对象或数组，应为文本、数字或 null", "value is an object or array, not text, number or null"+atEN
	}
	return e
}

// columnsErr reports a row whose column count differs from the header's.
func columnsErr(num int64, got, want int) *RowError {
	e := rowErr(num, KindColumns, 0)
	e.Got, e.Want = got, want
	e.zh = fmt.Sprintf("有 %d 列，表头有 %d 列", got, want)
	e.en = fmt.Sprintf("has %d columns, the header has %d", got, want)
	return e
}

// jsonErr reports a line that is not one flat JSON object.
func jsonErr(num int64, detail string) *RowError {
	e := rowErr(num, KindJSON, 0)
	e.zh, e.en = "不是一个 JSON 对象："+detail, "not one JSON object: "+detail
	return e
}

// unknownKeysErr reports keys the first object did not have.
func unknownKeysErr(num int64, keys []string) *RowError {
	e := rowErr(num, KindUnknownKeys, 0)
	e.Keys = keys
	list := strings.Join(keys, ", ")
	e.zh, e.en = "首行没有的键："+list, "keys not in the first object: "+list
	return e
}

// ColumnName returns the spreadsheet letters of 1-based column n: 1 is A,
// 27 is AA.
func ColumnName(n int) string {
	if n < 1 {
		return "?"
	}
	var b []byte
	for ; n > 0; n = (n - 1) / 26 {
		b = append(b, byte('A'+(n-1)%26))
	}
	for i, j := 0, len(b)-1; i < j; i, j = i+1, j-1 {
		b[i], b[j] = b[j], b[i]
	}
	return string(b)
}
