// SPDX-License-Identifier: Apache-2.0

package web

import (
	"net/http"
	"net/url"
	"os"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/score/scorecard"
)

// TestScoreFitPage: an operator uploads the German credit data, sees the
// figures and the card, and downloads a card the evaluator can load;
// anyone else is refused.
func TestScoreFitPage(t *testing.T) {
	csv, err := os.ReadFile("../score/scorecard/testdata/german_credit_statlog.csv")
	if err != nil {
		t.Fatal(err)
	}
	e := newTestEnv(t)
	c := e.client(t)
	e.login(t, c, access.OrgOperator)
	doc := mustGet(t, c, e.srv.URL+"/operator/scorecard", http.StatusOK)
	token := csrfOf(t, doc)

	t.Run("OK", func(t *testing.T) {
		ctype, body := uploadBody(t, token, [][2]string{{"target", "class"}, {"test", "0.3"}, {"seed", "1"}}, "german.csv", csv)
		res, b := send(t, c, e.srv.URL+"/operator/scorecard", ctype, body, nil)
		if res.StatusCode != http.StatusOK {
			t.Fatalf("status %d: %s", res.StatusCode, b)
		}
		page := parseDoc(t, res, b)
		if got := page.texts(`#fit-card td`); len(got) < 7*10 || !strings.Contains(strings.Join(got, " "), "checking_status") {
			t.Fatalf("card table: %q", got)
		}
		metrics := strings.Join(page.texts(`#fit-metrics td`), " ")
		if !strings.Contains(metrics, "700") || !strings.Contains(metrics, "300") {
			t.Fatalf("metrics: %q", metrics)
		}
		cardJSON := page.attr(t, `input[name=card]`, "value")
		res, b = sendForm(t, c, e.srv.URL+"/operator/scorecard/card.json", url.Values{"csrf_token": {token}, "card": {cardJSON}})
		if res.StatusCode != http.StatusOK || !strings.Contains(res.Header.Get("Content-Disposition"), "attachment") {
			t.Fatalf("download: status %d, %v", res.StatusCode, res.Header)
		}
		card, err := scorecard.Load(strings.NewReader(string(b)))
		if err != nil {
			t.Fatalf("downloaded card does not load: %v", err)
		}
		if card.Metrics.Test.AUC < 0.78 {
			t.Fatalf("test AUC %v", card.Metrics.Test.AUC)
		}
	})
	t.Run("ErrUnknownTarget", func(t *testing.T) {
		ctype, body := uploadBody(t, token, [][2]string{{"target", "nope"}}, "german.csv", csv)
		res, b := send(t, c, e.srv.URL+"/operator/scorecard", ctype, body, nil)
		if res.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(b), "nope") {
			t.Fatalf("status %d: %.300s", res.StatusCode, b)
		}
	})
	t.Run("ErrDamagedCard", func(t *testing.T) {
		res, _ := sendForm(t, c, e.srv.URL+"/operator/scorecard/card.json", url.Values{"csrf_token": {token}, "card": {`{"format":"x"}`}})
		if res.StatusCode != http.StatusBadRequest && res.StatusCode != http.StatusUnprocessableEntity {
			t.Fatalf("damaged card: status %d", res.StatusCode)
		}
	})
	t.Run("ErrNotOperator", func(t *testing.T) {
		bank := e.client(t)
		e.login(t, bank, access.OrgInstitution)
		mustGet(t, bank, e.srv.URL+"/operator/scorecard", http.StatusForbidden)
	})
}

func sendForm(t *testing.T, c *http.Client, u string, form url.Values) (*http.Response, []byte) {
	t.Helper()
	return send(t, c, u, "application/x-www-form-urlencoded", strings.NewReader(form.Encode()), nil)
}
