// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestCollect_LeastPrivilege walks every collection page as every kind of
// account: provider users reach only their own providers' batches,
// institutions and enterprises nothing, regulators data quality only.
func TestCollect_LeastPrivilege(t *testing.T) {
	e := newCollectEnv(t)
	op := e.loginAs(t, "demo-operator")
	// The file name is shown in the list and on the receipt only.
	const batch = "scjg-2024-05.csv"
	loc := e.uploadFile(t, op, provSCJG, "ABN.JYYC", batch, e.abnormalCSV(4, "2024-05-06"), false)
	scjgQuality := qualityPath + "/" + provSCJG + "/ABN.JYYC"
	type want struct {
		status    int
		forbidden string // a substring that must not appear
	}
	pages := []string{collectPath, uploadPath, loc, loc + "/rejections.csv", loc + "/rejections.xlsx", quarantinePath,
		qualityPath, scjgQuality,
		collectPath + "?provider=" + provSCJG, quarantinePath + "?provider=" + provSCJG}
	for _, tc := range []struct {
		user  string
		wants []want // per page
	}{
		{"demo-operator", []want{{200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}}},
		{"demo-operator-admin", []want{{200, ""}, {403, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}, {200, ""}}},
		{"demo-provider", []want{{200, provSW}, {200, provSW}, {200, ""}, {200, ""}, {200, ""}, {200, provSW}, {200, provSW}, {200, ""}, {200, ""}, {200, ""}}},
		{otherProvider, []want{{200, batch}, {200, provSCJG}, {403, batch}, {403, ""}, {403, ""}, {200, "灵武市"}, {200, provSCJG}, {403, ""}, {403, ""}, {403, ""}}},
		{"demo-regulator", []want{{403, batch}, {403, ""}, {403, batch}, {403, ""}, {403, ""}, {403, ""}, {200, ""}, {200, ""}, {403, ""}, {403, ""}}},
		{"demo-institution", []want{{403, batch}, {403, ""}, {403, batch}, {403, ""}, {403, ""}, {403, ""}, {403, ""}, {403, ""}, {403, ""}, {403, ""}}},
		{"demo-enterprise", []want{{403, batch}, {403, ""}, {403, batch}, {403, ""}, {403, ""}, {403, ""}, {403, ""}, {403, ""}, {403, ""}, {403, ""}}},
	} {
		t.Run(tc.user, func(t *testing.T) {
			c := e.loginAs(t, tc.user)
			for i, p := range pages {
				w := tc.wants[i]
				_, b := download(t, c, e.srv.URL+p, w.status)
				if w.forbidden != "" && strings.Contains(string(b), w.forbidden) {
					t.Errorf("%s: %s shows %q", tc.user, p, w.forbidden)
				}
			}
		})
	}
	// The credit centre's account administrator reads but does not act.
	adm := e.loginAs(t, "demo-operator-admin")
	if doc := mustGet(t, adm, e.srv.URL+quarantinePath, http.StatusOK); len(doc.find("form.resolve")) != 0 || len(doc.find("nav.tabs a")) != 3 {
		t.Fatal("an account administrator is offered resolve forms or the upload tab")
	}
	// The owners do see the batch.
	for _, user := range []string{"demo-operator", "demo-provider"} {
		if _, b := download(t, e.loginAs(t, user), e.srv.URL+collectPath, http.StatusOK); !strings.Contains(string(b), batch) {
			t.Errorf("%s does not see the batch in the list", user)
		}
	}
	// A provider user may not resolve quarantined rows, even with a token.
	prov := e.loginAs(t, "demo-provider")
	doc := mustGet(t, prov, e.srv.URL+quarantinePath, http.StatusOK)
	if got := len(doc.find("form.resolve")); got != 0 {
		t.Fatalf("a provider user sees %d resolve forms", got)
	}
	if got := len(doc.find("li.q-row")); got != 1 {
		t.Fatalf("a provider user sees %d quarantined rows, want 1", got)
	}
	token := doc.attr(t, "header form input[name=csrf_token]", "value")
	res, _ := post(t, prov, e.srv.URL+quarantinePath+"/"+strings.TrimPrefix(doc.attr(t, "li.q-row", "id"), "q-"),
		url.Values{"csrf_token": {token}, "action": {"discard"}})
	if got, want := res.StatusCode, http.StatusForbidden; got != want {
		t.Fatalf("provider resolve: status %d, want %d", got, want)
	}
}

