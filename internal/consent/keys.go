// SPDX-License-Identifier: Apache-2.0

package consent

import (
	"context"
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"golang.org/x/mod/sumdb/note"

	"github.com/xinrong/xinrong/internal/apperr"
)

// The receipt signing key is the node's own Ed25519 signed-note key for
// consent receipts, separate from the audit checkpoint key (the audit
// package does not lend its signer): stored in node_settings sealed with
// AES-256-GCM under a key derived from the node secret, as the audit key
// is, so every process sharing the database signs with the same key and a
// database dump alone cannot forge receipts.
const (
	settingSigner   = "consent.signer"
	settingVerifier = "consent.verifier"
	labelWrap       = "xinrong consent signing key v1" // part of the storage format
)

type sealedKey struct {
	Signer   string `json:"skey"`
	Verifier string `json:"vkey"`
}

// loadSigner returns the receipt signer and its verifier key, creating the
// key on first start; concurrent first starts agree on the first stored.
func loadSigner(ctx context.Context, store Store, secret []byte, origin string) (note.Signer, string, error) {
	if len(secret) < 32 {
		return nil, "", errors.New("consent: the node secret must be at least 32 bytes")
	}
	wrap, err := hkdf.Key(sha256.New, secret, nil, labelWrap, 32)
	if err != nil {
		return nil, "", fmt.Errorf("consent: derive key: %w", err)
	}
	g, err := newGCM(wrap)
	if err != nil {
		return nil, "", err
	}
	v, err := store.Setting(ctx, settingSigner)
	if apperr.Is(err, apperr.NotFound) {
		if origin == "" || strings.ContainsAny(origin, "+") || strings.IndexFunc(origin, unicode.IsSpace) >= 0 {
			return nil, "", apperr.Invalidf("consent: origin %q must be non-empty, without spaces or '+'", origin)
		}
		skey, vkey, err := note.GenerateKey(rand.Reader, origin)
		if err != nil {
			return nil, "", fmt.Errorf("consent: generate signing key: %w", err)
		}
		plain, _ := json.Marshal(sealedKey{Signer: skey, Verifier: vkey})
		nonce := make([]byte, g.NonceSize())
		if _, err := rand.Read(nonce); err != nil {
			return nil, "", fmt.Errorf("consent: nonce: %w", err)
		}
		blob := g.Seal(nonce, nonce, plain, []byte(settingSigner))
		if v, err = store.PutSettingIfAbsent(ctx, settingSigner, base64.StdEncoding.EncodeToString(blob)); err != nil {
			return nil, "", fmt.Errorf("consent: store signing key: %w", err)
		}
	} else if err != nil {
		return nil, "", fmt.Errorf("consent: read signing key: %w", err)
	}
	blob, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(blob) < g.NonceSize() {
		return nil, "", errors.New("consent: stored signing key is malformed")
	}
	plain, err := g.Open(nil, blob[:g.NonceSize()], blob[g.NonceSize():], []byte(settingSigner))
	if err != nil {
		return nil, "", errors.New("consent: the stored signing key does not open with this node secret; every process sharing the database needs the same secret_key")
	}
	var sk sealedKey
	if err := json.Unmarshal(plain, &sk); err != nil {
		return nil, "", fmt.Errorf("consent: stored signing key: %w", err)
	}
	signer, err := note.NewSigner(sk.Signer)
	if err != nil {
		return nil, "", fmt.Errorf("consent: stored signing key: %w", err)
	}
	if _, err := store.PutSettingIfAbsent(ctx, settingVerifier, sk.Verifier); err != nil {
		return nil, "", fmt.Errorf("consent: store verifier key: %w", err)
	}
	return signer, sk.Verifier, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	c, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("consent: cipher: %w", err)
	}
	return cipher.NewGCM(c)
}
