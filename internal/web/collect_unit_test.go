// SPDX-License-Identifier: Apache-2.0

package web

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/xinrong/xinrong/internal/ingest"
)

func TestPercent(t *testing.T) {
	for _, tc := range []struct {
		x    float64
		want string
	}{
		{0, "0.0%"}, {1, "100.0%"}, {0.25, "25.0%"}, {0.97349, "97.3%"},
		{0.0001, "<0.1%"}, {0.9999, ">99.9%"}, {0.0005, "0.1%"},
	} {
		if got := percent(tc.x); got != tc.want {
			t.Errorf("percent(%v)=%q, want %q", tc.x, got, tc.want)
		}
	}
}

func TestNewTrend(t *testing.T) {
	v := &view{Lang: LangZh, msgs: messages{LangZh: {"collect.quality.trend_label": "趋势"}}}
	// 2026-03-01 01:00 in China is still February in UTC: the months are
	// China's.
	now := time.Date(2026, 2, 28, 17, 0, 0, 0, time.UTC)
	ch := newTrend(v, []ingest.MonthPoint{
		{Month: "2025-04", Batches: 1, Received: 10},
		{Month: "2026-01", Batches: 2, Received: 1000, Rejected: 100},
		{Month: "2026-03", Batches: 1, Received: 500},
		{Month: "2024-01", Batches: 9, Received: 99999}, // outside the window
	}, now)
	if got, want := len(ch.Bars), trendMonths; got != want {
		t.Fatalf("%d bars, want %d", got, want)
	}
	if got, want := ch.Bars[0].Month+".."+ch.Bars[11].Month, "2025-04..2026-03"; got != want {
		t.Fatalf("months %s, want %s", got, want)
	}
	jan, mar, apr := ch.Bars[9], ch.Bars[11], ch.Bars[0]
	if jan.H != trendHeight-1 || jan.Y != 1 {
		t.Errorf("the peak month is %d high at %d", jan.H, jan.Y)
	}
	if mar.H*2 < jan.H-2 || mar.H*2 > jan.H+2 {
		t.Errorf("half the peak is %d high, the peak %d", mar.H, jan.H)
	}
	if apr.H != 2 {
		t.Errorf("a small month is %d high, want the 2-unit sliver", apr.H)
	}
	if jan.RejH < 3 || jan.RejH > 4 || jan.RejY+jan.RejH != trendHeight {
		t.Errorf("rejected part %d at %d", jan.RejH, jan.RejY)
	}
	if ch.Bars[5].H != 0 || ch.Empty {
		t.Errorf("an empty month has height %d; empty chart %v", ch.Bars[5].H, ch.Empty)
	}
	if got := ch.Bars[11].X + trendBarW; got != ch.Width {
		t.Errorf("the last bar ends at %d, the chart is %d wide", got, ch.Width)
	}
}

func TestCleanFileName(t *testing.T) {
	for in, want := range map[string]string{
		"2024年5月.csv":              "2024年5月.csv",
		`C:\Users\张三\导出\异常名录.xlsx`: "异常名录.xlsx",
		"../../etc/passwd":         "passwd",
		"a\x00b\r\n.csv":           "ab.csv",
		"":                         "",
		"/":                        "",
		strings.Repeat("长", 300):   strings.Repeat("长", 200),
	} {
		if got := cleanFileName(in); got != want {
			t.Errorf("cleanFileName(%q)=%q, want %q", in, got, want)
		}
	}
}

// FuzzCleanFileName: whatever a browser sends as a file name, what is
// kept is one short line without a path.
func FuzzCleanFileName(f *testing.F) {
	for _, s := range []string{"a.csv", `..\..\x.xlsx`, "a/b/c", "\u202ecsv.exe", "\xff\xfe"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		got := cleanFileName(in)
		if utf8.RuneCountInString(got) > 200 || strings.ContainsAny(got, "/\\") {
			t.Fatalf("cleanFileName(%q)=%q", in, got)
		}
		for _, r := range got {
			if unicode.IsControl(r) {
				t.Fatalf("cleanFileName(%q)=%q keeps a control character", in, got)
			}
		}
	})
}

// FuzzUploadFormCheck: the upload fields either pass with a provider the
// user may use and a well-formed manifest, or are refused; never a panic.
func FuzzUploadFormCheck(f *testing.F) {
	f.Add("P-A", "ABN.JYYC", "12", "")
	f.Add("P-B", "X", "-1", "ZZ")
	f.Add("", "", "99999999999999999999", strings.Repeat("a", 64))
	c := collector{providers: []ingest.Provider{{Code: "P-A", Name: "甲", Items: []string{"ABN.JYYC"}}}}
	f.Fuzz(func(t *testing.T, provider, item, rows, sum string) {
		u := uploadForm{expectedRows: -1}
		u.set("provider", provider)
		u.set("item", item)
		u.set("expected_rows", rows)
		u.set("expected_sha256", sum)
		if err := u.check(c); err != nil {
			return
		}
		if u.Provider != "P-A" || u.Item != "ABN.JYYC" || u.expectedRows < -1 ||
			(u.ExpectedSHA256 != "" && !sha256RE.MatchString(u.ExpectedSHA256)) {
			t.Fatalf("accepted %+v", u)
		}
	})
}
