// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"net/http"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

// profilePage is the data of the subject_profile template.
type profilePage struct {
	Name, USCC, LegalRep, Address string
	Type, Status                  string // "unknown" when the master has none
	RegionCode, RegionName        string
	IndustryCode, IndustryName    string
	RegisteredAt                  time.Time
	CapitalFen                    int64
	Tags                          []string
	Aliases                       []aliasView
	Flags                         []subject.Flag
	Collected                     bool // record counts come from collected data
	Categories                    []categoryCount
}

// aliasView is a former identifier or name, with its kind in both languages.
type aliasView struct{ KindZh, KindEn, Value string }

// categoryCount is how many records the node holds about the enterprise
// in one catalog category.
type categoryCount struct {
	Code, Name, NameEN string
	Count              int
}

// showSubject shows one enterprise's registration and, per catalog
// category, how many credit records the node holds about it. The path
// takes the unified code or a legacy identifier that names one subject.
func (h *Handler) showSubject(w http.ResponseWriter, r *http.Request) error {
	s, err := h.deps.Subjects.Get(r.Context(), r.PathValue("code"))
	if err != nil {
		return err
	}
	p := profilePage{Name: s.Name, USCC: s.USCC, LegalRep: s.LegalRep, Address: s.Address,
		Type: orUnknown(string(s.Type)), Status: orUnknown(string(s.Status)),
		RegionCode: s.RegionCode, RegionName: regionName(s.RegionCode), IndustryCode: s.IndustryCode,
		RegisteredAt: s.RegisteredAt, CapitalFen: s.RegisteredCapitalFen, Tags: s.Tags, Flags: s.Flags}
	if in, ok := subject.Industries().Lookup(s.IndustryCode); ok {
		p.IndustryName = in.Name
	}
	for _, a := range s.Aliases {
		p.Aliases = append(p.Aliases, aliasView{KindZh: a.Kind.Label(), KindEn: a.Kind.LabelEn(), Value: a.Value})
	}
	if p.Categories, p.Collected, err = h.categoryCounts(r.Context(), s.ID); err != nil {
		return err
	}
	v := h.newView(r, p)
	v.Nav = "search"
	return h.render(w, r, http.StatusOK, "subject_profile", v)
}

// categoryCounts lists every category of the catalog with the number of
// records held about the subject: zero for all of them until a record
// counter (collection) is wired in.
func (h *Handler) categoryCounts(ctx context.Context, subjectID string) ([]categoryCount, bool, error) {
	c, err := h.deps.Catalog.Current(ctx)
	if err != nil {
		return nil, false, err
	}
	var counts map[string]int
	if h.deps.Records != nil {
		if counts, err = h.deps.Records.CountByCategory(ctx, subjectID); err != nil {
			return nil, false, err
		}
	}
	var out []categoryCount
	for _, cat := range c.Categories {
		if !cat.Deprecated {
			out = append(out, categoryCount{Code: cat.Code, Name: cat.Name, NameEN: cat.NameEN, Count: counts[cat.Code]})
		}
	}
	return out, h.deps.Records != nil, nil
}
