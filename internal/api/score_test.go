// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"context"
	"testing"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/score"
	"github.com/xinrong/xinrong/internal/sqlstore"
)

// newScores is the evaluation service over the test store, with every
// enterprise evaluated once.
func newScores(t testing.TB, store *sqlstore.Store, cat *catalog.Service) *score.Service {
	t.Helper()
	c, _, err := cat.Current(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	m, err := score.Default(c)
	if err != nil {
		t.Fatal(err)
	}
	return score.New(store, m, score.Options{})
}

func scoreScenarios(e *env) []scenario {
	stats := func(query, as string) request {
		return request{method: "GET", url: "/api/v1/score/statistics" + query, as: as}
	}
	return []scenario{
		{name: "score statistics by city", req: stats("", "op-token"), status: 200, expect: []string{`"by":"region"`, `"grades":["A+"`}},
		{name: "score statistics by industry", req: stats("?by=industry", "op-session"), status: 200, expect: []string{`"by":"industry"`}},
		{name: "score statistics bad prefix", req: stats("?prefix=3", "op-token"), status: 400},
		{name: "score statistics bad by", req: stats("?by=planet", "op-token"), status: 400},
		{name: "score statistics anonymous", req: stats("", ""), status: 401},
		{name: "score statistics bank", req: stats("", "bank-token"), status: 403},
	}
}
