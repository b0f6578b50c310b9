// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/subject"
)

func TestSearch(t *testing.T) {
	env := newTestEnv(t)
	c := env.client(t)
	env.login(t, c, access.OrgInstitution)
	gouqi := env.subjects[0]

	t.Run("OKTwoCharacters", func(t *testing.T) {
		doc := mustGet(t, c, env.srv.URL+"/subjects?q="+url.QueryEscape("枸杞"), http.StatusOK)
		rows := doc.find("tbody tr")
		if got, want := len(rows), 1; got != want {
			t.Fatalf("%d rows, want %d", got, want)
		}
		if got := doc.text(t, "tbody td a"); got != gouqi.Name {
			t.Fatalf("first cell %q, want %q", got, gouqi.Name)
		}
		if got, want := doc.attr(t, "tbody td a", "href"), "/subjects/"+gouqi.USCC; got != want {
			t.Fatalf("link %q, want %q", got, want)
		}
		if got := doc.text(t, "tbody td.mono"); got != gouqi.USCC {
			t.Fatalf("code cell %q, want %q", got, gouqi.USCC)
		}
		if got := doc.texts("tbody td")[3]; got != "宁夏回族自治区 银川市 兴庆区" {
			t.Fatalf("region cell %q", got)
		}
		if got := doc.attr(t, "input[name=q]", "value"); got != "枸杞" {
			t.Fatalf("query not kept in the form: %q", got)
		}
	})

	t.Run("OKByCode", func(t *testing.T) {
		doc := mustGet(t, c, env.srv.URL+"/subjects?q="+strings.ToLower(gouqi.USCC), http.StatusOK)
		if got := doc.texts("tbody td.mono"); !slices.Equal(got, []string{gouqi.USCC}) {
			t.Fatalf("codes %v, want %s", got, gouqi.USCC)
		}
	})

	t.Run("OKFilters", func(t *testing.T) {
		doc := mustGet(t, c, env.srv.URL+"/subjects?type=cooperative", http.StatusOK)
		if got := doc.texts("tbody td a"); !slices.Equal(got, []string{env.subjects[2].Name}) {
			t.Fatalf("cooperatives %v", got)
		}
		doc = mustGet(t, c, env.srv.URL+"/subjects?region=640100&industry=I", http.StatusOK)
		if got := doc.texts("tbody td a"); !slices.Equal(got, []string{env.subjects[1].Name}) {
			t.Fatalf("Yinchuan IT firms %v", got)
		}
		if got := doc.attr(t, "select[name=region] option[selected]", "value"); got != "640100" {
			t.Fatalf("selected region %q", got)
		}
	})

	t.Run("EmptyState", func(t *testing.T) {
		doc := mustGet(t, c, env.srv.URL+"/subjects?q="+url.QueryEscape("火星"), http.StatusOK)
		if n := len(doc.find("table")); n != 0 {
			t.Fatalf("empty result shows %d tables", n)
		}
		if got := doc.text(t, "div.alert"); !strings.Contains(got, "没有找到") || !strings.Contains(got, "筛选") {
			t.Fatalf("empty state %q does not say what to do next", got)
		}
	})

	t.Run("ErrQueryWithoutLetters", func(t *testing.T) {
		doc := mustGet(t, c, env.srv.URL+"/subjects?q="+url.QueryEscape("！！")+"&lang=en", http.StatusBadRequest)
		if got := doc.text(t, "div.alert"); !strings.Contains(got, "letters or digits") {
			t.Fatalf("problem %q does not explain the query", got)
		}
	})

	t.Run("Pagination", func(t *testing.T) {
		ctx := access.WithPrincipal(context.Background(), access.SystemPrincipal())
		for i := range 25 {
			code, err := subject.Make('9', '1', "640205", fmt.Sprintf("MA8%05d", i))
			if err != nil {
				t.Fatal(err)
			}
			if _, _, err := env.subj.Register(ctx, subject.Subject{USCC: code, Name: fmt.Sprintf("石嘴山星海贸易%02d有限公司", i), Status: subject.StatusActive}); err != nil {
				t.Fatal(err)
			}
		}
		first := mustGet(t, c, env.srv.URL+"/subjects?q="+url.QueryEscape("星海"), http.StatusOK)
		if got, want := len(first.find("tbody tr")), pageSize; got != want {
			t.Fatalf("page 1 has %d rows, want %d", got, want)
		}
		next := first.attr(t, "nav.pager a[rel=next]", "href")
		second := mustGet(t, c, env.srv.URL+next, http.StatusOK)
		if got, want := len(second.find("tbody tr")), 25-pageSize; got != want {
			t.Fatalf("page 2 has %d rows, want %d", got, want)
		}
		if n := len(second.find("nav.pager a[rel=next]")); n != 0 {
			t.Fatal("the last page links a next page")
		}
		back := mustGet(t, c, env.srv.URL+second.attr(t, "nav.pager a[rel=prev]", "href"), http.StatusOK)
		if got, want := back.texts("tbody td a"), first.texts("tbody td a"); !slices.Equal(got, want) {
			t.Fatalf("previous page differs from page 1")
		}
		seen := map[string]bool{}
		for _, n := range append(first.texts("tbody td a"), second.texts("tbody td a")...) {
			if seen[n] {
				t.Fatalf("%s listed twice across pages", n)
			}
			seen[n] = true
		}
	})
}

