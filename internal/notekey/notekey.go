// SPDX-License-Identifier: Apache-2.0

// Package notekey keeps the node's Ed25519 signed-note keys (consent
// receipts, credit reports, verification answers): each is stored in
// node_settings sealed with AES-256-GCM under a key derived from the node
// secret, so that every process sharing the database signs with the same
// key and a database dump alone cannot forge a signature.
package notekey

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

// Key names one signing key: the settings that hold it and the label of
// the key that seals it. All three are part of the storage format.
type Key struct {
	Signer   string // setting holding the sealed signer key
	Verifier string // setting publishing the verifier key
	Label    string // HKDF label deriving the sealing key from the node secret
}

// Settings stores the sealed keys (node_settings).
type Settings interface {
	Setting(ctx context.Context, key string) (string, error)
	PutSettingIfAbsent(ctx context.Context, key, value string) (string, error)
}

type sealedKey struct {
	Signer   string `json:"skey"`
	Verifier string `json:"vkey"`
}

// Load returns the signer named by k and its verifier key, creating the
// key on first start under origin; concurrent first starts agree on the
// first stored.
func Load(ctx context.Context, store Settings, secret []byte, k Key, origin string) (note.Signer, string, error) {
	if len(secret) < 32 {
		return nil, "", errors.New("notekey: the node secret must be at least 32 bytes")
	}
	wrap, err := hkdf.Key(sha256.New, secret, nil, k.Label, 32)
	if err != nil {
		return nil, "", fmt.Errorf("notekey: derive key: %w", err)
	}
	g, err := newGCM(wrap)
	if err != nil {
		return nil, "", err
	}
	v, err := store.Setting(ctx, k.Signer)
	if apperr.Is(err, apperr.NotFound) {
		if origin == "" || strings.ContainsAny(origin, "+") || strings.IndexFunc(origin, unicode.IsSpace) >= 0 {
			return nil, "", apperr.Invalidf("notekey: origin %q must be non-empty, without spaces or '+'", origin)
		}
		skey, vkey, err := note.GenerateKey(rand.Reader, origin)
		if err != nil {
			return nil, "", fmt.Errorf("notekey: generate signing key: %w", err)
		}
		plain, _ := json.Marshal(sealedKey{Signer: skey, Verifier: vkey})
		nonce := make([]byte, g.NonceSize())
		if _, err := rand.Read(nonce); err != nil {
			return nil, "", fmt.Errorf("notekey: nonce: %w", err)
		}
		blob := g.Seal(nonce, nonce, plain, []byte(k.Signer))
		if v, err = store.PutSettingIfAbsent(ctx, k.Signer, base64.StdEncoding.EncodeToString(blob)); err != nil {
			return nil, "", fmt.Errorf("notekey: store signing key: %w", err)
		}
	} else if err != nil {
		return nil, "", fmt.Errorf("notekey: read signing key: %w", err)
	}
	blob, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(blob) < g.NonceSize() {
		return nil, "", errors.New("notekey: stored signing key is malformed")
	}
	plain, err := g.Open(nil, blob[:g.NonceSize()], blob[g.NonceSize():], []byte(k.Signer))
	if err != nil {
		return nil, "", errors.New("notekey: the stored signing key does not open with this node secret; every process sharing the database needs the same secret_key")
	}
	var sk sealedKey
	if err := json.Unmarshal(plain, &sk); err != nil {
		return nil, "", fmt.Errorf("notekey: stored signing key: %w", err)
	}
	signer, err := note.NewSigner(sk.Signer)
	if err != nil {
		return nil, "", fmt.Errorf("notekey: stored signing key: %w", err)
	}
	if _, err := store.PutSettingIfAbsent(ctx, k.Verifier, sk.Verifier); err != nil {
		return nil, "", fmt.Errorf("notekey: store verifier key: %w", err)
	}
	return signer, sk.Verifier, nil
}

func newGCM(key []byte) (cipher.AEAD, error) {
	c, err := aes.NewCipher(key)
	if err != nil {
		return nil, fmt.Errorf("notekey: cipher: %w", err)
	}
	return cipher.NewGCM(c)
}
