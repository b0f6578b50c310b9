// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"slices"
	"strconv"
	"unicode/utf8"
)

// LeafVersion is the version of the leaf encoding, written as "v" in every
// leaf. doc.go describes version 1 byte for byte.
const LeafVersion = 1

// timeLayout is the fixed-width UTC form of times in leaves and bodies.
const timeLayout = "2006-01-02T15:04:05.000000Z"

// maxLeaf bounds a leaf; an entry bundle prefixes each leaf with a 16-bit
// length, and the limits on events keep real leaves far below this.
const maxLeaf = 1<<16 - 1

// leafOf returns the canonical leaf of a normalized event: a JSON object
// with members in byte order of their names, no white space, empty members
// left out, and the subject and details replaced by keyed hashes.
func (k *keys) leafOf(e Event) ([]byte, error) {
	b := make([]byte, 0, 384)
	b = append(b, '{')
	first := true
	member := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, name)
		b = append(b, ':')
	}
	str := func(name, v string) {
		if v == "" {
			return
		}
		member(name)
		b = appendJSONString(b, v)
	}
	// Members in byte order of their names; TestLeaf_MemberOrder checks it.
	str("actor_id", e.Actor.ID)
	str("actor_kind", e.Actor.Kind)
	str("actor_org", e.Actor.OrgID)
	str("actor_org_kind", e.Actor.OrgKind)
	str("actor_role", e.Actor.Role)
	str("authz", e.Authorization)
	if len(e.Details) > 0 {
		str("details", k.detailsHash(e.Details))
	}
	if len(e.Items) > 0 {
		member("items")
		b = append(b, '[')
		for i, it := range e.Items {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSONString(b, it)
		}
		b = append(b, ']')
	}
	str("kind", e.Kind)
	str("outcome", string(e.Outcome))
	str("purpose", e.Purpose)
	str("request_id", e.RequestID)
	if e.Subject != "" {
		str("subject", k.SubjectHash(e.Subject))
	}
	str("time", e.Time.UTC().Format(timeLayout))
	member("v")
	b = strconv.AppendInt(b, LeafVersion, 10)
	b = append(b, '}')
	if len(b) > maxLeaf {
		return nil, fmt.Errorf("audit: %s: leaf of %d bytes is too large", e.Kind, len(b))
	}
	return b, nil
}

// SubjectHash returns the keyed hash that stands for an enterprise code in
// leaves and in the subject_hash column: lower-case hex of
// HMAC-SHA256(subject key, code), the code upper-cased and trimmed.
func (k *keys) SubjectHash(code string) string {
	m := hmac.New(sha256.New, k.subject[:])
	m.Write([]byte(code))
	return hex.EncodeToString(m.Sum(nil))
}

// detailsHash returns lower-case hex of HMAC-SHA256(details key, D) where
// D is the details as a canonical JSON object (RFC 8785: members sorted by
// name, strings escaped as appendJSONString does).
func (k *keys) detailsHash(d map[string]string) string {
	m := hmac.New(sha256.New, k.details[:])
	m.Write(canonicalDetails(d))
	return hex.EncodeToString(m.Sum(nil))
}

// canonicalDetails encodes a details map as RFC 8785 canonical JSON. Names
// are ASCII tokens, so byte order equals the UTF-16 order RFC 8785 asks for.
func canonicalDetails(d map[string]string) []byte {
	names := make([]string, 0, len(d))
	for n := range d {
		names = append(names, n)
	}
	slices.Sort(names)
	b := []byte{'{'}
	for i, n := range names {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendJSONString(b, n)
		b = append(b, ':')
		b = appendJSONString(b, d[n])
	}
	return append(b, '}')
}

// appendJSONString appends s as a JSON string the way RFC 8785 does: only
// '"', '\\' and control characters are escaped (\b \t \n \f \r, others as
// \u00xx in lower-case hex); everything else, including non-ASCII, is
// written as its UTF-8 bytes. Invalid UTF-8 becomes U+FFFD (normalize
// already refuses it).
func appendJSONString(b []byte, s string) []byte {
	const hexDigits = "0123456789abcdef"
	b = append(b, '"')
	if plainASCII(s) { // every leaf value: IDs, codes, digests
		b = append(b, s...)
		return append(b, '"')
	}
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b = append(b, '\\', byte(r))
		case r == '\b':
			b = append(b, '\\', 'b')
		case r == '\t':
			b = append(b, '\\', 't')
		case r == '\n':
			b = append(b, '\\', 'n')
		case r == '\f':
			b = append(b, '\\', 'f')
		case r == '\r':
			b = append(b, '\\', 'r')
		case r < 0x20:
			b = append(b, '\\', 'u', '0', '0', hexDigits[r>>4], hexDigits[r&0xf])
		default:
			b = utf8.AppendRune(b, r)
		}
	}
	return append(b, '"')
}

// plainASCII reports whether s is printable ASCII without '"' or '\\'.
func plainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f || c == '"' || c == '\\' {
			return false
		}
	}
	return true
}
