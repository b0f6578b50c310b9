// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"

	"github.com/xinrong/xinrong/internal/catalog"
)

// catalogPage is the data of the catalog template.
type catalogPage struct {
	Name, Origin string
	Version      int
	ItemCount    int
	Groups       []categoryGroup
}

// categoryGroup is one category with its items.
type categoryGroup struct {
	Code, Name, NameEN, Description string
	Local                           bool
	Items                           []itemRow
}

// itemRow is one item as the catalog table lists it.
type itemRow struct {
	catalog.Item
	URL           string
	PolarityClass string // CSS class of the polarity badge
}

// showCatalog lists every category and its items: what the node collects,
// who provides it, how openly it may be shown and how often it arrives.
func (h *Handler) showCatalog(w http.ResponseWriter, r *http.Request) error {
	c, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	p := catalogPage{Name: c.Name, Origin: c.Origin, Version: c.Version}
	for _, cat := range c.Categories {
		if cat.Deprecated {
			continue
		}
		g := categoryGroup{Code: cat.Code, Name: cat.Name, NameEN: cat.NameEN, Description: cat.Description, Local: cat.Local}
		for _, it := range c.ItemsIn(cat.Code) {
			if it.Deprecated {
				continue
			}
			g.Items = append(g.Items, toItemRow(it))
		}
		p.ItemCount += len(g.Items)
		p.Groups = append(p.Groups, g)
	}
	v := h.newView(r, p)
	v.Nav = "catalog"
	return h.render(w, r, http.StatusOK, "catalog", v)
}

// itemPage is the data of the catalog_item template.
type itemPage struct {
	itemRow
	CategoryCode, CategoryName, CategoryNameEN string
	Fields                                     []fieldRow
}

// fieldRow is one field of an item as the detail page lists it.
type fieldRow struct {
	Code, Name, NameEN string
	Type               catalog.Type
	Required           catalog.Requirement
	Disclosure         catalog.Disclosure
	Personal           bool
	MaxLen             int
	Enum               []enumLabel
	Note               string
}

// enumLabel is one permitted value of an enum field, in both languages.
type enumLabel struct{ Label, LabelEN string }

// showCatalogItem shows one item with its fields: what a provider must
// send and what each column means.
func (h *Handler) showCatalogItem(w http.ResponseWriter, r *http.Request) error {
	c, err := h.deps.Catalog.Current(r.Context())
	if err != nil {
		return err
	}
	it, err := c.Item(r.PathValue("code"))
	if err != nil {
		return err
	}
	cat, err := c.Category(it.Category)
	if err != nil {
		return err
	}
	p := itemPage{itemRow: toItemRow(it), CategoryCode: cat.Code, CategoryName: cat.Name, CategoryNameEN: cat.NameEN}
	for _, f := range it.Fields {
		if f.Deprecated {
			continue
		}
		fr := fieldRow{Code: f.Code, Name: f.Name, NameEN: f.NameEN, Type: f.Type, Required: f.Required,
			Disclosure: it.FieldDisclosure(f), Personal: f.Personal != "" && f.Personal != catalog.PersonalNone,
			MaxLen: f.MaxLen, Note: f.Note}
		for _, e := range f.Enum {
			fr.Enum = append(fr.Enum, enumLabel{Label: e.DisplayLabel(), LabelEN: e.LabelEN})
		}
		p.Fields = append(p.Fields, fr)
	}
	v := h.newView(r, p)
	v.Nav = "catalog"
	return h.render(w, r, http.StatusOK, "catalog_item", v)
}

func toItemRow(it catalog.Item) itemRow {
	cls := ""
	switch it.Polarity {
	case catalog.Negative:
		cls = "neg"
	case catalog.Positive:
		cls = "pos"
	}
	return itemRow{Item: it, URL: "/catalog/items/" + url.PathEscape(it.Code), PolarityClass: cls}
}
