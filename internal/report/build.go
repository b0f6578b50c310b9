// SPDX-License-Identifier: Apache-2.0

package report

import (
	"slices"
	"strconv"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/consent"
	"github.com/xinrong/xinrong/internal/gate"
	"github.com/xinrong/xinrong/internal/subject"
)

// shanghai is the zone reports show times in; storage stays UTC.
var shanghai = func() *time.Location {
	l, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600) // no tzdata: China has no DST
	}
	return l
}()

// Meta is what the issuer knows that the view does not.
type Meta struct {
	Number   string
	Node     string
	IssuedAt time.Time
	OrgName  string // the requesting organization's name
}

// Build lays a gate view out as the standard report. It adds nothing the
// view does not hold: every value in the report passed the gate.
func Build(v *gate.View, cat *catalog.Catalog, m Meta) *Report {
	p := v.Principal
	r := &Report{Number: m.Number, Title: titleZH, TitleEN: titleEN, Edition: edition(v), Node: m.Node,
		IssuedAt: m.IssuedAt.UTC(), AsOf: v.At, CatalogVersion: v.CatalogVersion, AuditIndex: v.AuditIndex,
		Requester:      Party{OrgID: p.OrgID, OrgName: m.OrgName, OrgKind: string(p.OrgKind), User: orDefault(p.DisplayName, p.Username)},
		Purpose:        purposeLabel(v.Purpose),
		Authorizations: append([]string{}, v.Authorizations...),
		Subject:        basic(v.Subject), Notes: slices.Clone(notes), Disclaimer: disclaimer}
	byCat := map[string][]gate.ItemView{}
	for _, iv := range v.Items {
		byCat[iv.Item.Category] = append(byCat[iv.Item.Category], iv)
	}
	placed := map[string]bool{}
	for _, ch := range chapters {
		r.Sections = append(r.Sections, section(ch, byCat))
		for _, c := range ch.categories {
			placed[c] = true
		}
	}
	other := otherChapter
	for _, c := range cat.Categories {
		if !placed[c.Code] && len(byCat[c.Code]) > 0 {
			other.categories = append(other.categories, c.Code)
		}
	}
	if len(other.categories) > 0 {
		r.Sections = append(r.Sections, section(other, byCat))
	}
	r.Summary = summary(cat, byCat)
	r.Sources = sources(v)
	return r
}

func edition(v *gate.View) string {
	switch {
	case v.Self:
		return "self"
	case v.Principal.Kind == access.PrincipalSystem || v.Principal.OrgKind == access.OrgOperator:
		return "operator"
	}
	return "institution"
}

func purposeLabel(code string) Label {
	switch code {
	case gate.PurposeSelf:
		return Label{code, "本企业自查", "Self-query"}
	case gate.PurposeOperation:
		return Label{code, "信用中心业务办理", "Credit centre operations"}
	case gate.PurposeSupervision:
		return Label{code, "监管", "Supervision"}
	}
	pu := consent.Purpose(code)
	return Label{code, pu.Label("zh"), pu.Label("en")}
}

func basic(s subject.Subject) Basic {
	b := Basic{USCC: s.USCC, Name: s.Name, LegalRep: s.LegalRep, Address: s.Address, CapitalFen: s.RegisteredCapitalFen,
		Type: Label{string(s.Type), s.Type.Label(), string(s.Type)}, Status: Label{string(s.Status), s.Status.Label(), string(s.Status)},
		Region: Label{Code: s.RegionCode}, Industry: Label{Code: s.IndustryCode}, Capital: yuan(s.RegisteredCapitalFen)}
	b.Region.ZH = subject.Regions().FullName(s.RegionCode)
	if in, ok := subject.Industries().Lookup(s.IndustryCode); ok {
		b.Industry.ZH = in.Name
	}
	if !s.RegisteredAt.IsZero() {
		b.RegisteredAt = s.RegisteredAt.Format(time.DateOnly)
	}
	for _, a := range s.Aliases {
		b.Aliases = append(b.Aliases, a.Kind.Label()+"："+a.Value)
	}
	return b
}

func orDefault(s, d string) string {
	if s == "" {
		return d
	}
	return s
}

// yuan formats fen as 元 with thousands separators: 1234567 → "12,345.67 元".
func yuan(fen int64) string {
	neg := fen < 0
	if neg {
		fen = -fen
	}
	whole := strconv.FormatInt(fen/100, 10)
	for i := len(whole) - 3; i > 0; i -= 3 {
		whole = whole[:i] + "," + whole[i:]
	}
	s := whole + "." + strconv.FormatInt(100+fen%100, 10)[1:] + " 元"
	if neg {
		s = "-" + s
	}
	return s
}
