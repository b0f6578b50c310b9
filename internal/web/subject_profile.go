// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/rights"
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
	// NeedPurpose asks an institution to declare its purpose before
	// anything is shown; Purposes are the choices.
	NeedPurpose bool
	Purposes    []purposeOption
	Purpose     string // the purpose the view was released for
	AuditIndex  int64  // the view's audit leaf
	// Score is the latest credit evaluation, for the enterprise itself and
	// the credit centre only.
	Score *scoreCard
	// Restructurings are court-approved bankruptcy restructuring (破产重整)
	// annotations, shown to everyone who may see the profile.
	Restructurings []rights.Restructuring
}

// aliasView is a former identifier or name, with its kind in both languages.
type aliasView struct{ KindZh, KindEn, Value string }

// categoryCount is how many records the node holds about the enterprise
// in one catalog category.
type categoryCount struct {
	Code, Name, NameEN string
	Count              int
	Withheld           int // items of the category this caller may not read
}

// purposeOption is one purpose an institution may declare.
type purposeOption struct{ Code, Label string }

// showSubject shows one enterprise's registration and, per catalog
// category, how many credit records the caller may read: the page passes
// the gate like any other release, so an institution first declares its
// purpose and every view leaves an audit entry. The path takes the
// unified code or a legacy identifier that names one subject.
func (h *Handler) showSubject(w http.ResponseWriter, r *http.Request) error {
	code := r.PathValue("code")
	purpose := r.URL.Query().Get("purpose")
	p, _ := access.PrincipalFrom(r.Context())
	if p.IsOrgKind(access.OrgInstitution) && purpose == "" {
		// Only whether the code names an enterprise, as search tells too;
		// nothing about it is shown before the purpose is declared.
		s, err := h.deps.Subjects.Get(r.Context(), code)
		if err != nil {
			return err
		}
		v := h.newView(r, profilePage{USCC: s.USCC, NeedPurpose: true, Purposes: h.purposes(r)})
		v.Nav = "search"
		return h.render(w, r, http.StatusOK, "subject_profile", v)
	}
	gv, err := h.deps.Gate.Release(r.Context(), gate.Request{Action: gate.ActionProfile, Subject: code, Purpose: purpose}, nil)
	if err != nil {
		return err
	}
	s := gv.Subject
	pg := profilePage{Name: s.Name, USCC: s.USCC, LegalRep: s.LegalRep, Address: s.Address,
		Type: orUnknown(string(s.Type)), Status: orUnknown(string(s.Status)),
		RegionCode: s.RegionCode, RegionName: regionName(s.RegionCode), IndustryCode: s.IndustryCode,
		RegisteredAt: s.RegisteredAt, CapitalFen: s.RegisteredCapitalFen, Tags: s.Tags, Flags: s.Flags,
		Purpose: gv.Purpose, AuditIndex: gv.AuditIndex, Purposes: h.purposes(r), Collected: true}
	if in, ok := subject.Industries().Lookup(s.IndustryCode); ok {
		pg.IndustryName = in.Name
	}
	for _, a := range s.Aliases {
		pg.Aliases = append(pg.Aliases, aliasView{KindZh: a.Kind.Label(), KindEn: a.Kind.LabelEn(), Value: a.Value})
	}
	if pg.Categories, err = h.categoryCounts(r.Context(), gv); err != nil {
		return err
	}
	if pg.Score, err = h.scoreCardFor(r.Context(), gv); err != nil {
		return err
	}
	if h.deps.Rights != nil {
		if pg.Restructurings, err = h.deps.Rights.Restructurings(r.Context(), s.USCC); err != nil {
			return err
		}
	}
	v := h.newView(r, pg)
	v.Nav = "search"
	return h.render(w, r, http.StatusOK, "subject_profile", v)
}

// purposes lists the purposes an institution may declare, in the page's
// language.
func (h *Handler) purposes(r *http.Request) []purposeOption {
	lang := requestLang(r, h.deps.DefaultLang)
	var out []purposeOption
	for _, p := range consent.Purposes() {
		out = append(out, purposeOption{Code: string(p), Label: p.Label(lang)})
	}
	return out
}

// categoryCounts lists every category of the catalog with the number of
// records the gate released about the subject, and how many of its items
// were withheld from this caller.
func (h *Handler) categoryCounts(ctx context.Context, gv *gate.View) ([]categoryCount, error) {
	c, err := h.deps.Catalog.Current(ctx)
	if err != nil {
		return nil, err
	}
	counts, withheld := map[string]int{}, map[string]int{}
	for _, iv := range gv.Items {
		if !iv.Shown() {
			withheld[iv.Item.Category]++
			continue
		}
		for _, rec := range iv.Records {
			if rec.Hidden == "" {
				counts[iv.Item.Category]++
			}
		}
	}
	var out []categoryCount
	for _, cat := range c.Categories {
		if !cat.Deprecated {
			out = append(out, categoryCount{Code: cat.Code, Name: cat.Name, NameEN: cat.NameEN,
				Count: counts[cat.Code], Withheld: withheld[cat.Code]})
		}
	}
	return out, nil
}
