// SPDX-License-Identifier: Apache-2.0

package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/access"
	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/ingest"
	"github.com/xinrong/xinrong/internal/score"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// TestProfileShowsGrade: the enterprise sees its grade on its own profile
// with the explanation in plain words; the credit centre sees it too.
func TestProfileShowsGrade(t *testing.T) {
	env := newTestEnv(t)
	s := env.subjects[0]
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	m, err := score.Default(cat)
	if err != nil {
		t.Fatal(err)
	}
	// The evaluation is stored in a store of its own: the profile reads it
	// by the enterprise's code only.
	store := storetest.Open(t)
	svc := score.New(store, m, score.Options{})
	f, _ := m.FactFromJSON("DIS.ZDSSWF", "r1", ingest.RecordActive, []byte(`{"LIST_DATE":"`+time.Now().UTC().AddDate(0, -1, 0).Format(time.DateOnly)+`"}`))
	e := m.Evaluate(s.USCC, []score.Fact{f}, nil, time.Now())
	e.ID = "01TESTEVALUATION0000000001"
	if err := store.SaveEvaluations(context.Background(), []score.Save{{Evaluation: e}}); err != nil {
		t.Fatal(err)
	}
	env.h.deps.Scores = svc

	for _, kind := range []access.OrgKind{access.OrgEnterprise, access.OrgOperator} {
		c := env.client(t)
		env.login(t, c, kind)
		doc := mustGet(t, c, env.srv.URL+"/subjects/"+s.USCC, http.StatusOK)
		if got := doc.text(t, "#score-grade"); got != e.Grade {
			t.Fatalf("%s sees grade %q, want %q", kind, got, e.Grade)
		}
		if got := doc.text(t, "#score-explain"); !strings.Contains(got, "综合评分") || !strings.Contains(got, "严重失信主体名单") {
			t.Fatalf("%s: explanation %q", kind, got)
		}
	}
	// Another enterprise's profile (and grade) is refused to the enterprise.
	c := env.client(t)
	env.login(t, c, access.OrgEnterprise)
	doc := mustGet(t, c, env.srv.URL+"/subjects/"+env.subjects[1].USCC, http.StatusForbidden)
	if len(doc.texts("#score-card")) != 0 {
		t.Fatal("a grade shown on another enterprise's profile")
	}
}
