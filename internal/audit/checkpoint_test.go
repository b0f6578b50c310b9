// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"bytes"
	"crypto/rand"
	"encoding/json"
	"strings"
	"testing"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"
)

func TestCheckpoint_FormatParse(t *testing.T) {
	root := tlog.RecordHash([]byte("x"))
	text := FormatCheckpoint("example.org/audit", 42, root)
	if got, want := string(text), "example.org/audit\n42\n"+root.String()+"\n"; got != want {
		t.Fatalf("checkpoint=%q, want %q", got, want)
	}
	origin, n, r, err := ParseCheckpoint(append(text, "ext line\n"...))
	if err != nil || origin != "example.org/audit" || n != 42 || r != root {
		t.Fatalf("ParseCheckpoint=%q %d %s %v", origin, n, r, err)
	}
	for _, bad := range []string{"", "o\n42\n" + root.String(), "o\n042\n" + root.String() + "\n",
		"o\n-1\n" + root.String() + "\n", "o\n1\nAAAA\n", "\n1\n" + root.String() + "\n"} {
		if _, _, _, err := ParseCheckpoint([]byte(bad)); err == nil {
			t.Fatalf("ParseCheckpoint(%q) accepted", bad)
		}
	}
}

func TestOpenCheckpoint(t *testing.T) {
	skey, vkey, err := note.GenerateKey(rand.Reader, "example.org/audit")
	if err != nil {
		t.Fatal(err)
	}
	s, _ := note.NewSigner(skey)
	root := tlog.RecordHash([]byte("x"))
	signed, err := note.Sign(&note.Note{Text: string(FormatCheckpoint("example.org/audit", 7, root))}, s)
	if err != nil {
		t.Fatal(err)
	}
	if n, r, err := OpenCheckpoint(signed, vkey); err != nil || n != 7 || r != root {
		t.Fatalf("OpenCheckpoint=%d %s %v", n, r, err)
	}
	forged := bytes.Replace(signed, []byte("\n7\n"), []byte("\n8\n"), 1)
	if _, _, err := OpenCheckpoint(forged, vkey); err == nil {
		t.Fatal("a checkpoint with a changed size verified")
	}
	other, _ := note.Sign(&note.Note{Text: string(FormatCheckpoint("elsewhere/audit", 7, root))}, s)
	if _, _, err := OpenCheckpoint(other, vkey); err == nil || !strings.Contains(err.Error(), "origin") {
		t.Fatalf("a checkpoint with another origin: err=%v", err)
	}
}

func FuzzParseCheckpoint(f *testing.F) {
	f.Add([]byte("o\n1\n" + tlog.RecordHash(nil).String() + "\n"))
	f.Add([]byte("o\n1\nx\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		origin, n, root, err := ParseCheckpoint(text)
		if err != nil {
			return
		}
		again := FormatCheckpoint(origin, n, root)
		if !bytes.HasPrefix(text, again) {
			t.Fatalf("ParseCheckpoint(%q) does not re-format to a prefix: %q", text, again)
		}
	})
}

// A sealed body opens only with its own leaf hash and key.
func TestBody_Seal(t *testing.T) {
	k := mustKeys(t)
	e, _ := goldenEvent().normalize()
	h := tlog.RecordHash([]byte("leaf"))
	blob, err := k.sealBody(e, h)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(blob, []byte("91440300192203821X")) {
		t.Fatal("sealed body holds the code in clear")
	}
	back, err := k.openBody(blob, h)
	if err != nil {
		t.Fatal(err)
	}
	l1, _ := k.leafOf(e)
	l2, _ := k.leafOf(back)
	if !bytes.Equal(l1, l2) {
		t.Fatalf("body round trip changes the leaf:\n%s\n%s", l1, l2)
	}
	if _, err := k.openBody(blob, tlog.RecordHash([]byte("other"))); err == nil {
		t.Fatal("body opened under another leaf hash")
	}
	other, _ := deriveKeys([]byte("another secret that is long enough!"))
	if _, err := other.openBody(blob, h); err == nil {
		t.Fatal("body opened with another secret")
	}
}

func FuzzDecodeBody(f *testing.F) {
	e, _ := goldenEvent().normalize()
	good, _ := json.Marshal(bodyOf(e))
	f.Add(good)
	f.Add([]byte(`{"v":1}`))
	k := mustKeys(f)
	f.Fuzz(func(t *testing.T, plain []byte) {
		e, err := decodeBody(plain)
		if err != nil {
			return
		}
		if _, err := k.leafOf(e); err != nil {
			t.Fatalf("a decoded body does not make a leaf: %v", err)
		}
	})
}
