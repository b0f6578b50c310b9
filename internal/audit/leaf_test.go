// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"golang.org/x/mod/sumdb/tlog"
)

var testSecret = []byte("0123456789abcdef0123456789abcdef")

func mustKeys(tb testing.TB) *keys {
	tb.Helper()
	k, err := deriveKeys(testSecret)
	if err != nil {
		tb.Fatal(err)
	}
	return k
}

// goldenEvent is the example of doc.go.
func goldenEvent() Event {
	return Event{Kind: "report.issued/v1", Time: time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC),
		Actor:   Actor{Kind: "user", ID: "01JUSER", OrgID: "01JBANK", OrgKind: "institution", Role: "institution_query_officer"},
		Subject: " 91440300192203821x ", Items: []string{"tax.rating", "court.judgment", "tax.rating"},
		Purpose: "loan_precheck", Authorization: "01JCONSENT", RequestID: "req-7", Outcome: OutcomeOK,
		Details: map[string]string{"report_id": "R-1", "format": "pdf"}}
}

const goldenLeaf = `{"actor_id":"01JUSER","actor_kind":"user","actor_org":"01JBANK","actor_org_kind":"institution","actor_role":"institution_query_officer","authz":"01JCONSENT","details":"DETAILS","items":["court.judgment","tax.rating"],"kind":"report.issued/v1","outcome":"ok","purpose":"loan_precheck","request_id":"req-7","subject":"SUBJECT","time":"2026-03-01T09:00:00.000000Z","v":1}`

// The leaf is byte for byte what doc.go says; the keyed digests are those
// of the test secret. A change here is a change of the storage format.
func TestLeaf_Golden(t *testing.T) {
	k := mustKeys(t)
	e, err := goldenEvent().normalize()
	if err != nil {
		t.Fatal(err)
	}
	leaf, err := k.leafOf(e)
	if err != nil {
		t.Fatal(err)
	}
	want := strings.NewReplacer("DETAILS", goldenDetails, "SUBJECT", goldenSubject).Replace(goldenLeaf)
	if got := string(leaf); got != want {
		t.Fatalf("leaf=\n%s\nwant\n%s", got, want)
	}
	if got, want := tlog.RecordHash(leaf).String(), goldenLeafHash; got != want {
		t.Fatalf("leaf hash=%s, want %s", got, want)
	}
	if strings.Contains(string(leaf), "91440300192203821") || strings.Contains(string(leaf), "pdf") {
		t.Fatalf("leaf holds the subject code or a detail in clear: %s", leaf)
	}
}

// Members are in byte order of their names and the leaf is valid JSON,
// for every combination of present and absent members.
func TestLeaf_MemberOrder(t *testing.T) {
	k := mustKeys(t)
	full := goldenEvent()
	for _, e := range []Event{full, {Kind: "login/v1x", Time: full.Time, Actor: Actor{Kind: "system"}, Outcome: OutcomeFailed},
		{Kind: "subject.viewed/v2", Time: full.Time, Actor: Actor{Kind: "client", OrgID: "o"}, Outcome: OutcomeDenied, Items: []string{"a"}}} {
		e, err := e.normalize()
		if err != nil {
			continue // the malformed kind is checked in event_test.go
		}
		leaf, err := k.leafOf(e)
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(leaf))
		if _, err := dec.Token(); err != nil {
			t.Fatal(err)
		}
		prev := ""
		for dec.More() {
			name, err := dec.Token()
			if err != nil {
				t.Fatalf("%s: %v", leaf, err)
			}
			if s := name.(string); s <= prev {
				t.Fatalf("member %q after %q in %s", s, prev, leaf)
			} else {
				prev = s
			}
			var v any
			if err := dec.Decode(&v); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func TestAppendJSONString(t *testing.T) {
	for in, want := range map[string]string{
		"plain": `"plain"`, `q"b\`: `"q\"b\\"`, "\b\t\n\f\r": `"\b\t\n\f\r"`,
		"\x00\x1f\x7f": `"\u0000\u001f` + "\x7f" + `"`, "信融/€": `"信融/€"`, "</script>": `"</script>"`,
	} {
		if got := string(appendJSONString(nil, in)); got != want {
			t.Fatalf("appendJSONString(%q)=%s, want %s", in, got, want)
		}
		var back string
		if err := json.Unmarshal(appendJSONString(nil, in), &back); err != nil || back != in {
			t.Fatalf("round trip of %q: %q, %v", in, back, err)
		}
	}
}

func TestCanonicalDetails(t *testing.T) {
	got := string(canonicalDetails(map[string]string{"b": "2", "a": "x\"y", "a.b": ""}))
	if want := `{"a":"x\"y","a.b":"","b":"2"}`; got != want {
		t.Fatalf("canonicalDetails=%s, want %s", got, want)
	}
}

// The subject hash ignores case and surrounding space, and depends on the secret.
func TestSubjectHash(t *testing.T) {
	k := mustKeys(t)
	if a, b := k.SubjectHash(normSubject(" 91440300192203821x")), k.SubjectHash(normSubject("91440300192203821X")); a != b {
		t.Fatalf("hashes differ for one code: %s %s", a, b)
	}
	other, err := deriveKeys([]byte("another secret that is long enough!"))
	if err != nil {
		t.Fatal(err)
	}
	if k.SubjectHash("X") == other.SubjectHash("X") {
		t.Fatal("subject hash does not depend on the secret")
	}
}

// The digests were computed independently (Python hmac/hashlib, HKDF by
// hand from RFC 5869) when the format was fixed.
const (
	goldenDetails  = "e171fa056ecf0442310c0340730ec98456d1264863c345916c748764e2bc4c46"
	goldenSubject  = "953ad32b9a21bcf809c241201cd95575115ffac4667b7eaff151230ee1a2fbf4"
	goldenLeafHash = "uLV5iloEZculr5MjUdTpGStizmIMBMq6La7JUyJ7ixA="
)
