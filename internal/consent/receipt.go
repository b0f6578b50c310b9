// SPDX-License-Identifier: Apache-2.0

package consent

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/xinrong/xinrong/internal/apperr"
)

// receiptHeader is the first line of every receipt body; a new layout
// gets a new version.
const receiptHeader = "xinrong consent receipt v1"

// receiptTime is the layout of times in a receipt: UTC, microseconds.
const receiptTime = "2006-01-02T15:04:05.000000Z"

// Receipt is what a signed consent receipt states: the terms of one
// authorization and its status when the node signed it.
type Receipt struct {
	ID               string
	Status           Status
	EnterpriseUSCC   string
	InstitutionOrgID string
	Scope            []string
	Purpose          Purpose
	PurposeText      string
	Mode             Mode
	ValidFrom        time.Time
	ValidUntil       time.Time
	IssuedAt         time.Time
}

// receiptFields are the body's keys, in their fixed order.
var receiptFields = []string{"id", "status", "enterprise", "institution", "scope", "purpose", "purpose_text", "mode", "valid_from", "valid_until", "issued_at"}

// receiptOf returns the receipt of a as it stands at issuedAt.
func receiptOf(a Authorization, issuedAt time.Time) Receipt {
	return Receipt{ID: a.ID, Status: a.Status, EnterpriseUSCC: a.EnterpriseUSCC, InstitutionOrgID: a.InstitutionOrgID,
		Scope: a.Scope, Purpose: a.Purpose, PurposeText: a.PurposeText, Mode: a.Mode,
		ValidFrom: a.ValidFrom, ValidUntil: a.ValidUntil, IssuedAt: issuedAt}
}

// Body returns the canonical text that is signed: one "key: value" line
// per field in a fixed order, times in UTC to the microsecond.
func (r Receipt) Body() string {
	vals := []string{r.ID, string(r.Status), r.EnterpriseUSCC, r.InstitutionOrgID, strings.Join(r.Scope, " "),
		string(r.Purpose), r.PurposeText, string(r.Mode), r.ValidFrom.UTC().Format(receiptTime),
		r.ValidUntil.UTC().Format(receiptTime), r.IssuedAt.UTC().Format(receiptTime)}
	var b strings.Builder
	b.WriteString(receiptHeader + "\n")
	for i, k := range receiptFields {
		b.WriteString(k + ": " + vals[i] + "\n")
	}
	return b.String()
}

// ParseReceiptBody reads a body written by Body. It checks the layout,
// not any signature. Returns apperr.Invalid.
func ParseReceiptBody(body string) (Receipt, error) {
	lines := strings.Split(body, "\n")
	if len(lines) != len(receiptFields)+2 || lines[0] != receiptHeader || lines[len(lines)-1] != "" {
		return Receipt{}, apperr.Invalidf("consent: receipt body is not a %s", receiptHeader)
	}
	v := make([]string, len(receiptFields))
	for i, k := range receiptFields {
		val, ok := strings.CutPrefix(lines[i+1], k+": ")
		if !ok {
			return Receipt{}, apperr.Invalidf("consent: receipt line %d is not %q", i+2, k)
		}
		v[i] = val
	}
	r := Receipt{ID: v[0], Status: Status(v[1]), EnterpriseUSCC: v[2], InstitutionOrgID: v[3],
		Purpose: Purpose(v[5]), PurposeText: v[6], Mode: Mode(v[7])}
	if v[4] != "" {
		r.Scope = strings.Split(v[4], " ")
	}
	for i, dst := range []*time.Time{&r.ValidFrom, &r.ValidUntil, &r.IssuedAt} {
		t, err := time.Parse(receiptTime, v[8+i])
		if err != nil {
			return Receipt{}, apperr.Invalidf("consent: receipt %s %q is not a time", receiptFields[8+i], v[8+i])
		}
		*dst = t
	}
	if r.ID == "" || !r.Status.Valid() || !r.Purpose.Valid() || !r.Mode.Valid() {
		return Receipt{}, apperr.Invalidf("consent: receipt has an empty id or an unknown status, purpose or mode")
	}
	return r, nil
}

// signReceipt returns the signed note of r.
func signReceipt(r Receipt, signer note.Signer) (string, error) {
	msg, err := note.Sign(&note.Note{Text: r.Body()}, signer)
	if err != nil {
		return "", fmt.Errorf("consent: sign receipt %s: %w", r.ID, err)
	}
	return string(msg), nil
}

// ErrBadReceipt is returned by Verify for a receipt whose signature does
// not check: altered, signed by another key, or not a signed note.
var ErrBadReceipt = errors.New("consent: receipt signature does not verify")

// Verify checks a signed receipt against the node's verifier key
// ("name+hash+key", as VerifierKey returns) and returns what it states.
// It needs nothing but the two arguments, so anyone can check a receipt
// offline. An error wraps ErrBadReceipt, or is apperr.Invalid for a bad key.
func Verify(receipt []byte, verifierKey string) (Receipt, error) {
	v, err := note.NewVerifier(strings.TrimSpace(verifierKey))
	if err != nil {
		return Receipt{}, apperr.E(apperr.Invalid, "consent: verifier key is malformed", err)
	}
	n, err := note.Open(bytes.TrimLeft(receipt, "\r\n\t "), note.VerifierList(v))
	if err != nil {
		return Receipt{}, fmt.Errorf("%w: %v", ErrBadReceipt, err)
	}
	return ParseReceiptBody(n.Text)
}
