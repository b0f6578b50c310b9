// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Table is a labelled data file as read: a header row and the cells of each
// row as text. Missing cells ("?" or empty) are kept as "".
type Table struct {
	Columns []string
	Rows    [][]string
	SHA256  string // of the bytes read, hex

	index map[string]int // column positions, when built by LoadCSV
}

// MaxRows bounds what LoadCSV reads, so that an upload cannot exhaust memory.
const MaxRows = 2_000_000

// LoadCSV reads a comma-separated file with a header row. Cells "?" and ""
// (after trimming spaces) are missing values. Every row must have as many
// cells as the header. Returns apperr Invalid for malformed files.
func LoadCSV(r io.Reader) (*Table, error) {
	h := sha256.New()
	cr := csv.NewReader(io.TeeReader(r, h))
	cr.ReuseRecord = false
	cr.FieldsPerRecord = 0
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, apperr.Invalidf("scorecard: the data file is empty")
	}
	if err != nil {
		return nil, apperr.E(apperr.Invalid, "scorecard: the data file is not valid CSV", err)
	}
	t := &Table{Columns: make([]string, len(head)), index: map[string]int{}}
	seen := map[string]bool{}
	for i, c := range head {
		c = strings.TrimSpace(strings.TrimPrefix(c, "\ufeff"))
		if c == "" {
			return nil, apperr.Invalidf("scorecard: column %d has no name", i+1)
		}
		if seen[c] {
			return nil, apperr.Invalidf("scorecard: column %q appears twice", c)
		}
		seen[c] = true
		t.Columns[i] = c
		t.index[c] = i
	}
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, apperr.E(apperr.Invalid, "scorecard: the data file is not valid CSV", err)
		}
		if len(t.Rows) >= MaxRows {
			return nil, apperr.Invalidf("scorecard: more than %d rows", MaxRows)
		}
		for i, v := range rec {
			rec[i] = cleanCell(v)
		}
		t.Rows = append(t.Rows, rec)
	}
	if _, err := io.Copy(h, r); err != nil {
		return nil, fmt.Errorf("scorecard: read data: %w", err)
	}
	t.SHA256 = hex.EncodeToString(h.Sum(nil))
	if len(t.Rows) == 0 {
		return nil, apperr.Invalidf("scorecard: the data file has a header but no rows")
	}
	return t, nil
}

func cleanCell(v string) string {
	v = strings.TrimSpace(v)
	if v == "?" || strings.EqualFold(v, "NA") || strings.EqualFold(v, "NaN") {
		return ""
	}
	return v
}

// Column returns the index of the named column, or -1.
func (t *Table) Column(name string) int {
	if t.index != nil {
		if i, ok := t.index[name]; ok {
			return i
		}
		return -1
	}
	for i, c := range t.Columns {
		if c == name {
			return i
		}
	}
	return -1
}

// parseNumber reads a cell as a finite number.
func parseNumber(s string) (float64, bool) {
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// isNumeric says whether every non-missing cell of column c is a number
// (and at least one is).
func (t *Table) isNumeric(c int, rows []int) bool {
	n := 0
	for _, r := range rows {
		v := t.Rows[r][c]
		if v == "" {
			continue
		}
		if _, ok := parseNumber(v); !ok {
			return false
		}
		n++
	}
	return n > 0
}
