// SPDX-License-Identifier: Apache-2.0

package subject

import (
	"strings"
	"testing"
)

func TestNormalize(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"914403001922038216", "914403001922038216"},
		{"  91440300-19220382-16\t", "914403001922038216"},
		{"9144 0300 1922 0382 16", "914403001922038216"},
		{"9144\u30000300\u200b19220382\u201316", "914403001922038216"}, // ideographic space, ZWSP, en dash
		{"９１４４０３００１９２２０３８２１６", "914403001922038216"},                   // full-width digits
		{"９１４４０３００７１５２６７２６ｘｇ", "9144030071526726XG"},                   // full-width lower-case letters
		{"9144030071526726xg", "9144030071526726XG"},
		{"12345678－9", "123456789"}, // full-width hyphen-minus
		{"91*4403", "91*4403"},      // kept, so Check can name it
		{"", ""},
	} {
		if got := Normalize(tt.in); got != tt.want {
			t.Errorf("Normalize(%q)=%q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestNormalize_NoAllocWhenClean(t *testing.T) {
	if n := testing.AllocsPerRun(100, func() { _ = Normalize("914403001922038216") }); n != 0 {
		t.Fatalf("allocs=%v, want 0", n)
	}
}

func TestComputeCheck18(t *testing.T) {
	for _, tt := range []struct {
		first17 string
		want    byte
	}{
		{"91440300192203821", '6'}, // DOMAIN.md: Σ=831, 831 mod 31 = 25, 31−25 = 6
		{"91440300192181490", 'G'},
		{"9144030071526726X", 'G'},
		{"91440300000000457", '0'}, // Σ ≡ 0 (mod 31): 31 must map to '0', not index 31
		{"91110000600037341", 'L'},
		{"12440600MB2C07549", 'J'},
	} {
		got, err := ComputeCheck18(tt.first17)
		if err != nil || got != tt.want {
			t.Errorf("ComputeCheck18(%q)=%q,%v, want %q", tt.first17, got, err, tt.want)
		}
	}
	for _, bad := range []string{"9144030019220382", "91440300192203821X", "9144030019220382I"} {
		if _, err := ComputeCheck18(bad); err == nil {
			t.Errorf("ComputeCheck18(%q) succeeded, want error", bad)
		}
	}
}

func TestComputeOrgCheck(t *testing.T) {
	for _, tt := range []struct {
		base string
		want byte
	}{
		{"19218149", '0'}, // Σ ≡ 0 (mod 11): 11 − 0 = 11 → '0', never "11"
		{"71526726", 'X'}, // 10 → 'X'
		{"19220382", '1'},
		{"M0001TGQ", 'X'}, // letters valued over the full Latin alphabet: M=22, T=29
		{"MB2C0754", '9'},
		{"S0000000", '4'}, // S is a legal GB 11714 character (S=28) even though USCC forbids it
	} {
		got, err := ComputeOrgCheck(tt.base)
		if err != nil || got != tt.want {
			t.Errorf("ComputeOrgCheck(%q)=%q,%v, want %q", tt.base, got, err, tt.want)
		}
	}
	if _, err := ComputeOrgCheck("1921814"); err == nil {
		t.Error("7 characters accepted")
	}
	if _, err := ComputeOrgCheck("1921814*"); err == nil {
		t.Error("'*' accepted")
	}
}

func TestMake(t *testing.T) {
	for _, tt := range []struct {
		dept, cat      byte
		region, org    string
		want           string
		wantCategoryZh string
	}{
		{'9', '1', "440300", "19220382", "914403001922038216", "企业"},
		{'9', '1', "440300", "71526726", "9144030071526726XG", "企业"},
		{'A', '1', "110000", "MA001U00", "", "军队事业单位"}, // letters first, U allowed
		{'N', '2', "350182", "UWXY1234", "", "村级集体经济组织"},
		{'Y', '1', "100000", "00000001", "", "其他"},
	} {
		got, err := Make(tt.dept, tt.cat, tt.region, tt.org)
		if err != nil {
			t.Fatalf("Make(%c,%c,%s,%s): %v", tt.dept, tt.cat, tt.region, tt.org, err)
		}
		if tt.want != "" && got != tt.want {
			t.Errorf("Make=%s, want %s", got, tt.want)
		}
		v := Check(got, CheckOptions{})
		if !v.Valid || len(v.Problems) != 0 {
			t.Errorf("Check(Make=%s)=%+v, want valid without problems", got, v.Problems)
		}
		if got, want := v.Category.Name, tt.wantCategoryZh; got != want {
			t.Errorf("category=%q, want %q", got, want)
		}
	}
	for _, bad := range []struct {
		dept, cat   byte
		region, org string
	}{
		{'S', '1', "440300", "19220382"}, // S never used
		{'9', 'Z', "440300", "19220382"},
		{'9', '1', "44030A", "19220382"},
		{'9', '1', "440300", "1922038"},
		{'9', '1', "440300", "1922038O"}, // letter O
		{'9', '1', "440300", "V9220382"},
	} {
		if got, err := Make(bad.dept, bad.cat, bad.region, bad.org); err == nil {
			t.Errorf("Make(%c,%c,%s,%s)=%s, want error", bad.dept, bad.cat, bad.region, bad.org, got)
		}
	}
}

func TestAlphabet(t *testing.T) {
	if got, want := len(Alphabet), 31; got != want {
		t.Fatalf("len=%d, want %d", got, want)
	}
	for _, c := range "IOSVZ" {
		if strings.ContainsRune(Alphabet, c) {
			t.Errorf("alphabet contains %c", c)
		}
	}
	if !strings.ContainsRune(Alphabet, 'U') {
		t.Error("alphabet lacks U")
	}
}
