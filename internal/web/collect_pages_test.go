// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
)

// TestCollect_EveryPageBothLanguages renders every collection page, and
// the refusals, for each kind of account that reaches them, in Chinese
// and in English: no missing message, nothing the CSP forbids, every
// input labelled.
func TestCollect_EveryPageBothLanguages(t *testing.T) {
	e := newCollectEnv(t)
	op := e.loginAs(t, "demo-operator")
	loc := e.uploadFile(t, op, provSCJG, "ABN.JYYC", "a.csv", e.abnormalCSV(3, "2024-05-06"), false, [2]string{"expected_rows", "7"})
	failed := e.uploadFile(t, op, provSCJG, "ABN.JYYC", "wrong.csv", []byte("甲,乙\n1,2\n"), false)
	common := []string{qualityPath, qualityPath + "/" + provSCJG + "/ABN.JYYC"}
	for _, tc := range []struct {
		user   string
		status map[string]int
	}{
		{"demo-operator", map[string]int{"/": 200, collectPath: 200, collectPath + "?provider=" + provSCJG + "&item=ABN.JYYC&page=2": 200,
			uploadPath: 200, uploadPath + "?provider=" + provSW + "&item=TAX.LEVEL": 200, loc: 200, loc + "?resent=1": 200, failed: 200,
			quarantinePath: 200, quarantinePath + "?done=discarded&row=5": 200, collectPath + "?page=99": 200,
			"/collect/batches/NOPE": 404, qualityPath + "/" + provSCJG + "/NOPE": 404, collectPath + "?item=%3Cx%3E": 400}},
		{"demo-provider", map[string]int{"/": 200, collectPath: 200, uploadPath: 200, loc: 200, quarantinePath: 200}},
		{otherProvider, map[string]int{"/": 200, collectPath: 200, uploadPath: 200, loc: 403, quarantinePath: 200,
			qualityPath + "/" + provSCJG + "/ABN.JYYC": 403, collectPath + "?provider=" + provSCJG: 403}},
		{"demo-regulator", map[string]int{"/": 200, collectPath: 403}},
		{"demo-institution", map[string]int{"/": 200, collectPath: 403, qualityPath: 403}},
	} {
		c := e.loginAs(t, tc.user)
		for _, lang := range []string{LangZh, LangEn} {
			mustGet(t, c, e.srv.URL+"/lang/"+lang, http.StatusSeeOther)
			for p, status := range tc.status {
				checkPage(t, tc.user+" "+p, lang, mustGet(t, c, e.srv.URL+p, status))
			}
			for _, p := range common {
				if tc.user != "demo-institution" && tc.status[p] == 0 {
					checkPage(t, tc.user+" "+p, lang, mustGet(t, c, e.srv.URL+p, http.StatusOK))
				}
			}
		}
	}
}

// TestCollect_HomeCards: operators and providers reach collection from
// their workbench; a node without collection marks the cards as coming soon.
func TestCollect_HomeCards(t *testing.T) {
	e := newCollectEnv(t)
	for user, want := range map[string][]string{
		"demo-operator": {collectPath, quarantinePath, qualityPath},
		"demo-provider": {uploadPath, collectPath, qualityPath},
	} {
		doc := mustGet(t, e.loginAs(t, user), e.srv.URL+"/", http.StatusOK)
		var got []string
		for _, a := range doc.find("ul.cards a.go") {
			if strings.HasPrefix(attr(a, "href"), collectPath) {
				got = append(got, attr(a, "href"))
			}
		}
		if strings.Join(got, " ") != strings.Join(want, " ") {
			t.Errorf("%s: collection cards %q, want %q", user, got, want)
		}
	}
	plain := newTestEnv(t) // no Deps.Collect
	c := plain.client(t)
	plain.login(t, c, access.OrgOperator)
	doc := mustGet(t, c, plain.srv.URL+"/", http.StatusOK)
	for _, a := range doc.find("ul.cards a.go") {
		if strings.HasPrefix(attr(a, "href"), collectPath) {
			t.Fatalf("a node without collection links %q", attr(a, "href"))
		}
	}
	checkPage(t, "/collect without collection", LangZh, mustGet(t, c, plain.srv.URL+collectPath, http.StatusServiceUnavailable))
}
