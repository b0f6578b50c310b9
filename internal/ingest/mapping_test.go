// SPDX-License-Identifier: Apache-2.0

package ingest_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/ingest"
)

func TestSaveMapping(t *testing.T) {
	ctx := context.Background()
	e := newEnv(t, 3)
	const p, item = "P-SCJG-640000", "ABN.JYYC"
	if _, err := e.svc.Mapping(ctx, p, item); !apperr.Is(err, apperr.NotFound) {
		t.Fatalf("Mapping before any save: err=%v, want NotFound", err)
	}
	for _, tc := range []struct {
		name string
		m    ingest.Mapping
		code apperr.Code
		msg  string
	}{
		{"ErrUnknownTarget", ingest.Mapping{"主体名称": "NAME", "信用代码": "USCC"}, apperr.Invalid, "信用代码"},
		{"ErrTargetOfOtherItem", ingest.Mapping{"级别": "LEVEL"}, apperr.Invalid, "LEVEL"},
		{"ErrEmpty", ingest.Mapping{}, apperr.Invalid, "columns"},
		{"ErrBlankColumn", ingest.Mapping{"  ": "NAME"}, apperr.Invalid, "column name"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := e.svc.SaveMapping(ctx, p, item, tc.m)
			if !apperr.Is(err, tc.code) || !strings.Contains(apperr.Message(err), tc.msg) {
				t.Fatalf("err=%v, want %s naming %q", err, tc.code, tc.msg)
			}
		})
	}
	if err := e.svc.SaveMapping(ctx, "P-SW-640000", item, ingest.Mapping{"名称": "NAME"}); !apperr.Is(err, apperr.Forbidden) {
		t.Fatalf("provider not registered for the item: err=%v, want Forbidden", err)
	}
	if err := e.svc.SaveMapping(ctx, "P-NOPE", item, ingest.Mapping{"名称": "NAME"}); !apperr.Is(err, apperr.Invalid) {
		t.Fatalf("unknown provider: err=%v, want Invalid", err)
	}
	// Two header spellings of one field, as a provider's files change over the years.
	m := ingest.Mapping{" 主体名称 ": "NAME", "信用代码": "UNITY_CREDIT_CODE", "社会信用代码": "UNITY_CREDIT_CODE", "列入时间": "IN_DATE",
		"列入事由": "IN_REASON", "决定机关": "IN_ORGAN"}
	if err := e.svc.SaveMapping(ctx, p, item, m); err != nil {
		t.Fatal(err)
	}
	got, err := e.svc.Mapping(ctx, p, item)
	if err != nil {
		t.Fatal(err)
	}
	if got["主体名称"] != "NAME" || got["社会信用代码"] != "UNITY_CREDIT_CODE" || len(got) != len(m) {
		t.Fatalf("saved %v, want the template with trimmed column names", got)
	}

	// A file with the provider's own headers is read through the template.
	csv := "主体名称,信用代码,列入事由,列入时间,决定机关\n" + e.names[0] + "," + e.codes[0] + ",未按规定期限公示年度报告,2023-05-01,银川市兴庆区市场监督管理局\n"
	path := filepath.Join(t.TempDir(), "own-headers.csv")
	if err := os.WriteFile(path, []byte(csv), 0o600); err != nil {
		t.Fatal(err)
	}
	b, err := e.svc.IngestFile(ctx, ingest.FileInput{Provider: p, Item: item, Path: path})
	if err != nil {
		t.Fatal(err)
	}
	if got, want := counts(b), [7]int64{1, 1, 0, 0, 0, 0, 0}; got != want {
		t.Fatalf("counts %v, want %v", got, want)
	}
}
