// SPDX-License-Identifier: Apache-2.0

package ingest

import (
	"context"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
)

// MaxMappingColumns bounds a mapping template. Real feeds have a few dozen
// columns; a template far larger is a mistake, not a feed.
const MaxMappingColumns = 500

// A mapping template (字段映射模板) is how a provider whose system names
// columns its own way — 纳税人识别号 for the unified code, 处罚日期 for the
// decision date — delivers files without renaming them every time. Files
// are matched by the template first, then by the catalog's field codes,
// aliases and Chinese labels, so a template lists only what differs.

// Mapping returns the provider's saved column mapping template for an
// item, or apperr.NotFound when it has saved none.
func (s *Service) Mapping(ctx context.Context, provider, item string) (Mapping, error) {
	if _, _, err := s.admit(ctx, provider, item); err != nil {
		return nil, err
	}
	m, err := s.store.FindMapping(ctx, provider, item)
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("数据提供单位 %s 未保存信息项 %s 的字段映射模板 / provider %s has no mapping template for item %s",
			provider, item, provider, item)
	}
	return m, err
}

// SaveMapping stores a provider's column mapping template for an item
// (provider column name → field code), replacing the one saved before.
// Every target must be a field code of the item in the catalog in force:
// a template pointing at a field that does not exist would silently drop
// the column from every later file, so it is refused with the column
// named. Several columns may name one field: a provider's header changes
// between years and one template serves both. The provider must be
// registered for the item.
func (s *Service) SaveMapping(ctx context.Context, provider, item string, m Mapping) error {
	it, _, err := s.admit(ctx, provider, item)
	if err != nil {
		return err
	}
	if len(m) == 0 || len(m) > MaxMappingColumns {
		return apperr.Invalidf("columns: 映射模板应有 1–%d 列 / a mapping template has 1–%d columns", MaxMappingColumns, MaxMappingColumns)
	}
	cols := make([]string, 0, len(m))
	for col := range m {
		cols = append(cols, col)
	}
	slices.Sort(cols) // the first problem reported is the same on every try
	clean := make(Mapping, len(m))
	for _, col := range cols {
		code := strings.TrimSpace(m[col])
		name := strings.TrimSpace(col)
		if name == "" || len(name) > 200 || !utf8.ValidString(name) {
			return apperr.Invalidf("columns: 列名应为1–200字节的文本 / a column name must be 1–200 bytes of text (got %q)", col)
		}
		if _, ok := it.Field(code); !ok {
			return apperr.Invalidf("columns.%s: %q 不是信息项 %s 的字段代码 / %q is not a field code of item %s",
				name, code, item, code, item)
		}
		clean[name] = code
	}
	return s.store.SaveMapping(ctx, provider, item, clean)
}
