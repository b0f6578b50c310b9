// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Reason classifies why a value was rejected, for receipts and statistics.
type Reason string

// The reasons.
const (
	ReasonRequired  Reason = "required"  // 必填项为空
	ReasonFormat    Reason = "format"    // 格式错误
	ReasonRange     Reason = "range"     // 超出范围
	ReasonEnum      Reason = "enum"      // 不在允许取值内
	ReasonTooLong   Reason = "too_long"  // 超长
	ReasonPrecision Reason = "precision" // 精度超出（金额小于 1 分）
	ReasonConflict  Reason = "conflict"  // 同一字段出现两个不同的值
)

// FieldError is one problem with one field of a row. Msg is Chinese, MsgEN
// English; both are safe to return to the provider.
type FieldError struct {
	Field  string `json:"field"` // field code
	Label  string `json:"label"` // Chinese label
	Reason Reason `json:"reason"`
	Msg    string `json:"msg"`
	MsgEN  string `json:"msg_en"`
}

// Error returns the problem in Chinese and English, naming the field.
func (e *FieldError) Error() string {
	return fmt.Sprintf("字段「%s」(%s)：%s / field %s: %s", e.Label, e.Field, e.Msg, e.Field, e.MsgEN)
}

// Unwrap makes a FieldError an apperr.Invalid for callers that only look at codes.
func (e *FieldError) Unwrap() error { return &apperr.Error{Code: apperr.Invalid, Msg: e.Error()} }

func fail(r Reason, zh, en string) *FieldError { return &FieldError{Reason: r, Msg: zh, MsgEN: en} }

// failf formats zh and en with the same arguments.
func failf(r Reason, zh, en string, a ...any) *FieldError {
	return fail(r, fmt.Sprintf(zh, a...), fmt.Sprintf(en, a...))
}

// NormalizeRow parses a provider's row against the item. Keys may be field
// codes, aliases or Chinese labels (see Resolve); keys that name no field are
// ignored (see UnknownKeys). It returns the normalized non-empty values keyed
// by field code and every problem, in field order: parse errors, required
// fields left empty, conditional fields whose condition holds, and one field
// given twice with different values.
func (it Item) NormalizeRow(row map[string]string) (map[string]string, []FieldError) {
	var errs []FieldError
	raw := make([]string, len(it.Fields)) // by field index
	keys := make([]string, 0, len(row))
	for k := range row {
		keys = append(keys, k)
	}
	slices.Sort(keys) // a stable choice of which duplicate is reported
	for _, k := range keys {
		i := it.resolveIndex(k)
		if i < 0 {
			continue
		}
		f := &it.Fields[i]
		v := strings.TrimFunc(row[k], unicode.IsSpace)
		if prev := raw[i]; prev != "" && v != "" && prev != v {
			errs = append(errs, *f.fail(ReasonConflict, "同一字段出现了两个不同的值（列 "+k+"）",
				"the field appears twice with different values (column "+k+")"))
			continue
		}
		if v != "" {
			raw[i] = v
		}
	}
	norm := make(map[string]string, len(it.Fields))
	var bad map[string]bool
	for i := range it.Fields {
		f := &it.Fields[i]
		rv := raw[i]
		if rv == "" {
			continue
		}
		v, err := f.parse(rv)
		if err != nil {
			errs = append(errs, *err)
			if bad == nil {
				bad = map[string]bool{}
			}
			bad[f.Code] = true
			continue
		}
		if v != "" {
			norm[f.Code] = v
		}
	}
	for i := range it.Fields {
		f := &it.Fields[i]
		if f.Required != Optional && norm[f.Code] == "" && !bad[f.Code] && !f.Deprecated && it.requiredIn(*f, norm) {
			errs = append(errs, *f.fail(ReasonRequired, "必填项为空"+conditionNote(*f), "required field is empty"+conditionNoteEN(*f)))
		}
	}
	errs = it.checkOrders(norm, errs)
	slices.SortStableFunc(errs, func(a, b FieldError) int { return it.fieldIndex(a.Field) - it.fieldIndex(b.Field) })
	return norm, errs
}

// ValidateRow reports every problem NormalizeRow finds in a row.
func (it Item) ValidateRow(row map[string]string) []FieldError {
	_, errs := it.NormalizeRow(row)
	return errs
}

// UnknownKeys returns the keys of a row that name no field of the item, sorted.
// Real feeds carry extra columns (RESOURCE_ID, CHECK_FLAG); ingest decides
// whether to warn.
func (it Item) UnknownKeys(row map[string]string) []string {
	var out []string
	for k := range row {
		if _, ok := it.Resolve(k); !ok {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

// requiredIn reports whether f must have a value in the normalized row.
func (it Item) requiredIn(f Field, norm map[string]string) bool {
	switch f.Required {
	case Required:
		return true
	case Conditional:
		w := f.When
		if w == nil {
			return false
		}
		for _, u := range w.Unless {
			if norm[u] != "" {
				return false
			}
		}
		v := norm[w.Field]
		if len(w.In) == 0 || v == "" {
			return v != ""
		}
		for _, part := range it.storedValues(w.Field, v) {
			if slices.Contains(w.In, part) {
				return true
			}
		}
	}
	return false
}

func (it Item) fieldIndex(code string) int {
	return slices.IndexFunc(it.Fields, func(f Field) bool { return f.Code == code })
}

func conditionNote(f Field) string {
	if f.When == nil {
		return ""
	}
	return "（" + f.When.Note + "）"
}

func conditionNoteEN(f Field) string {
	if f.When == nil {
		return ""
	}
	if len(f.When.In) == 0 {
		return fmt.Sprintf(" (required when %s has a value)", f.When.Field)
	}
	return fmt.Sprintf(" (required when %s is %s)", f.When.Field, strings.Join(f.When.In, " or "))
}