func TestProfile(t *testing.T) {
	env := newTestEnv(t)
	c := env.client(t)
	env.login(t, c, access.OrgOperator)
	s := env.subjects[0]
	doc := mustGet(t, c, env.srv.URL+"/subjects/"+s.USCC, http.StatusOK)
	if got := doc.text(t, "#subject-name"); got != s.Name {
		t.Fatalf("name %q, want %q", got, s.Name)
	}
	if got := doc.text(t, "#subject-uscc"); got != s.USCC {
		t.Fatalf("code %q, want %q", got, s.USCC)
	}
	facts := map[string]string{}
	dts, dds := doc.texts("dl.facts dt"), doc.texts("dl.facts dd")
	for i := range dts {
		facts[dts[i]] = dds[i]
	}
	for k, want := range map[string]string{
		"法定代表人": "马红", "登记地区": "宁夏回族自治区 银川市 兴庆区 (640104)", "所属行业": "精制茶加工 (1530)",
		"登记状态": "存续（在业）", "注册资本": "5,000,000.00 元", "成立日期": "2016-03-08", "标签": "专精特新",
		"原有代码与曾用名": "曾用名 银川枸杞红商贸有限公司", "主体类型": "企业",
	} {
		if got := facts[k]; got != want {
			t.Errorf("%s = %q, want %q", k, got, want)
		}
	}
	counts := doc.texts("ul.counts li")
	if got, want := len(counts), 17; got != want {
		t.Fatalf("%d categories, want %d", got, want)
	}
	for _, ct := range counts {
		if !strings.HasSuffix(ct, " 0") {
			t.Fatalf("category %q should count 0 before collection", ct)
		}
	}

	t.Run("PilotCodeFlag", func(t *testing.T) {
		ctx := access.WithPrincipal(context.Background(), access.SystemPrincipal())
		pilot := subject.Subject{USCC: "91350100M0001TGQXM", Name: "福建试点样例有限公司", Status: subject.StatusActive}
		if _, _, err := env.subj.Register(ctx, pilot); err != nil {
			t.Fatal(err)
		}
		doc := mustGet(t, c, env.srv.URL+"/subjects/91350100M0001TGQXM?lang=en", http.StatusOK)
		if got := doc.texts("dd span.badge.warn"); !slices.Contains(got, "Pilot code") {
			t.Fatalf("pilot code not flagged next to the code: %v", got)
		}
	})
}

func TestCatalogPages(t *testing.T) {
	env := newTestEnv(t)
	c := env.client(t)
	env.login(t, c, access.OrgProvider)
	doc := mustGet(t, c, env.srv.URL+"/catalog", http.StatusOK)
	if got, want := len(doc.find("section.category")), 17; got != want {
		t.Fatalf("%d categories, want %d", got, want)
	}
	pen := doc.one(t, "section#cat-PEN")
	if !strings.Contains(textOf(pen), "行政处罚") {
		t.Fatalf("PEN section: %q", textOf(pen))
	}
	item := mustGet(t, c, env.srv.URL+"/catalog/items/PEN.XZCF?lang=en", http.StatusOK)
	fields := item.texts("tbody td.mono")
	if len(fields) < 20 || !slices.Contains(fields, "CF_WSH") {
		t.Fatalf("penalty fields %v", fields)
	}
	if got := item.texts("dl.facts dd span.badge"); !slices.Contains(got, "Public") || !slices.Contains(got, "Negative") {
		t.Fatalf("item badges %v", got)
	}
}
