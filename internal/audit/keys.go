// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/rand"
	"crypto/sha256"
	"errors"
	"fmt"
)

// keys are the audit log's secrets, each derived from the node secret with
// HKDF-SHA256 under its own label, so that one leaked derived key reveals
// nothing about the others or the node secret.
type keys struct {
	subject [32]byte // HMAC key for enterprise codes in leaves
	details [32]byte // HMAC key for the details digest in leaves
	body    [32]byte // AES-256-GCM key for readable event bodies
	wrap    [32]byte // AES-256-GCM key for the stored signing key
}

// The HKDF labels. Changing one makes every stored body unreadable and every
// subject hash different: they are part of the storage format.
const (
	labelSubject = "xinrong audit subject v1"
	labelDetails = "xinrong audit details v1"
	labelBody    = "xinrong audit body v1"
	labelWrap    = "xinrong audit signing key v1"
)

// deriveKeys derives the audit keys from the node secret.
func deriveKeys(secret []byte) (*keys, error) {
	if len(secret) < 32 {
		return nil, errors.New("audit: the node secret must be at least 32 bytes")
	}
	k := &keys{}
	for _, d := range []struct {
		dst   *[32]byte
		label string
	}{{&k.subject, labelSubject}, {&k.details, labelDetails}, {&k.body, labelBody}, {&k.wrap, labelWrap}} {
		b, err := hkdf.Key(sha256.New, secret, nil, d.label, 32)
		if err != nil {
			return nil, fmt.Errorf("audit: derive key: %w", err)
		}
		copy(d.dst[:], b)
	}
	return k, nil
}

// sealVersion is the first byte of every sealed blob.
const sealVersion = 1

// seal encrypts plain with AES-256-GCM under key, binding it to ad: the
// result is version byte || 12-byte random nonce || ciphertext and tag.
func seal(key *[32]byte, plain, ad []byte) ([]byte, error) {
	g, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	out := make([]byte, 1+g.NonceSize(), 1+g.NonceSize()+len(plain)+g.Overhead())
	out[0] = sealVersion
	if _, err := rand.Read(out[1:]); err != nil {
		return nil, fmt.Errorf("audit: nonce: %w", err)
	}
	return g.Seal(out, out[1:], plain, ad), nil
}

// errOpen is returned for a blob that does not decrypt: wrong node secret,
// or a blob altered or moved to another row.
var errOpen = errors.New("audit: sealed data does not open with this node's key (altered, moved, or another secret)")

// open reverses seal.
func open(key *[32]byte, blob, ad []byte) ([]byte, error) {
	g, err := newGCM(key)
	if err != nil {
		return nil, err
	}
	if len(blob) < 1+g.NonceSize()+g.Overhead() || blob[0] != sealVersion {
		return nil, errOpen
	}
	n := 1 + g.NonceSize()
	plain, err := g.Open(nil, blob[1:n], blob[n:], ad)
	if err != nil {
		return nil, errOpen
	}
	return plain, nil
}

func newGCM(key *[32]byte) (cipher.AEAD, error) {
	c, err := aes.NewCipher(key[:])
	if err != nil {
		return nil, fmt.Errorf("audit: cipher: %w", err)
	}
	return cipher.NewGCM(c)
}
