// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/subject"
)

// loginForm is the posted login form.
type loginForm struct {
	Username string
	Password string
	Next     string
}

// parseLoginForm reads the login form. The body is capped: a login form is
// a few hundred bytes, and argon2 must not be fed megabytes.
func parseLoginForm(w http.ResponseWriter, r *http.Request) (loginForm, error) {
	r.Body = http.MaxBytesReader(w, r.Body, 16<<10)
	if err := r.ParseForm(); err != nil {
		return loginForm{}, apperr.E(apperr.Invalid, "表单无法读取 / the form could not be read", err)
	}
	return loginForm{
		Username: strings.TrimSpace(r.PostForm.Get("username")),
		Password: r.PostForm.Get("password"),
		Next:     safeNext(r.PostForm.Get("next")),
	}, nil
}

// searchForm is the enterprise search query string.
type searchForm struct {
	Q        string
	Region   string // GB/T 2260 code
	Industry string // GB/T 4754 section letter
	Type     string
	// Trail holds the cursors of pages 2..N, so that "previous" works with
	// the service's forward-only cursors and every page has a stable URL.
	Trail []string
}

// Limits on the search query string; beyond them the URL was not made by
// our form.
const (
	maxQueryRunes = 100
	maxTrail      = 50
	pageSize      = 20
)

var (
	regionRE  = regexp.MustCompile(`^[0-9]{6}$`)
	sectionRE = regexp.MustCompile(`^[A-T]$`)
)

// parseSearchForm reads and checks the query string. It returns the form
// as far as it could be read even with an error, so the page can show it.
func parseSearchForm(r *http.Request) (searchForm, error) {
	q := r.URL.Query()
	f := searchForm{
		Q:        strings.TrimSpace(q.Get("q")),
		Region:   strings.TrimSpace(q.Get("region")),
		Industry: strings.ToUpper(strings.TrimSpace(q.Get("industry"))),
		Type:     strings.TrimSpace(q.Get("type")),
		Trail:    q["c"],
	}
	switch {
	case utf8.RuneCountInString(f.Q) > maxQueryRunes:
		return f, apperr.Invalidf("查询内容不超过%d个字 / the query may have at most %d characters", maxQueryRunes, maxQueryRunes)
	case f.Region != "" && !regionRE.MatchString(f.Region):
		return f, apperr.Invalidf("地区代码应为6位数字 / the region code must be 6 digits")
	case f.Industry != "" && !sectionRE.MatchString(f.Industry):
		return f, apperr.Invalidf("行业门类应为 A–T 中的一个字母 / the industry section must be one letter A–T")
	case f.Type != "" && !subject.Type(f.Type).Valid():
		return f, apperr.Invalidf("未知的主体类型 / unknown subject type")
	case len(f.Trail) > maxTrail:
		return f, apperr.Invalidf("翻页过深，请缩小查询范围 / too many pages; narrow the search")
	}
	for _, c := range f.Trail {
		if c == "" || len(c) > 256 {
			return f, apperr.Invalidf("翻页参数无效，请重新查询 / the page link is not valid; search again")
		}
	}
	return f, nil
}

// empty reports whether the form asks for nothing yet.
func (f searchForm) empty() bool {
	return f.Q == "" && f.Region == "" && f.Industry == "" && f.Type == ""
}

// filter is the service query for the form's current page.
func (f searchForm) filter() subject.Filter {
	sf := subject.Filter{Query: f.Q, RegionCode: f.Region, IndustryCode: f.Industry,
		Type: subject.Type(f.Type), Limit: pageSize}
	if n := len(f.Trail); n > 0 {
		sf.Cursor = f.Trail[n-1]
	}
	return sf
}

// url is the search URL for the same query with the given cursor trail.
func (f searchForm) url(trail []string) string {
	q := url.Values{}
	for k, v := range map[string]string{"q": f.Q, "region": f.Region, "industry": f.Industry, "type": f.Type} {
		if v != "" {
			q.Set(k, v)
		}
	}
	for _, c := range trail {
		q.Add("c", c)
	}
	if len(q) == 0 {
		return "/subjects"
	}
	return "/subjects?" + q.Encode()
}
