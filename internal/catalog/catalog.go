// SPDX-License-Identifier: Apache-2.0

package catalog

import (
	"bytes"
	_ "embed"
	"fmt"
	"slices"

	"github.com/xinrong/xinrong/internal/apperr"
)

//go:embed data/catalog.json
var defaultJSON []byte

// Catalog is a credit information catalog: the categories, the items in them
// and, for a merged catalog, the local supplements it includes. A Catalog is
// not modified after Load or Merge returns it; share it freely.
type Catalog struct {
	// Version is the edition the file's editor declares. It is not part of
	// Hash; the store numbers its own versions by distinct Hash.
	Version    int    `json:"version"`
	Hash       string `json:"hash,omitempty"` // hex SHA-256 of the canonical content
	Name       string `json:"name"`
	Region     string `json:"region"` // GB/T 2260 code of the issuing region; 100000 = national
	RegionName string `json:"region_name,omitempty"`
	Origin     string `json:"origin"` // the document the catalog implements
	// Supplements records the local catalogs merged into this one, in order.
	Supplements []Layer    `json:"supplements,omitempty"`
	Categories  []Category `json:"categories"`
	Items       []Item     `json:"items"`

	catIdx  map[string]int
	itemIdx map[string]int
}

// Layer identifies one supplement merged into a catalog.
type Layer struct {
	Name       string `json:"name"`
	Region     string `json:"region"`
	RegionName string `json:"region_name,omitempty"`
	Origin     string `json:"origin"`
	Version    int    `json:"version"`
	Hash       string `json:"hash"`
}

// Default returns the built-in catalog (the 52号 categories plus the Ningxia
// 经营异常名录), loaded and validated. Each call returns a new copy.
func Default() (*Catalog, error) {
	c, err := Load(bytes.NewReader(defaultJSON))
	if err != nil {
		return nil, fmt.Errorf("catalog: default: %w", err)
	}
	if err := c.Validate(); err != nil {
		return nil, fmt.Errorf("catalog: default: %w", err)
	}
	return c, nil
}

// Category returns the category with the given code.
// Returns apperr.NotFound if there is none.
func (c *Catalog) Category(code string) (Category, error) {
	i, ok := c.catIdx[code]
	if c.catIdx == nil { // a literal Catalog (tests) has no index
		i = slices.IndexFunc(c.Categories, func(x Category) bool { return x.Code == code })
		ok = i >= 0
	}
	if !ok {
		return Category{}, apperr.NotFoundf("信用信息类别 %q 不存在 (catalog category %q not found)", code, code)
	}
	return c.Categories[i], nil
}

// Item returns the item with the given code.
// Returns apperr.NotFound if there is none.
func (c *Catalog) Item(code string) (Item, error) {
	i, ok := c.itemIdx[code]
	if c.itemIdx == nil {
		i = slices.IndexFunc(c.Items, func(x Item) bool { return x.Code == code })
		ok = i >= 0
	}
	if !ok {
		return Item{}, apperr.NotFoundf("信用信息项 %q 不存在 (catalog item %q not found)", code, code)
	}
	return c.Items[i], nil
}

// ItemsIn returns the items of a category in catalog order.
func (c *Catalog) ItemsIn(category string) []Item {
	var out []Item
	for _, it := range c.Items {
		if it.Category == category {
			out = append(out, it)
		}
	}
	return out
}

// reindex rebuilds the code indexes. With duplicate codes the first wins;
// Validate reports the duplicates.
func (c *Catalog) reindex() {
	c.catIdx = make(map[string]int, len(c.Categories))
	for i, cat := range c.Categories {
		if _, dup := c.catIdx[cat.Code]; !dup {
			c.catIdx[cat.Code] = i
		}
	}
	c.itemIdx = make(map[string]int, len(c.Items))
	for i, it := range c.Items {
		if _, dup := c.itemIdx[it.Code]; !dup {
			c.itemIdx[it.Code] = i
		}
	}
}

// clone returns a copy whose slices can be changed without touching c.
// Items and fields are values; their inner slices are shared and never
// written after load.
func (c *Catalog) clone() *Catalog {
	out := *c
	out.Supplements = slices.Clone(c.Supplements)
	out.Categories = slices.Clone(c.Categories)
	out.Items = slices.Clone(c.Items)
	out.reindex()
	return &out
}