func TestCollect_Quarantine(t *testing.T) {
	e := newCollectEnv(t)
	op := e.loginAs(t, "demo-operator")
	e.uploadFile(t, op, provSCJG, "ABN.JYYC", "a.csv", e.abnormalCSV(2, "2024-05-06"), false)
	e.uploadFile(t, op, provSCJG, "ABN.JYYC", "b.csv", e.abnormalCSV(3, "2024-06-07"), false)
	doc := mustGet(t, op, e.srv.URL+quarantinePath, http.StatusOK)
	rows := doc.find("li.q-row")
	if got, want := len(rows), 2; got != want {
		t.Fatalf("%d quarantined rows, want %d", got, want)
	}
	if got := doc.texts("li.q-row dd.q-name"); got[0] != "灵武市不在册商贸有限公司" {
		t.Fatalf("names %q", got)
	}
	if got := attr(doc.find("li.q-row a[target=_blank]")[0], "href"); !strings.HasPrefix(got, "/subjects?q=") {
		t.Fatalf("search link %q", got)
	}
	first, second := strings.TrimPrefix(attr(rows[0], "id"), "q-"), strings.TrimPrefix(attr(rows[1], "id"), "q-")
	token := doc.attr(t, "header form input[name=csrf_token]", "value")

	// An unknown enterprise is refused with what to do; the row stays.
	res, page := post(t, op, e.srv.URL+quarantinePath+"/"+first, url.Values{"csrf_token": {token}, "action": {"attach"}, "uscc": {"91640000MA00000000"}})
	if res.StatusCode != http.StatusBadRequest || page == nil {
		t.Fatalf("attach to a bad code: status %d", res.StatusCode)
	}
	if got := page.text(t, "#quarantine-problem"); !strings.Contains(got, "不是有效的统一社会信用代码") {
		t.Fatalf("problem %q", got)
	}
	res, _ = post(t, op, e.srv.URL+quarantinePath+"/"+first, url.Values{"csrf_token": {token}, "action": {"attach"}, "uscc": {e.codes[19]}})
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("attach: status %d", res.StatusCode)
	}
	doc = mustGet(t, op, e.srv.URL+res.Header.Get("Location"), http.StatusOK)
	if got := doc.text(t, "#quarantine-outcome"); !strings.Contains(got, e.codes[19]) || !strings.Contains(got, "挂接") {
		t.Fatalf("outcome %q", got)
	}
	if got := len(doc.find("li.q-row")); got != 1 {
		t.Fatalf("%d rows left after attaching, want 1", got)
	}
	// Handled once is handled: a second attempt is a conflict, shown.
	res, page = post(t, op, e.srv.URL+quarantinePath+"/"+first, url.Values{"csrf_token": {token}, "action": {"discard"}})
	if res.StatusCode != http.StatusConflict || page == nil || !strings.Contains(page.text(t, "#quarantine-problem"), "已处理") {
		t.Fatalf("second action: status %d", res.StatusCode)
	}
	res, _ = post(t, op, e.srv.URL+quarantinePath+"/"+second, url.Values{"csrf_token": {token}, "action": {"discard"}})
	doc = mustGet(t, op, e.srv.URL+res.Header.Get("Location"), http.StatusOK)
	if got := doc.text(t, "#quarantine-outcome"); !strings.Contains(got, "丢弃") {
		t.Fatalf("outcome %q", got)
	}
	doc.one(t, "div.alert.info") // the queue is empty
	// The attached row is now a record of the enterprise.
	quals, err := e.ing.Quality(t.Context(), qualityWindow, 20)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range quals {
		if q.Item == "ABN.JYYC" && q.Subjects != 4 {
			t.Errorf("ABN.JYYC covers %d enterprises, want 4 (3 delivered + 1 attached)", q.Subjects)
		}
	}
	// A crafted outcome link puts no words on the page.
	doc = mustGet(t, op, e.srv.URL+quarantinePath+"?done=attached&row=1&uscc="+url.QueryEscape("<b>点这里</b>"), http.StatusOK)
	if len(doc.find("#quarantine-outcome")) != 0 {
		t.Fatal("a crafted outcome was shown")
	}
}
