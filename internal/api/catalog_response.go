// SPDX-License-Identifier: Apache-2.0

package api

import "github.com/xinrong/xinrong/internal/catalog"

// catalogResponse is the catalog in force: its stored version, the
// supplements merged into it, its categories and a summary of each item
// (GET /api/v1/catalog/items/{code} gives the fields).
type catalogResponse struct {
	Version         int                `json:"version"`          // the node's stored version number
	DeclaredVersion int                `json:"declared_version"` // the edition the file's editor declares
	Hash            string             `json:"hash"`
	Name            string             `json:"name"`
	Region          string             `json:"region"`
	RegionName      string             `json:"region_name,omitempty"`
	Origin          string             `json:"origin"`
	Supplements     []layerResponse    `json:"supplements"`
	Categories      []categoryEntry    `json:"categories"`
	Items           []itemSummary      `json:"items"`
	Counts          catalogCountsBrief `json:"counts"`
}

type catalogCountsBrief struct {
	Categories int `json:"categories"`
	Items      int `json:"items"`
}

type layerResponse struct {
	Name       string `json:"name"`
	Region     string `json:"region"`
	RegionName string `json:"region_name,omitempty"`
	Origin     string `json:"origin"`
	Version    int    `json:"version"`
	Hash       string `json:"hash"`
}

type categoryEntry struct {
	Code        string `json:"code"`
	Name        string `json:"name"`
	NameEN      string `json:"name_en"`
	Description string `json:"description"`
	Origin      string `json:"origin,omitempty"`
	Local       bool   `json:"local"`
	Region      string `json:"region,omitempty"`
	RegionName  string `json:"region_name,omitempty"`
	Revision    int    `json:"revision"`
	Deprecated  bool   `json:"deprecated"`
}

// itemSummary is what a list shows of an item: enough to know what it is,
// who provides it and who may see it.
type itemSummary struct {
	Code       string `json:"code"`
	Name       string `json:"name"`
	NameEN     string `json:"name_en"`
	Category   string `json:"category"`
	Disclosure string `json:"disclosure"`
	Polarity   string `json:"polarity"`
	Severity   string `json:"severity,omitempty"`
	Provider   string `json:"provider"`
	Sharing    string `json:"sharing"`
	Frequency  string `json:"frequency"`
	Local      bool   `json:"local"`
	Region     string `json:"region,omitempty"`
	Revision   int    `json:"revision"`
	Deprecated bool   `json:"deprecated"`
}

func toCatalogResponse(c *catalog.Catalog, version int) catalogResponse {
	out := catalogResponse{Version: version, DeclaredVersion: c.Version, Hash: c.Hash, Name: c.Name, Region: c.Region,
		RegionName: c.RegionName, Origin: c.Origin, Supplements: make([]layerResponse, 0, len(c.Supplements)),
		Categories: make([]categoryEntry, 0, len(c.Categories)), Items: make([]itemSummary, 0, len(c.Items)),
		Counts: catalogCountsBrief{Categories: len(c.Categories), Items: len(c.Items)}}
	for _, l := range c.Supplements {
		out.Supplements = append(out.Supplements, layerResponse{Name: l.Name, Region: l.Region, RegionName: l.RegionName,
			Origin: l.Origin, Version: l.Version, Hash: l.Hash})
	}
	for _, k := range c.Categories {
		out.Categories = append(out.Categories, categoryEntry{Code: k.Code, Name: k.Name, NameEN: k.NameEN,
			Description: k.Description, Origin: k.Origin, Local: k.Local, Region: k.Region, RegionName: k.RegionName,
			Revision: k.Revision, Deprecated: k.Deprecated})
	}
	for _, it := range c.Items {
		out.Items = append(out.Items, toItemSummary(it))
	}
	return out
}

func toItemSummary(it catalog.Item) itemSummary {
	return itemSummary{Code: it.Code, Name: it.Name, NameEN: it.NameEN, Category: it.Category,
		Disclosure: string(it.Disclosure), Polarity: string(it.Polarity), Severity: string(it.Severity),
		Provider: it.Provider, Sharing: string(it.Sharing), Frequency: string(it.Frequency),
		Local: it.Local, Region: it.Region, Revision: it.Revision, Deprecated: it.Deprecated}
}
