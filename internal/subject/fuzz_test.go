// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzCheck(f *testing.F) {
	for _, s := range []string{
		"914403001922038216", "91440300192181490G", "9144030071526726XG", "91350100M0001TGQXM", "91350203M0001QKT19",
		"914403001922038217", "9144 0300-1922 0382 16", "９１４４０３００１９２２０３８２１６", "91440300S92203821X",
		"110108000000016", "19218149-0", "44030071526726X", "", "\xff\xfe", "91440300192203821中", "－ 　",
	} {
		f.Add(s, uint8(9), uint8(1), uint32(440300), uint64(19220382))
	}
	f.Fuzz(func(t *testing.T, s string, dept, cat uint8, region uint32, org uint64) {
		n := Normalize(s)
		if Normalize(n) != n {
			t.Fatalf("Normalize not idempotent: %q → %q → %q", s, n, Normalize(n))
		}
		opts := CheckOptions{AcceptPilot: dept&1 == 1}
		v := Check(s, opts)
		if v.Code != n {
			t.Fatalf("Code=%q, want %q", v.Code, n)
		}
		if w := Check(n, opts); w.Valid != v.Valid || len(w.Problems) != len(v.Problems) {
			t.Fatalf("Check not stable under Normalize: %+v vs %+v", v, w)
		}
		for _, p := range v.Problems {
			if p.Code == "" || p.Zh == "" || p.En == "" || (p.Severity != SeverityError && p.Severity != SeverityWarning) {
				t.Fatalf("malformed problem %+v", p)
			}
		}
		if v.Valid != (len(v.Errors()) == 0) || (v.Valid && len(v.Code) != USCCLen) {
			t.Fatalf("inconsistent verdict %+v", v)
		}
		if v.Valid && !v.Pilot {
			if c, err := ComputeCheck18(v.Code[:17]); err != nil || c != v.Code[17] {
				t.Fatalf("valid %s but check %q,%v", v.Code, c, err)
			}
		}
		_ = CheckLegacy("", s)

		// Make → Check round trip over the whole alphabet.
		base := make([]byte, 8)
		for i := range base {
			base[i] = Alphabet[org%31]
			org /= 31
		}
		code, err := Make(Alphabet[dept%31], Alphabet[cat%31], fmt.Sprintf("%06d", region%1_000_000), string(base))
		if err != nil {
			t.Fatalf("Make: %v", err)
		}
		if mv := Check(code, CheckOptions{}); !mv.Valid || mv.Pilot || len(mv.Errors()) != 0 || Normalize(code) != code {
			t.Fatalf("Check(Make=%s)=%+v", code, mv)
		}
	})
}

func FuzzSearch(f *testing.F) {
	for _, s := range []string{"深圳市腾讯计算机系统有限公司", "TCL科技（集团）", "Ａｂｃ·Ｄ", "e\u0301clair", "㈱日立", "\xe4\xb8", "İstanbul"} {
		f.Add(s, uint16(1), uint16(5))
	}
	f.Fuzz(func(t *testing.T, name string, i, j uint16) {
		index := map[string]bool{}
		for _, tok := range strings.Fields(IndexTokens(name)) {
			if index[tok] {
				t.Fatalf("duplicate token %q", tok)
			}
			index[tok] = true
			checkToken(t, tok)
		}
		if len(name) == 0 {
			return
		}
		a, b := int(i)%len(name), int(j)%len(name)
		if a > b {
			a, b = b, a
		}
		q := name[a : b+1]
		toks := QueryTokens(q)
		for _, tok := range toks {
			checkToken(t, tok)
			if !index[tok] {
				t.Fatalf("query %q token %q not in index of %q", q, tok, name)
			}
		}
		if len(toks) > 0 && !Matches(name, q) {
			t.Fatalf("Matches(%q, %q)=false for a substring", name, q)
		}
		if strings.Count(FTS5Query(toks), `"`)%2 != 0 || strings.Count(TSQuery(toks), `'`)%2 != 0 {
			t.Fatalf("unbalanced quotes for %q", toks)
		}
	})
}

func checkToken(t *testing.T, tok string) {
	t.Helper()
	if n := utf8.RuneCountInString(tok); n < 1 || n > 2 {
		t.Fatalf("token %q has %d characters", tok, n)
	}
	for _, r := range tok {
		if !isTokenRune(r) {
			t.Fatalf("token %q contains %q", tok, r)
		}
	}
}
