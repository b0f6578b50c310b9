// SPDX-License-Identifier: Apache-2.0

package source

import (
	"fmt"
	"strings"
)

// checkHeader cleans a header row and refuses one the pipeline could not
// map: an empty name or the same name twice would make columns ambiguous.
// Names are compared as written after trimming; mapping them to catalog
// fields (catalog.Item.Resolve) is the pipeline's job.
func checkHeader(cells []string, maxCols int) ([]string, error) {
	if len(cells) > maxCols {
		return nil, fileErr(ErrHeader, fmt.Sprintf("表头有 %d 列，超过上限 %d", len(cells), maxCols),
			fmt.Sprintf("the header has %d columns, more than the limit of %d", len(cells), maxCols))
	}
	h := make([]string, len(cells))
	seen := make(map[string]int, len(cells))
	var dups []string
	for i, c := range cells {
		c = strings.TrimSpace(strings.TrimPrefix(c, "\uFEFF"))
		if c == "" {
			return nil, fileErr(ErrHeader, fmt.Sprintf("表头第 %d 列（%s）为空", i+1, ColumnName(i+1)),
				fmt.Sprintf("header column %d (%s) is empty", i+1, ColumnName(i+1)))
		}
		if first, ok := seen[c]; ok {
			dups = append(dups, fmt.Sprintf("%q (%s, %s)", c, ColumnName(first+1), ColumnName(i+1)))
		} else {
			seen[c] = i
		}
		h[i] = c
	}
	if len(dups) > 0 {
		list := strings.Join(dups, ", ")
		return nil, fileErr(ErrHeader, "表头列名重复："+list, "duplicate header names: "+list)
	}
	return h, nil
}

// noHeader is the error for a file without any non-blank row.
func noHeader() error {
	return fileErr(ErrHeader, "文件为空，没有表头行", "the file is empty: no header row")
}

// blank reports whether every value is empty (after trimming).
func blank(vals []string) bool {
	for _, v := range vals {
		if v != "" {
			return false
		}
	}
	return true
}

// tooManyRows is the error once MaxRows data rows have been read.
func tooManyRows(max int64) error {
	return fileErr(ErrLimit, fmt.Sprintf("数据行超过上限 %d 行", max), fmt.Sprintf("more than %d data rows", max))
}
