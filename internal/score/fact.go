// SPDX-License-Identifier: Apache-2.0

package score

import (
	"encoding/json"
	"strconv"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/ingest"
)

// Fact is what evaluation reads of one current record: its item, identity
// (for the rights marks), status, and the values of the few fields the
// model reads, by the item plan's slots.
type Fact struct {
	Item   string
	ID     string
	Status ingest.RecordStatus
	Vals   []string
}

// FactOf takes what the model reads from a stored record; ok is false when
// the model reads nothing of its item.
func (c *Compiled) FactOf(r ingest.Record) (Fact, bool) {
	p := c.items[r.Item]
	if p == nil {
		return Fact{}, false
	}
	f := Fact{Item: r.Item, ID: r.ID, Status: r.Status, Vals: make([]string, len(p.fields))}
	for i, code := range p.fields {
		f.Vals[i] = r.Data[code]
	}
	return f, true
}

// FactFromJSON is FactOf for a record whose data is still the stored JSON
// object of strings: it picks out only the fields the model reads, without
// building the whole map (the bulk run reads tens of millions of records).
func (c *Compiled) FactFromJSON(item, id string, status ingest.RecordStatus, data []byte) (Fact, bool) {
	p := c.items[item]
	if p == nil {
		return Fact{}, false
	}
	f := Fact{Item: item, ID: id, Status: status, Vals: make([]string, len(p.fields))}
	if !pickFields(data, p.fields, f.Vals) {
		// Not the flat object of strings collection writes: fall back.
		var m map[string]any
		if json.Unmarshal(data, &m) == nil {
			for i, code := range p.fields {
				if s, ok := m[code].(string); ok {
					f.Vals[i] = s
				}
			}
		}
	}
	return f, true
}

// pickFields scans a flat JSON object of string values and fills out with
// the values of the wanted keys. It reports false on anything else.
func pickFields(b []byte, want []string, out []string) bool {
	i := skipSpace(b, 0)
	if i >= len(b) || b[i] != '{' {
		return false
	}
	i = skipSpace(b, i+1)
	if i < len(b) && b[i] == '}' {
		return true
	}
	for i < len(b) {
		key, next, ok := readString(b, i)
		if !ok {
			return false
		}
		i = skipSpace(b, next)
		if i >= len(b) || b[i] != ':' {
			return false
		}
		i = skipSpace(b, i+1)
		val, next, ok := readString(b, i)
		if !ok {
			return false
		}
		for k, w := range want {
			if string(key) == w {
				out[k] = val
				break
			}
		}
		i = skipSpace(b, next)
		if i < len(b) && b[i] == ',' {
			i = skipSpace(b, i+1)
			continue
		}
		return i < len(b) && b[i] == '}'
	}
	return false
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r') {
		i++
	}
	return i
}

// readString reads the JSON string starting at b[i]; escapes are decoded
// by strconv only when present.
func readString(b []byte, i int) (string, int, bool) {
	if i >= len(b) || b[i] != '"' {
		return "", i, false
	}
	esc := false
	for j := i + 1; j < len(b); j++ {
		switch b[j] {
		case '\\':
			esc = true
			j++
		case '"':
			if !esc {
				return string(b[i+1 : j]), j + 1, true
			}
			var s string
			if err := json.Unmarshal(b[i:j+1], &s); err != nil {
				return "", j, false
			}
			return s, j + 1, true
		}
	}
	return "", len(b), false
}

// number reads a stored numeric value; money is stored in 分 and read in 元.
func number(s string, money bool) (float64, bool) {
	if s == "" {
		return 0, false
	}
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		return 0, false
	}
	if money {
		v /= 100
	}
	return v, true
}

// day is a date as yyyymmdd, read from a stored date (YYYY-MM-DD), month
// (YYYY-MM, the first day) or date-time; 0 when unreadable.
func day(s string) int {
	if len(s) < 7 || !utf8.ValidString(s) {
		return 0
	}
	y, ok1 := digits(s[0:4])
	m, ok2 := digits(s[5:7])
	if !ok1 || !ok2 || s[4] != '-' {
		return 0
	}
	d := 1
	if len(s) >= 10 && s[7] == '-' {
		var ok bool
		if d, ok = digits(s[8:10]); !ok {
			return 0
		}
	}
	return y*10000 + m*100 + d
}

func digits(s string) (int, bool) {
	n := 0
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return 0, false
		}
		n = n*10 + int(s[i]-'0')
	}
	return n, true
}
