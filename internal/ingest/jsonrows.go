// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"encoding/json"
	"strconv"

	"github.com/xinrong/xinrong/internal/apperr"
)

// RowsFromJSON turns rows decoded from JSON (with json.Decoder.UseNumber)
// into the text a file would have held: numbers keep the digits as sent,
// so that 1.10 stays 1.10 and an 18-digit number is not rounded; null is
// empty; objects and arrays are refused, naming the row and the key.
func RowsFromJSON(rows []map[string]any) ([]map[string]string, error) {
	out := make([]map[string]string, len(rows))
	for i, row := range rows {
		m := make(map[string]string, len(row))
		for k, v := range row {
			switch v := v.(type) {
			case nil:
			case string:
				m[k] = v
			case json.Number:
				m[k] = v.String()
			case bool:
				m[k] = strconv.FormatBool(v)
			default:
				return nil, apperr.Invalidf("rows[%d].%s: 应为字符串、数字、布尔值或 null / must be a string, number, boolean or null", i, k)
			}
		}
		out[i] = m
	}
	return out, nil
}
