// SPDX-License-Identifier: Apache-2.0

package access

import (
	"bytes"
	"context"
	"strings"
	"testing"
)

func TestHasher_DefaultFormat(t *testing.T) {
	ctx := context.Background()
	h := NewHasher(DefaultPasswordParams, 1)
	s, err := h.Hash(ctx, "Xinrong-2024-pw")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(s, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("hash %q does not use argon2id m=19456,t=2,p=1", s)
	}
	p, err := ParsePHC(s)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(p.Salt), 16; got != want {
		t.Fatalf("salt length %d, want %d", got, want)
	}
	for pw, want := range map[string]bool{"Xinrong-2024-pw": true, "xinrong-2024-pw": false, "": false} {
		if ok, err := h.Verify(ctx, pw, s); err != nil || ok != want {
			t.Fatalf("Verify(%q)=%v,%v want %v", pw, ok, err, want)
		}
	}
	if h.NeedsRehash(s) {
		t.Fatal("NeedsRehash of a current hash")
	}
	if !NewHasher(PasswordParams{Time: 1, Memory: 64, Threads: 1, SaltLen: 16, KeyLen: 32}, 1).NeedsRehash(s) {
		t.Fatal("NeedsRehash false for other parameters")
	}
}

// A reference vector from the argon2 reference CLI (the argon2id t=2,
// m=64, p=1 vector of "password" with salt "somesalt" that
// golang.org/x/crypto/argon2 tests against), written as a PHC string: our
// format and parameter order match other tools.
func TestHasher_ReferenceVector(t *testing.T) {
	const ref = "$argon2id$v=19$m=64,t=2,p=1$c29tZXNhbHQ$Bo1ismRVk2qm6+YAYLCmWHDb+j3fjUH3"
	h := NewHasher(DefaultPasswordParams, 1)
	for pw, want := range map[string]bool{"password": true, "Password": false} {
		ok, err := h.Verify(context.Background(), pw, ref)
		if err != nil || ok != want {
			t.Fatalf("Verify(%q, reference)=%v,%v, want %v", pw, ok, err, want)
		}
	}
}

func TestParsePHC_Rejects(t *testing.T) {
	for _, s := range []string{
		"",
		"$argon2i$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$tZVyCCQKbcM7RU/VobBTdKu4lA4JcaVcUM/O2d/U1BA",
		"$argon2id$v=16$m=19456,t=2,p=1$c29tZXNhbHQ$tZVyCCQKbcM7RU/VobBTdKu4lA4JcaVcUM/O2d/U1BA",
		"$argon2id$v=19$t=2,m=19456,p=1$c29tZXNhbHQ$tZVyCCQKbcM7RU/VobBTdKu4lA4JcaVcUM/O2d/U1BA",
		"$argon2id$v=19$m=4194304,t=2,p=1$c29tZXNhbHQ$tZVyCCQKbcM7RU/VobBTdKu4lA4JcaVcUM/O2d/U1BA",
		"$argon2id$v=19$m=19456,t=0,p=1$c29tZXNhbHQ$tZVyCCQKbcM7RU/VobBTdKu4lA4JcaVcUM/O2d/U1BA",
		"$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ=$tZVyCCQKbcM7RU/VobBTdKu4lA4JcaVcUM/O2d/U1BA",
		"$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$dG9vc2hvcnQ",
		"$argon2id$v=19$m=19456,t=2,p=1,x=1$c29tZXNhbHQ$tZVyCCQKbcM7RU/VobBTdKu4lA4JcaVcUM/O2d/U1BA",
		"$argon2id$v=19$m=+19456,t=2,p=1$c29tZXNhbHQ$tZVyCCQKbcM7RU/VobBTdKu4lA4JcaVcUM/O2d/U1BA",
	} {
		if _, err := ParsePHC(s); err == nil {
			t.Errorf("ParsePHC(%q) accepted", s)
		}
	}
}

func FuzzParsePHC(f *testing.F) {
	f.Add("$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHQ$tZVyCCQKbcM7RU/VobBTdKu4lA4JcaVcUM/O2d/U1BA")
	f.Add("$argon2id$v=19$m=64,t=1,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$$")
	f.Add("$$$$$")
	f.Fuzz(func(t *testing.T, s string) {
		h, err := ParsePHC(s)
		if err != nil {
			return
		}
		p := h.Params
		if p.Memory > maxPHCMemory || p.Time < 1 || p.Time > maxPHCTime || p.Threads < 1 || p.Threads > maxPHCThreads ||
			len(h.Salt) < 8 || len(h.Key) < 16 || int(p.SaltLen) != len(h.Salt) || int(p.KeyLen) != len(h.Key) {
			t.Fatalf("ParsePHC(%q) accepted out-of-bounds %+v", s, p)
		}
		again, err := ParsePHC(h.String())
		if err != nil {
			t.Fatalf("ParsePHC(String()) of %q: %v", s, err)
		}
		if again.Params != h.Params || !bytes.Equal(again.Salt, h.Salt) || !bytes.Equal(again.Key, h.Key) {
			t.Fatalf("round trip of %q changed it: %+v vs %+v", s, again, h)
		}
	})
}

// BenchmarkHasher_Verify measures one sign-in's password check at the
// default cost; it reports ms/op.
func BenchmarkHasher_Verify(b *testing.B) {
	ctx := context.Background()
	h := NewHasher(DefaultPasswordParams, 1)
	s, err := h.Hash(ctx, "Xinrong-2024-pw")
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if ok, err := h.Verify(ctx, "Xinrong-2024-pw", s); err != nil || !ok {
			b.Fatal("verify failed")
		}
	}
	b.ReportMetric(float64(b.Elapsed().Microseconds())/1000/float64(b.N), "ms/op")
}
