// SPDX-License-Identifier: Apache-2.0

package report

import (
	"sort"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/gate"
)

// The statuses of an item in a report.
const (
	StatusShown      = "shown"
	StatusWithheld   = "withheld"
	StatusVerifyOnly = "verify_only"
)

// section lays out one chapter from the items of its categories.
func section(ch chapter, byCat map[string][]gate.ItemView) Section {
	s := Section{Code: ch.code, Title: ch.zh, TitleEN: ch.en, Items: []ItemSection{}}
	for _, c := range ch.categories {
		for _, iv := range byCat[c] {
			s.Items = append(s.Items, itemSection(iv))
		}
	}
	if len(s.Items) == 0 {
		s.Note = ch.empty
		if s.Note == "" {
			s.Note = "暂无 / none"
		}
	}
	return s
}

func itemSection(iv gate.ItemView) ItemSection {
	is := ItemSection{Item: iv.Item.Code, Name: iv.Item.Name, NameEN: iv.Item.NameEN, Status: StatusShown,
		Note: iv.Withheld, Rows: []Row{}}
	switch {
	case iv.Shown():
	case iv.VerifyOnly:
		is.Status = StatusVerifyOnly
		return is
	default:
		is.Status = StatusWithheld
		return is
	}
	for _, rec := range iv.Records {
		is.Rows = append(is.Rows, row(iv, rec))
	}
	return is
}

func row(iv gate.ItemView, rec gate.Record) Row {
	r := Row{RecordID: rec.ID, Version: rec.Version, Provider: rec.Provider, SourceTime: rec.SourceTime,
		Hidden: rec.Hidden, Disputed: rec.Disputed, Note: rec.Note, Cells: make([]Cell, 0, len(iv.Fields))}
	if !rec.PublicityEnd.IsZero() {
		r.PublicityEnd = rec.PublicityEnd.Format(time.DateOnly)
	}
	for _, f := range iv.Fields {
		v, ok := rec.Data[f.Code]
		if !ok || v == "" {
			continue
		}
		r.Cells = append(r.Cells, Cell{Code: f.Code, Label: f.Name, LabelEN: f.NameEN, Value: display(f, v)})
	}
	if iv.Item.Category == SelfReportedCategory {
		r.Note = strings.TrimSpace(SelfReportedMark + " · 信用承诺书 / commitment " + rec.Data["COMMITMENT_NO"] + " " + r.Note)
	}
	return r
}

// display renders a stored value for people: money from fen to 元, booleans
// as 是/否; everything else is already in its display form.
func display(f catalog.Field, v string) string {
	switch {
	case f.Type.IsMoney():
		if fen, ok := parseInt(v); ok {
			return yuan(fen)
		}
	case f.Type == catalog.TypeBool:
		switch v {
		case "true":
			return "是"
		case "false":
			return "否"
		}
	}
	return v
}

func parseInt(s string) (int64, bool) {
	var n int64
	neg := false
	for i, c := range s {
		switch {
		case i == 0 && c == '-':
			neg = true
		case c >= '0' && c <= '9':
			n = n*10 + int64(c-'0')
		default:
			return 0, false
		}
	}
	if neg {
		n = -n
	}
	return n, s != "" && s != "-"
}

// summary counts, per category in catalog order, the records shown and
// the items withheld.
func summary(cat *catalog.Catalog, byCat map[string][]gate.ItemView) []Count {
	out := []Count{}
	for _, c := range cat.Categories {
		ivs, ok := byCat[c.Code]
		if !ok {
			continue
		}
		n := Count{Category: Label{c.Code, c.Name, c.NameEN}}
		for _, iv := range ivs {
			if !iv.Shown() {
				n.Withheld++
				continue
			}
			for _, rec := range iv.Records {
				if rec.Hidden == "" {
					n.Records++
				}
			}
		}
		out = append(out, n)
	}
	return out
}

// sources lists each provider's contribution to the released items with
// the latest time it delivered.
func sources(v *gate.View) []Source {
	type key struct{ provider, item string }
	latest, count := map[key]time.Time{}, map[key]int{}
	for _, iv := range v.Items {
		for _, rec := range iv.Records {
			k := key{rec.Provider, iv.Item.Code}
			count[k]++
			if rec.ReceivedAt.After(latest[k]) {
				latest[k] = rec.ReceivedAt
			}
		}
	}
	out := make([]Source, 0, len(count))
	for k, n := range count {
		out = append(out, Source{Provider: k.provider, Item: k.item, Records: n,
			AsOf: latest[k].In(shanghai).Format("2006-01-02 15:04")})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Item != out[j].Item {
			return out[i].Item < out[j].Item
		}
		return out[i].Provider < out[j].Provider
	})
	return out
}
