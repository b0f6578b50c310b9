// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/subject"
)

// searchPage is the data of the subject_search template.
type searchPage struct {
	Form       searchForm
	Regions    []option
	Industries []option
	Types      []option
	Searched   bool
	Rows       []subjectRow
	Pager      pager
	Problem    string // message key of a problem with the query
	// ProblemDetail is the service's explanation, in the page's language.
	ProblemDetail string
}

// subjectRow is one enterprise in the results table.
type subjectRow struct {
	Name, USCC, URL string
	Type, Status    string // "unknown" when the master has none
	RegionName      string
	RegisteredAt    time.Time
}

// pager links the pages of a forward-only cursor search.
type pager struct {
	Page             int
	HasPrev, HasNext bool
	PrevURL, NextURL string
}

// option is one choice of a select box.
type option struct {
	Value, Label string
	Selected     bool
}

// searchSubjects runs an enterprise search. A query the service refuses
// is shown on the page with what to change, not as an error page.
func (h *Handler) searchSubjects(w http.ResponseWriter, r *http.Request) error {
	form, ferr := parseSearchForm(r)
	v := h.newView(r, nil)
	v.Nav = "search"
	p := searchPage{Form: form, Regions: regionOptions(v, h.deps.Region, form.Region),
		Industries: industryOptions(v, form.Industry), Types: typeOptions(v, form.Type)}
	v.Data = &p
	status := http.StatusOK
	switch {
	case ferr != nil:
		status, p.Problem, p.ProblemDetail = http.StatusBadRequest, "search.err.invalid", pickLang(apperr.Message(ferr), v.Lang)
	case form.empty():
	default:
		p.Searched = true
		res, err := h.deps.Subjects.Search(r.Context(), form.filter())
		switch {
		case apperr.Is(err, apperr.Invalid):
			status, p.Problem, p.ProblemDetail = http.StatusBadRequest, "search.err.invalid", pickLang(apperr.Message(err), v.Lang)
		case apperr.Is(err, apperr.Unavailable):
			status, p.Problem = http.StatusServiceUnavailable, "search.err.unavailable"
		case err != nil:
			return err
		default:
			if err := h.deps.Gate.Searched(r.Context(), r.URL.RawQuery, len(res.Subjects)); err != nil {
				return err // no hits without their audit entry
			}
			for _, s := range res.Subjects {
				p.Rows = append(p.Rows, toSubjectRow(s))
			}
			p.Pager = newPager(form, res.Next)
		}
	}
	return h.render(w, r, status, "subject_search", v)
}

// newPager links the previous page (drop the last cursor) and the next
// (append the service's cursor).
func newPager(f searchForm, next string) pager {
	n := len(f.Trail)
	p := pager{Page: n + 1, HasPrev: n > 0, HasNext: next != "" && n < maxTrail}
	if p.HasPrev {
		p.PrevURL = f.url(f.Trail[:n-1])
	}
	if p.HasNext {
		p.NextURL = f.url(append(append([]string(nil), f.Trail...), next))
	}
	return p
}

func toSubjectRow(s subject.Subject) subjectRow {
	return subjectRow{Name: s.Name, USCC: s.USCC, URL: profileURL(s.USCC), Type: orUnknown(string(s.Type)),
		Status: orUnknown(string(s.Status)), RegionName: regionName(s.RegionCode), RegisteredAt: s.RegisteredAt}
}

// profileURL is the page of one enterprise.
func profileURL(uscc string) string { return "/subjects/" + url.PathEscape(uscc) }

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}

// typeOptions lists the subject types in the order of the code's
// registration categories.
func typeOptions(v *view, selected string) []option {
	var out []option
	for _, t := range []subject.Type{subject.TypeEnterprise, subject.TypeIndividual, subject.TypeCooperative,
		subject.TypeSocialOrg, subject.TypeInstitution, subject.TypeGovernment, subject.TypeOther} {
		out = append(out, option{Value: string(t), Label: v.T("subject.type." + string(t)), Selected: string(t) == selected})
	}
	return out
}

// industryOptions lists the 20 sections (门类) of GB/T 4754-2017: few
// enough for a select box, and what statistics are reported by.
func industryOptions(v *view, selected string) []option {
	var out []option
	for c := 'A'; c <= 'T'; c++ {
		code := string(c)
		in, ok := subject.Industries().Lookup(code)
		if !ok {
			continue
		}
		label := in.Name
		if v.Lang == LangEn {
			label = v.T("industry.section." + code)
		}
		out = append(out, option{Value: code, Label: code + " " + label, Selected: code == selected})
	}
	return out
}
