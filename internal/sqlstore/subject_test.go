// SPDX-License-Identifier: Apache-2.0

package sqlstore_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
	"github.com/xinrong/xinrong/internal/subject"
)

// mustCode makes a valid USCC for tests.
func mustCode(tb testing.TB, cat string, region string, n int) string {
	tb.Helper()
	c, err := subject.Make(cat[0], cat[1], region, fmt.Sprintf("MA%06d", n))
	if err != nil {
		tb.Fatal(err)
	}
	return c
}

func TestSubjects_CreateFindSearch(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	svc := subject.NewService(s)
	names := []string{"银川市兴庆区鑫源商贸有限公司", "石嘴山市腾达讯通科技有限公司", "宁夏腾讯网络服务有限公司", "吴忠市鑫源餐馆", "ACME Trading 宁夏有限公司"}
	for i, n := range names {
		in := subject.Subject{USCC: mustCode(t, "91", "640104", i), Name: n, Status: subject.StatusActive,
			IndustryCode: "5191", LegalRep: "张伟", RegisteredAt: time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC),
			RegisteredCapitalFen: 100_000_00, Tags: []string{"小微企业"},
			Aliases: []subject.Alias{{Kind: subject.AliasFormerName, Value: n + "旧"}}}
		if i == 4 {
			in.RegionCode, in.USCC, in.IndustryCode, in.Tags = "", mustCode(t, "92", "640200", i), "6513", nil
		}
		if _, _, err := svc.Register(ctx, in); err != nil {
			t.Fatalf("Register %s: %v", n, err)
		}
	}
	t.Run("ErrConflict", func(t *testing.T) {
		_, _, err := svc.Register(ctx, subject.Subject{USCC: mustCode(t, "91", "640104", 0), Name: "重复", Status: subject.StatusActive})
		if !apperr.Is(err, apperr.Conflict) {
			t.Fatalf("err=%v, want Conflict", err)
		}
	})
	t.Run("Get", func(t *testing.T) {
		sub, err := svc.Get(ctx, " "+mustCode(t, "91", "640104", 0)[:9]+"-"+mustCode(t, "91", "640104", 0)[9:])
		if err != nil {
			t.Fatal(err)
		}
		if got, want := sub.Name, names[0]; got != want {
			t.Fatalf("Name=%q, want %q", got, want)
		}
		if got, want := sub.Type, subject.TypeEnterprise; got != want {
			t.Fatalf("Type=%q, want %q", got, want)
		}
		if len(sub.Aliases) != 1 || sub.Aliases[0].Value != names[0]+"旧" {
			t.Fatalf("Aliases=%v", sub.Aliases)
		}
		if got, want := sub.RegisteredAt, time.Date(2019, 3, 1, 0, 0, 0, 0, time.UTC); !got.Equal(want) {
			t.Fatalf("RegisteredAt=%v, want %v", got, want)
		}
		if _, err := svc.Get(ctx, mustCode(t, "91", "640104", 99)); !apperr.Is(err, apperr.NotFound) {
			t.Fatalf("err=%v, want NotFound", err)
		}
	})
	search := func(f subject.Filter) []string {
		t.Helper()
		p, err := svc.Search(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, s := range p.Subjects {
			out = append(out, s.Name)
		}
		return out
	}
	for _, tc := range []struct {
		name string
		f    subject.Filter
		want []string
	}{
		{"TwoChars", subject.Filter{Query: "腾讯"}, []string{names[2]}},
		{"OneChar", subject.Filter{Query: "鑫"}, []string{names[0], names[3]}},
		{"Middle", subject.Filter{Query: "兴庆区鑫源"}, []string{names[0]}},
		{"Latin", subject.Filter{Query: "acme"}, []string{names[4]}},
		{"Region", subject.Filter{Query: "有限公司", RegionCode: "640100"}, []string{names[0], names[1], names[2]}},
		{"Province", subject.Filter{RegionCode: "640000"}, names},
		{"Type", subject.Filter{Type: subject.TypeIndividual}, []string{names[4]}},
		{"IndustrySection", subject.Filter{IndustryCode: "I"}, []string{names[4]}},
		{"Tag", subject.Filter{Query: "鑫源", Tag: "小微企业"}, []string{names[0], names[3]}},
		{"Code", subject.Filter{Query: mustCode(t, "91", "640104", 2)}, []string{names[2]}},
		{"None", subject.Filter{Query: "不存在的名字"}, nil},
	} {
		t.Run("Search"+tc.name, func(t *testing.T) {
			if got := search(tc.f); !slices.Equal(got, tc.want) {
				t.Fatalf("got %q, want %q", got, tc.want)
			}
		})
	}
	t.Run("Paging", func(t *testing.T) {
		var all []string
		f := subject.Filter{Query: "公司", Limit: 2}
		for i := 0; i < 10; i++ {
			p, err := svc.Search(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			for _, s := range p.Subjects {
				all = append(all, s.Name)
			}
			if p.Next == "" {
				break
			}
			f.Cursor = p.Next
		}
		if want := []string{names[0], names[1], names[2], names[4]}; !slices.Equal(all, want) {
			t.Fatalf("paged %q, want %q", all, want)
		}
	})
}

func TestSubjects_Import(t *testing.T) {
	ctx := context.Background()
	s := storetest.Open(t)
	svc := subject.NewService(s)
	const n = 12_000
	gen := func(rename bool) func(func(subject.Subject) bool) {
		return func(yield func(subject.Subject) bool) {
			for i := 0; i < n; i++ {
				name := fmt.Sprintf("宁夏测试%05d商贸有限公司", i)
				if rename && i%3 == 0 {
					name = fmt.Sprintf("宁夏更名%05d科技有限公司", i)
				}
				code := mustCode(t, "91", "640104", i)
				if i == 7 {
					code = code[:17] + "Z" // invalid: rejected, the rest goes on
				}
				if !yield(subject.Subject{USCC: code, Name: name, Status: subject.StatusActive, Tags: []string{"小微企业"},
					Aliases: []subject.Alias{{Kind: subject.AliasOrgCode9, Value: code[8:17]}}}) {
					return
				}
			}
		}
	}
	res, err := svc.Import(ctx, gen(false), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != n || res.Inserted != n-1 || res.Rejected != 1 || res.Updated != 0 {
		t.Fatalf("first import %+v", res)
	}
	if len(res.Errors) != 1 || res.Errors[0].Row != 8 {
		t.Fatalf("errors %v", res.Errors)
	}
	before, err := svc.Get(ctx, mustCode(t, "91", "640104", 3))
	if err != nil {
		t.Fatal(err)
	}
	res, err = svc.Import(ctx, gen(true), nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Inserted != 0 || res.Updated != n-1 {
		t.Fatalf("second import %+v", res)
	}
	after, err := svc.Get(ctx, mustCode(t, "91", "640104", 3))
	if err != nil || after.ID != before.ID || !after.CreatedAt.Equal(before.CreatedAt) || after.Name == before.Name {
		t.Fatalf("an update must keep the subject's ID and creation time and change its name: before %+v after %+v (%v)", before, after, err)
	}
	if c, _ := svc.Count(ctx); c != n-1 {
		t.Fatalf("Count=%d, want %d", c, n-1)
	}
	// Renamed subjects are found by the new name only; aliases were replaced, not doubled.
	p, err := svc.Search(ctx, subject.Filter{Query: "更名00003"})
	if err != nil || len(p.Subjects) != 1 {
		t.Fatalf("search new name: %v %v", p.Subjects, err)
	}
	if p, _ := svc.Search(ctx, subject.Filter{Query: "测试00003"}); len(p.Subjects) != 0 {
		t.Fatalf("old name still indexed: %v", p.Subjects)
	}
	sub, err := svc.Get(ctx, mustCode(t, "91", "640104", 3)[8:17])
	if err != nil || len(sub.Aliases) != 1 {
		t.Fatalf("by org code: %+v %v", sub, err)
	}
	byName, err := s.MapSubjectNames(ctx, []string{"宁夏更名00003科技有限公司", "宁夏测试00003商贸有限公司"})
	if err != nil || byName["宁夏更名00003科技有限公司"] != mustCode(t, "91", "640104", 3) || len(byName) != 1 {
		t.Fatalf("resolve by current name: %v %v (the old name is gone, not an alias)", byName, err)
	}
}
