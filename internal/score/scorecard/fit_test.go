// SPDX-License-Identifier: Apache-2.0

package scorecard

import (
	"os"
	"testing"
)

func mustTable(tb testing.TB, path string) *Table {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	t, err := LoadCSV(f)
	if err != nil {
		tb.Fatal(err)
	}
	return t
}

func TestFit_Datasets(t *testing.T) {
	for _, tc := range []struct {
		file, bad string
		minAUC    float64
	}{
		{"testdata/german_credit_statlog.csv", "2", 0.78},
		{"testdata/polish_bankruptcy_1year.csv", "1", 0.87},
	} {
		t.Run(tc.file, func(t *testing.T) {
			tab := mustTable(t, tc.file)
			c, err := Fit(tab, Options{Target: "class", Bad: tc.bad, Seed: 1, Progress: func(m string) { t.Log(m) }})
			if err != nil {
				t.Fatal(err)
			}
			t.Logf("train %+v test %+v features %d settings %+v", c.Metrics.Train, c.Metrics.Test, len(c.Features), c.Training.Settings)
			if got := c.Metrics.Test.AUC; got < tc.minAUC {
				t.Fatalf("test AUC=%.4f, want ≥ %.2f", got, tc.minAUC)
			}
		})
	}
}
