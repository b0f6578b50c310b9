// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// maxParamsBytes bounds the parameters' JSON: a few numbers and a set of
// grades fit in far less.
const maxParamsBytes = 4096

// Params are a template's parameters, parsed and checked: int64 for
// amounts and counts, a sorted []string for enum sets.
type Params struct {
	vals  map[string]any
	canon string
}

// Canonical returns the parameters as text, one "name=value" line per
// parameter in name order, sets sorted and joined by commas: the same
// question always gives the same text.
func (p Params) Canonical() string { return p.canon }

// Hash returns "sha256:" and the hex SHA-256 of Canonical. Receipts and
// the threshold-walking guard name parameters by this hash; an institution
// that kept its parameters can recompute it.
func (p Params) Hash() string {
	sum := sha256.Sum256([]byte(p.canon))
	return "sha256:" + hex.EncodeToString(sum[:])
}

// ParseParams reads raw (a JSON object; empty or null for a template
// without parameters) against t. Every parameter is required, unknown
// names are refused, amounts and counts are integers (JSON numbers or
// strings of digits) within bounds, and an enum set is a non-empty array
// of the field's values. Returns apperr.Invalid naming the parameter.
func ParseParams(t Template, raw []byte) (Params, error) {
	raw = bytes.TrimSpace(raw)
	if len(raw) > maxParamsBytes {
		return Params{}, apperr.Invalidf("params: 参数过长 / parameters are too long")
	}
	in := map[string]json.RawMessage{}
	if len(raw) > 0 && !bytes.Equal(raw, []byte("null")) {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		if err := dec.Decode(&in); err != nil || dec.More() {
			return Params{}, apperr.Invalidf("params: 参数须为 JSON 对象 / parameters must be a JSON object")
		}
	}
	for name := range in {
		if _, ok := t.Param(name); !ok {
			return Params{}, apperr.Invalidf("params.%s: 模板 %s 没有此参数 / template %s has no such parameter", name, t.Code, t.Code)
		}
	}
	p := Params{vals: make(map[string]any, len(t.Params))}
	var lines []string
	for _, d := range t.Params {
		v, ok := in[d.Name]
		if !ok {
			return Params{}, apperr.Invalidf("params.%s: 必填（%s） / required (%s)", d.Name, d.Label, d.LabelEN)
		}
		var text string
		switch d.Kind {
		case ParamAmount, ParamCount:
			n, err := parseInt(v, d)
			if err != nil {
				return Params{}, err
			}
			p.vals[d.Name], text = n, strconv.FormatInt(n, 10)
		case ParamEnumSet:
			set, err := parseSet(v, d)
			if err != nil {
				return Params{}, err
			}
			p.vals[d.Name], text = set, strings.Join(set, ",")
		default:
			return Params{}, apperr.Invalidf("params.%s: 参数类型未知 / unknown parameter kind", d.Name)
		}
		lines = append(lines, d.Name+"="+text)
	}
	slices.Sort(lines)
	p.canon = strings.Join(lines, "\n")
	return p, nil
}

// parseInt reads an integer given as a JSON number or a string of digits,
// refusing fractions, exponents and values out of bounds.
func parseInt(v json.RawMessage, d Param) (int64, error) {
	s := string(v)
	if len(s) >= 2 && s[0] == '"' {
		if err := json.Unmarshal(v, &s); err != nil {
			s = "x"
		}
	}
	bad := s == "" || len(s) > 20 || strings.ContainsFunc(s, func(r rune) bool { return (r < '0' || r > '9') && r != '-' })
	n, err := strconv.ParseInt(s, 10, 64)
	if bad || err != nil || strings.HasPrefix(s, "-0") || (len(s) > 1 && s[0] == '0') {
		return 0, apperr.Invalidf("params.%s: 须为整数（%s） / must be a whole number (%s)", d.Name, d.Label, d.LabelEN)
	}
	if n < d.Min || n > d.Max {
		return 0, apperr.Invalidf("params.%s: 须在 %d 至 %d 之间 / must be between %d and %d", d.Name, d.Min, d.Max, d.Min, d.Max)
	}
	return n, nil
}

// parseSet reads a non-empty array of allowed values, sorted and without
// repeats.
func parseSet(v json.RawMessage, d Param) ([]string, error) {
	var set []string
	if err := json.Unmarshal(v, &set); err != nil || len(set) == 0 {
		return nil, apperr.Invalidf("params.%s: 须为非空数组，取值 %s / must be a non-empty array of %s",
			d.Name, strings.Join(d.Values, "、"), strings.Join(d.Values, ", "))
	}
	for _, s := range set {
		if !slices.Contains(d.Values, s) {
			return nil, apperr.Invalidf("params.%s: %q 不是可选值（%s） / %q is not one of %s",
				d.Name, s, strings.Join(d.Values, "、"), s, strings.Join(d.Values, ", "))
		}
	}
	slices.Sort(set)
	return slices.Compact(set), nil
}
