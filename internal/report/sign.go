// SPDX-License-Identifier: Apache-2.0

package report

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"golang.org/x/mod/sumdb/note"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/notekey"
)

// signingKey is the node's report key, separate from the audit and consent
// keys so that each can be rotated or published on its own.
var signingKey = notekey.Key{Signer: "report.signer", Verifier: "report.verifier",
	Label: "xinrong report signing key v1"}

// ContentHash returns the hex SHA-256 of the report's canonical JSON with
// Hash, Signature and AuditIndex empty: the audit index is known only once
// the issue is logged, and the log entry holds the hash, not the reverse.
func ContentHash(r *Report) (string, error) {
	b, err := canonical(r)
	if err != nil {
		return "", err
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:]), nil
}

// canonical is the JSON the hash covers.
func canonical(r *Report) ([]byte, error) {
	c := *r
	c.Hash, c.Signature, c.AuditIndex, c.canon = "", "", 0, nil
	b, err := json.Marshal(&c)
	if err != nil {
		return nil, fmt.Errorf("report: hash: %w", err)
	}
	return b, nil
}

// JSON returns the report as encoding/json would, reusing the canonical
// bytes sign hashed: a report is marshalled once, not twice. Only
// AuditIndex may change between sign and JSON (Issue sets it after the
// commit); the result is byte for byte json.Marshal(r) (TestJSON_SameAsMarshal).
func (r *Report) JSON() ([]byte, error) {
	const zero = `"audit_index":0,`
	i := bytes.Index(r.canon, []byte(zero))
	if r.canon == nil || i < 0 || r.Hash == "" || r.Signature == "" {
		return json.Marshal(r)
	}
	hash, _ := json.Marshal(r.Hash)
	sig, _ := json.Marshal(r.Signature)
	out := make([]byte, 0, len(r.canon)+len(sig)+len(hash)+64)
	out = append(out, r.canon[:i]...)
	out = append(out, `"audit_index":`...)
	out = strconv.AppendInt(out, r.AuditIndex, 10)
	out = append(out, ',')
	out = append(out, r.canon[i+len(zero):len(r.canon)-1]...)
	out = append(out, `,"hash":`...)
	out = append(out, hash...)
	out = append(out, `,"signature":`...)
	out = append(out, sig...)
	return append(out, '}'), nil
}

// signedText is what the signature covers.
func signedText(number, hash string, issued time.Time) string {
	return "xinrong credit report v1\n" + number + "\n" + hash + "\n" + issued.UTC().Format(time.RFC3339Nano) + "\n"
}

// sign sets r.Hash and r.Signature.
func sign(r *Report, signer note.Signer) error {
	b, err := canonical(r)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(b)
	h := hex.EncodeToString(sum[:])
	r.canon = b
	msg, err := note.Sign(&note.Note{Text: signedText(r.Number, h, r.IssuedAt)}, signer)
	if err != nil {
		return fmt.Errorf("report: sign: %w", err)
	}
	r.Hash, r.Signature = h, string(msg)
	return nil
}

// VerifyJSON checks a report in its JSON form offline: the content hash is
// recomputed and the signature checked against the node's report verifier
// key. It returns the report, or apperr.Invalid saying what does not match.
func VerifyJSON(data []byte, verifierKey string) (*Report, error) {
	var r Report
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&r); err != nil {
		return nil, apperr.Invalidf("报告不是有效的 JSON / not a report in JSON: %v", err)
	}
	h, err := ContentHash(&r)
	if err != nil {
		return nil, err
	}
	if h != r.Hash {
		return nil, apperr.Invalidf("报告内容与哈希不符，已被改动 / the content does not match its hash: it was altered")
	}
	v, err := note.NewVerifier(verifierKey)
	if err != nil {
		return nil, apperr.Invalidf("验证密钥无效 / bad verifier key: %v", err)
	}
	n, err := note.Open([]byte(r.Signature), note.VerifierList(v))
	if err != nil {
		return nil, apperr.Invalidf("报告签名无效 / the signature does not verify: %v", err)
	}
	if n.Text != signedText(r.Number, r.Hash, r.IssuedAt) {
		return nil, apperr.Invalidf("签名与报告编号、哈希或出具时间不符 / the signature is for another report")
	}
	return &r, nil
}

// normHash lower-cases and trims a hash typed or pasted by a person.
func normHash(s string) string { return strings.ToLower(strings.TrimSpace(s)) }

func loadSigner(ctx context.Context, store Store, opt Options) (note.Signer, string, error) {
	return notekey.Load(ctx, store, opt.Secret, signingKey, opt.Origin)
}
