// SPDX-License-Identifier: Apache-2.0

package api

import "github.com/xinrong/xinrong/internal/catalog"

// itemResponse is one catalog item with its fields: what a provider must
// send and how the platform will treat it. The request body of
// POST /api/v1/catalog/items is the catalog file format instead (see
// catalog.Item), the same one operators use for files.
type itemResponse struct {
	itemSummary
	CatalogVersion  int                 `json:"catalog_version"`
	Description     string              `json:"description"`
	Origin          string              `json:"origin,omitempty"`
	RegionName      string              `json:"region_name,omitempty"`
	SubjectField    string              `json:"subject_field"`
	NameField       string              `json:"name_field"`
	NaturalKey      []string            `json:"natural_key"`
	SourceTimeField string              `json:"source_time_field,omitempty"`
	Revocation      *revocationResponse `json:"revocation,omitempty"`
	Publicity       *publicityResponse  `json:"publicity,omitempty"`
	Fields          []fieldResponse     `json:"fields"`
}

type revocationResponse struct {
	Field  string   `json:"field"`
	Values []string `json:"values"`
	Note   string   `json:"note,omitempty"`
}

type publicityResponse struct {
	FromField string `json:"from_field"`
	MinMonths int    `json:"min_months"`
	MaxMonths int    `json:"max_months"`
	Basis     string `json:"basis,omitempty"`
}

type fieldResponse struct {
	Code       string             `json:"code"`
	Name       string             `json:"name"`
	NameEN     string             `json:"name_en"`
	Type       string             `json:"type"`
	Required   string             `json:"required"`
	When       *conditionResponse `json:"when,omitempty"`
	Enum       []enumResponse     `json:"enum,omitempty"`
	Multiple   bool               `json:"multiple"`
	MaxLen     int                `json:"max_len,omitempty"`
	Personal   string             `json:"personal"`
	Disclosure string             `json:"disclosure"` // in force: the item's or the field's stricter one
	Aliases    []string           `json:"aliases"`
	OpenEnded  bool               `json:"open_ended"`
	Note       string             `json:"note,omitempty"`
	Deprecated bool               `json:"deprecated"`
}

type conditionResponse struct {
	Field  string   `json:"field"`
	In     []string `json:"in"`
	Unless []string `json:"unless"`
	Note   string   `json:"note,omitempty"`
}

type enumResponse struct {
	Value   string `json:"value"`
	Label   string `json:"label"`
	LabelEN string `json:"label_en"`
}

func toItemResponse(it catalog.Item, version int) itemResponse {
	out := itemResponse{itemSummary: toItemSummary(it), CatalogVersion: version, Description: it.Description,
		Origin: it.Origin, RegionName: it.RegionName, SubjectField: it.SubjectField, NameField: it.NameField,
		NaturalKey: orEmpty(it.NaturalKey), SourceTimeField: it.SourceTimeField, Fields: make([]fieldResponse, 0, len(it.Fields))}
	if rv := it.Revocation; rv != nil {
		out.Revocation = &revocationResponse{Field: rv.Field, Values: orEmpty(rv.Values), Note: rv.Note}
	}
	if p := it.Publicity; p != nil {
		out.Publicity = &publicityResponse{FromField: p.FromField, MinMonths: p.MinMonths, MaxMonths: p.MaxMonths, Basis: p.Basis}
	}
	for _, f := range it.Fields {
		fr := fieldResponse{Code: f.Code, Name: f.Name, NameEN: f.NameEN, Type: string(f.Type), Required: string(f.Required),
			Multiple: f.Multiple, MaxLen: f.MaxLen, Personal: string(f.Personal), Disclosure: string(it.FieldDisclosure(f)),
			Aliases: orEmpty(f.Aliases), OpenEnded: f.OpenEnded, Note: f.Note, Deprecated: f.Deprecated}
		if w := f.When; w != nil {
			fr.When = &conditionResponse{Field: w.Field, In: orEmpty(w.In), Unless: orEmpty(w.Unless), Note: w.Note}
		}
		for _, e := range f.Enum {
			fr.Enum = append(fr.Enum, enumResponse{Value: e.Value, Label: e.DisplayLabel(), LabelEN: e.LabelEN})
		}
		out.Fields = append(out.Fields, fr)
	}
	return out
}

// orEmpty returns s, or an empty slice for nil, so that lists are always
// arrays in JSON and clients need no null checks.
func orEmpty(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}
