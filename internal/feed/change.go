// SPDX-License-Identifier: Apache-2.0

package feed

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/gate"
)

// Filter selects the changes a bank follows. Empty fields select all.
type Filter struct {
	// Region is a GB/T 2260 code or code prefix of the enterprise's
	// registration region: "64" (宁夏), "6401" or "640100" (银川市),
	// "640104" (兴庆区).
	Region string
	// Industry is a GB/T 4754 section letter ("C") or a code prefix,
	// with or without its section letter ("C13", "13", "1310").
	Industry string
	// Items are catalog item codes (PEN.XZCF, ABN.JYYC…).
	Items []string
}

// Normalize checks f and returns it in the form the store compares:
// region without trailing zero pairs, industry digits upper-cased without
// the section letter. Returns apperr.Invalid naming the field.
func (f Filter) Normalize() (Filter, error) {
	f.Region = strings.TrimSpace(f.Region)
	if f.Region != "" {
		if len(f.Region) < 2 || len(f.Region) > 6 || !digits(f.Region) {
			return f, apperr.Invalidf("region: 行政区划代码或其前缀（2–6位数字）/ a GB/T 2260 code or prefix of 2–6 digits")
		}
		for len(f.Region) > 2 && len(f.Region)%2 == 0 && strings.HasSuffix(f.Region, "00") {
			f.Region = f.Region[:len(f.Region)-2]
		}
	}
	f.Industry = strings.ToUpper(strings.TrimSpace(f.Industry))
	switch n := len(f.Industry); {
	case n == 0:
	case n == 1 && f.Industry[0] >= 'A' && f.Industry[0] <= 'T':
	case n >= 3 && n <= 5 && f.Industry[0] >= 'A' && f.Industry[0] <= 'T' && digits(f.Industry[1:]):
		f.Industry = f.Industry[1:] // codes are stored without the letter
	case n >= 2 && n <= 4 && digits(f.Industry):
	default:
		return f, apperr.Invalidf("industry: 行业门类字母或行业代码前缀 / a GB/T 4754 section letter or code prefix")
	}
	var items []string
	for _, it := range f.Items {
		if it = strings.ToUpper(strings.TrimSpace(it)); it != "" {
			items = append(items, it)
		}
	}
	if len(items) > 64 {
		return f, apperr.Invalidf("items: 至多64个信息项 / at most 64 items")
	}
	f.Items = items
	return f, nil
}

func digits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// Cursors are the record log position, base64url-encoded behind a version
// prefix, so that clients treat them as opaque and the encoding can change.
const cursorPrefix = "c1."

// EncodeCursor returns the cursor that resumes after seq.
func EncodeCursor(seq int64) string {
	return base64.RawURLEncoding.EncodeToString([]byte(cursorPrefix + strconv.FormatInt(seq, 10)))
}

// DecodeCursor returns the position a cursor resumes after; the empty
// cursor is the beginning. Returns apperr.Invalid for anything else.
func DecodeCursor(c string) (int64, error) {
	if c == "" {
		return 0, nil
	}
	bad := apperr.Invalidf("cursor: 无效的游标，请使用上一页返回的 next_cursor / not a cursor this feed returned")
	if len(c) > 64 {
		return 0, bad
	}
	b, err := base64.RawURLEncoding.Strict().DecodeString(c) // one spelling per cursor
	if err != nil {
		return 0, bad
	}
	rest, ok := strings.CutPrefix(string(b), cursorPrefix)
	if !ok {
		return 0, bad
	}
	n, err := strconv.ParseInt(rest, 10, 64)
	if err != nil || n < 0 || strconv.FormatInt(n, 10) != rest {
		return 0, bad
	}
	return n, nil
}

// Change is one change released to an institution.
type Change struct {
	Kind     gate.ChangeKind   `json:"kind"` // upsert or revoked
	Seq      int64             `json:"-"`
	USCC     string            `json:"uscc"`
	Item     string            `json:"item"`
	RecordID string            `json:"record_id"`
	Version  int               `json:"version"`
	Provider string            `json:"provider"`
	Source   string            `json:"source_time,omitempty"`
	Received time.Time         `json:"received_at"`
	Data     map[string]string `json:"data,omitempty"` // public fields only, masked; none when revoked
}

func fromGate(c gate.Change) Change {
	out := Change{Kind: c.Kind, Seq: c.Seq, USCC: c.Subject, Item: c.Item, RecordID: c.Record.ID, Version: c.Record.Version,
		Provider: c.Record.Provider, Source: c.Record.SourceTime, Received: c.Record.ReceivedAt.UTC()}
	if c.Kind != gate.ChangeRevoked {
		out.Data = c.Record.Data
	}
	return out
}

// Page is one page of the change feed.
type Page struct {
	Changes []Change
	// Next resumes after this page; pass it as the next request's cursor.
	Next string
	// More is true when more changes were already waiting; false means
	// the feed is caught up for now (poll again later with Next).
	More bool
}
