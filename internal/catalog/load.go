// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/xinrong/xinrong/internal/apperr"
)

// maxFileSize bounds a catalog file; the default catalog is well under 1 MiB.
const maxFileSize = 8 << 20

// Load reads a catalog in the JSON format of data/catalog.json. Unknown keys
// are errors, so a misspelt setting is not silently ignored. Load fills the
// documented defaults (revision 1, personal "none", required "N"), builds the
// indexes and computes Hash, but does not Validate: a supplement only makes
// sense merged into its base (see Merge).
func Load(r io.Reader) (*Catalog, error) {
	data, err := io.ReadAll(io.LimitReader(r, maxFileSize+1))
	if err != nil {
		return nil, fmt.Errorf("catalog: load: %w", err)
	}
	if len(data) > maxFileSize {
		return nil, apperr.Invalidf("目录文件超过 %d 字节 (catalog file larger than %d bytes)", maxFileSize, maxFileSize)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var c Catalog
	if err := dec.Decode(&c); err != nil {
		return nil, apperr.E(apperr.Invalid, "目录文件格式错误 (catalog file is not valid): "+describeJSONError(data, err), err)
	}
	if dec.More() {
		return nil, apperr.Invalidf("目录文件在 JSON 之后还有内容 (catalog file has data after the JSON object)")
	}
	c.normalize()
	c.reindex()
	c.Hash = c.ComputeHash()
	return &c, nil
}

// LoadFile reads a catalog or supplement file from disk (see Load).
func LoadFile(path string) (*Catalog, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("catalog: load file: %w", err)
	}
	defer f.Close()
	c, err := Load(f)
	if err != nil {
		return nil, fmt.Errorf("catalog: load file %s: %w", path, err)
	}
	return c, nil
}

// normalize fills defaults so that spelling a default out or leaving it away
// gives the same content and the same Hash.
func (c *Catalog) normalize() {
	for i := range c.Categories {
		if c.Categories[i].Revision == 0 {
			c.Categories[i].Revision = 1
		}
	}
	for i := range c.Items {
		it := &c.Items[i]
		if it.Revision == 0 {
			it.Revision = 1
		}
		for j := range it.Fields {
			f := &it.Fields[j]
			if f.Personal == "" {
				f.Personal = PersonalNone
			}
			if f.Required == "" {
				f.Required = Optional
			}
		}
	}
}

// describeJSONError turns a decoding error into a message an operator can
// act on: the line and column of a syntax error, or the key and type that
// did not fit.
func describeJSONError(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn):
		line, col := position(data, syn.Offset)
		return fmt.Sprintf("第 %d 行第 %d 列 (line %d, column %d): %v", line, col, line, col, syn)
	case errors.As(err, &typ):
		line, col := position(data, typ.Offset)
		return fmt.Sprintf("第 %d 行第 %d 列 (line %d, column %d): %s 应为 %s (%s must be %s)",
			line, col, line, col, typ.Field, typ.Type, typ.Field, typ.Type)
	}
	return err.Error()
}

// position converts a byte offset to a 1-based line and column.
func position(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	before := data[:off]
	line = bytes.Count(before, []byte("\n")) + 1
	col = int(off) - bytes.LastIndexByte(before, '\n')
	return line, col
}
