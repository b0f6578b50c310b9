// SPDX-License-Identifier: Apache-2.0

package audit

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/mod/sumdb/note"
	"golang.org/x/mod/sumdb/tlog"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Node settings that hold the signing key: the private key sealed with a
// key derived from the node secret, and the public verifier key in clear.
const (
	settingSigner   = "audit.signer"
	settingVerifier = "audit.verifier"
)

// sealedKey is the plaintext of the audit.signer setting.
type sealedKey struct {
	Signer   string `json:"skey"`
	Verifier string `json:"vkey"`
}

// loadSigner returns the node's checkpoint signer, creating the key on
// first start. Several processes starting together each generate a key,
// but only the first stored one is kept and all of them use it.
func loadSigner(ctx context.Context, store Store, k *keys, origin string) (note.Signer, string, error) {
	v, err := store.Setting(ctx, settingSigner)
	if apperr.Is(err, apperr.NotFound) {
		if origin == "" || strings.ContainsAny(origin, "+") || strings.IndexFunc(origin, unicode.IsSpace) >= 0 {
			return nil, "", apperr.Invalidf("audit: origin %q must be non-empty, without spaces or '+'", origin)
		}
		skey, vkey, err := note.GenerateKey(rand.Reader, origin)
		if err != nil {
			return nil, "", fmt.Errorf("audit: generate signing key: %w", err)
		}
		plain, _ := json.Marshal(sealedKey{Signer: skey, Verifier: vkey})
		blob, err := seal(&k.wrap, plain, []byte(settingSigner))
		if err != nil {
			return nil, "", err
		}
		v, err = store.PutSettingIfAbsent(ctx, settingSigner, base64.StdEncoding.EncodeToString(blob))
		if err != nil {
			return nil, "", fmt.Errorf("audit: store signing key: %w", err)
		}
	} else if err != nil {
		return nil, "", fmt.Errorf("audit: read signing key: %w", err)
	}
	blob, err := base64.StdEncoding.DecodeString(v)
	if err != nil {
		return nil, "", fmt.Errorf("audit: stored signing key is not base64: %w", err)
	}
	plain, err := open(&k.wrap, blob, []byte(settingSigner))
	if err != nil {
		return nil, "", fmt.Errorf("audit: the stored signing key does not open with this node secret; every process sharing the database needs the same secret_key: %w", err)
	}
	var sk sealedKey
	if err := json.Unmarshal(plain, &sk); err != nil {
		return nil, "", fmt.Errorf("audit: stored signing key: %w", err)
	}
	signer, err := note.NewSigner(sk.Signer)
	if err != nil {
		return nil, "", fmt.Errorf("audit: stored signing key: %w", err)
	}
	if _, err := store.PutSettingIfAbsent(ctx, settingVerifier, sk.Verifier); err != nil {
		return nil, "", fmt.Errorf("audit: store verifier key: %w", err)
	}
	return signer, sk.Verifier, nil
}

// PublishCheckpoint signs the current tree head if the log grew since the
// last checkpoint (or none exists yet), after checking that the new tree
// is consistent with the last checkpoint: a node whose stored hashes were
// altered refuses to sign. It is the job the scheduler runs; it is safe to
// run in several processes at once.
func (s *Service) PublishCheckpoint(ctx context.Context) error {
	n, err := s.store.AuditTreeSize(ctx)
	if err != nil {
		return err
	}
	last, err := s.store.LatestAuditCheckpoint(ctx)
	if err != nil && !apperr.Is(err, apperr.NotFound) {
		return err
	}
	exists := err == nil
	if exists && last.Size >= n {
		return nil
	}
	r := s.hashes(ctx)
	root, err := tlog.TreeHash(n, r)
	if err != nil {
		return fmt.Errorf("audit: checkpoint: root of %d: %w", n, err)
	}
	if exists {
		p, err := proveTree(n, last.Size, r)
		if err == nil {
			err = checkTree(p, n, root, last.Size, last.Root)
		}
		if err != nil {
			return apperr.E(apperr.Internal, fmt.Sprintf("audit: the log at %d leaves is not consistent with its checkpoint at %d; not signing (run xinrong audit verify)", n, last.Size), err)
		}
	}
	text := FormatCheckpoint(s.Origin(), n, root)
	signed, err := note.Sign(&note.Note{Text: string(text)}, s.signer)
	if err != nil {
		return fmt.Errorf("audit: sign checkpoint: %w", err)
	}
	return s.store.CreateAuditCheckpoint(ctx, Checkpoint{Size: n, Root: root, Note: signed, CreatedAt: s.now().UTC()})
}

// FormatCheckpoint returns the body of a C2SP checkpoint: the origin, the
// tree size in decimal and the root hash in standard base64, one per line.
func FormatCheckpoint(origin string, size int64, root tlog.Hash) []byte {
	return fmt.Appendf(nil, "%s\n%d\n%s\n", origin, size, root)
}

// ParseCheckpoint parses the body of a C2SP checkpoint. Extension lines
// after the root hash are allowed and ignored.
func ParseCheckpoint(text []byte) (origin string, size int64, root tlog.Hash, err error) {
	bad := errors.New("audit: malformed checkpoint")
	if len(text) > 1<<16 || !bytes.HasSuffix(text, []byte("\n")) {
		return "", 0, root, bad
	}
	lines := strings.SplitN(string(text), "\n", 4)
	if len(lines) < 4 || lines[0] == "" {
		return "", 0, root, bad
	}
	size, err = strconv.ParseInt(lines[1], 10, 64)
	if err != nil || size < 0 || lines[1] != strconv.FormatInt(size, 10) {
		return "", 0, root, bad
	}
	h, err := base64.StdEncoding.Strict().DecodeString(lines[2])
	if err != nil || len(h) != tlog.HashSize {
		return "", 0, root, bad
	}
	copy(root[:], h)
	return lines[0], size, root, nil
}

// OpenCheckpoint verifies a signed checkpoint with the verifier key and
// returns its size and root. The origin must be the key's name.
func OpenCheckpoint(signed []byte, vkey string) (size int64, root tlog.Hash, err error) {
	v, err := note.NewVerifier(vkey)
	if err != nil {
		return 0, root, fmt.Errorf("audit: verifier key: %w", err)
	}
	n, err := note.Open(signed, note.VerifierList(v))
	if err != nil {
		return 0, root, fmt.Errorf("audit: checkpoint signature: %w", err)
	}
	origin, size, root, err := ParseCheckpoint([]byte(n.Text))
	if err != nil {
		return 0, root, err
	}
	if origin != v.Name() {
		return 0, root, fmt.Errorf("audit: checkpoint origin %q is not the key's name %q", origin, v.Name())
	}
	return size, root, nil
}
