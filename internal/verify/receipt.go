// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"bytes"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/notekey"
)

// signingKey is the node's own Ed25519 signed-note key for verification
// receipts, apart from the consent and audit keys. The three names are
// part of the storage format.
var signingKey = notekey.Key{Signer: "verify.signer", Verifier: "verify.verifier",
	Label: "xinrong verification signing key v1"}

// receiptHeader is the first line of every receipt body; a new layout
// gets a new version.
const receiptHeader = "xinrong verification receipt v1"

// receiptTime is the layout of times in a receipt: UTC, microseconds.
const receiptTime = "2006-01-02T15:04:05.000000Z"

// Receipt is what a signed verification receipt states: which question
// was asked about which enterprise, by whom, and the answer as of when.
// It names the parameters only by their hash, and carries no value.
type Receipt struct {
	ID          string
	Template    string
	ParamsHash  string
	Enterprise  string // unified social credit code
	Institution string // the asking organization's ID
	Purpose     string
	Result      bool
	AsOf        time.Time
	AuditIndex  int64
}

var receiptFields = []string{"id", "template", "params_hash", "enterprise", "institution", "purpose", "result", "as_of", "audit_index"}

// Body returns the canonical text that is signed.
func (r Receipt) Body() string {
	vals := []string{r.ID, r.Template, r.ParamsHash, r.Enterprise, r.Institution, r.Purpose, resultWord(r.Result),
		r.AsOf.UTC().Format(receiptTime), strconv.FormatInt(r.AuditIndex, 10)}
	var b strings.Builder
	b.WriteString(receiptHeader + "\n")
	for i, k := range receiptFields {
		b.WriteString(k + ": " + vals[i] + "\n")
	}
	return b.String()
}

func resultWord(yes bool) string {
	if yes {
		return "yes"
	}
	return "no"
}

// ParseReceiptBody reads a body written by Body. It checks the layout,
// not any signature. Returns apperr.Invalid.
func ParseReceiptBody(body string) (Receipt, error) {
	lines := strings.Split(body, "\n")
	if len(lines) != len(receiptFields)+2 || lines[0] != receiptHeader || lines[len(lines)-1] != "" {
		return Receipt{}, apperr.Invalidf("verify: receipt body is not a %s", receiptHeader)
	}
	v := make([]string, len(receiptFields))
	for i, k := range receiptFields {
		val, ok := strings.CutPrefix(lines[i+1], k+": ")
		if !ok {
			return Receipt{}, apperr.Invalidf("verify: receipt line %d is not %q", i+2, k)
		}
		v[i] = val
	}
	r := Receipt{ID: v[0], Template: v[1], ParamsHash: v[2], Enterprise: v[3], Institution: v[4], Purpose: v[5]}
	switch v[6] {
	case "yes":
		r.Result = true
	case "no":
	default:
		return Receipt{}, apperr.Invalidf("verify: receipt result %q is neither yes nor no", v[6])
	}
	t, err := time.Parse(receiptTime, v[7])
	if err != nil {
		return Receipt{}, apperr.Invalidf("verify: receipt as_of %q is not a time", v[7])
	}
	r.AsOf = t
	if r.AuditIndex, err = strconv.ParseInt(v[8], 10, 64); err != nil {
		return Receipt{}, apperr.Invalidf("verify: receipt audit_index %q is not a number", v[8])
	}
	if r.ID == "" || r.Template == "" {
		return Receipt{}, apperr.Invalidf("verify: receipt has an empty id or template")
	}
	return r, nil
}

// sign returns the signed note of r.
func sign(r Receipt, signer note.Signer) (string, error) {
	msg, err := note.Sign(&note.Note{Text: r.Body()}, signer)
	if err != nil {
		return "", fmt.Errorf("verify: sign receipt %s: %w", r.ID, err)
	}
	return string(msg), nil
}

// ErrBadReceipt is returned by VerifyReceipt for a receipt whose signature
// does not check: altered, signed by another key, or not a signed note.
var ErrBadReceipt = errors.New("verify: receipt signature does not verify")

// VerifyReceipt checks a signed receipt against the node's verifier key
// ("name+hash+key") and returns what it states. It needs nothing but its
// two arguments, so a bank or an examiner can check a receipt offline. An
// error wraps ErrBadReceipt, or is apperr.Invalid for a bad key or body.
func VerifyReceipt(receipt []byte, verifierKey string) (Receipt, error) {
	v, err := note.NewVerifier(strings.TrimSpace(verifierKey))
	if err != nil {
		return Receipt{}, apperr.E(apperr.Invalid, "verify: verifier key is malformed", err)
	}
	n, err := note.Open(bytes.TrimLeft(receipt, "\r\n\t "), note.VerifierList(v))
	if err != nil {
		return Receipt{}, fmt.Errorf("%w: %v", ErrBadReceipt, err)
	}
	return ParseReceiptBody(n.Text)
}
