// SPDX-License-Identifier: Apache-2.0

package scorecard

import "testing"

// BenchmarkFit fits the Polish bankruptcy card, cross-validation included.
func BenchmarkFit(b *testing.B) {
	tab := mustTable(b, "testdata/polish_bankruptcy_1year.csv")
	var c *Card
	for b.Loop() {
		var err error
		if c, err = Fit(tab, Options{Target: "class", Bad: "1", Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(c.Metrics.Test.AUC, "test-AUC")
}

// BenchmarkScore scores one applicant on the German credit card.
func BenchmarkScore(b *testing.B) {
	c, tab := mustGerman(b)
	row := tab.rowFunc(0)
	for b.Loop() {
		_ = c.Score(row)
	}
}
