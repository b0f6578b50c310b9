// SPDX-License-Identifier: Apache-2.0

package access

import (
	"context"
	"crypto/rand"
	"crypto/subtle"
	"fmt"
	"runtime"

	"golang.org/x/crypto/argon2"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Hasher hashes and verifies passwords and client secrets with argon2id.
// Each hash takes tens of milliseconds and 19 MiB, so a semaphore bounds
// how many run at once: a burst of sign-ins (or an attack) queues instead
// of exhausting memory and starving every other request of the CPU.
type Hasher struct {
	params PasswordParams
	sem    chan struct{}
}

// NewHasher returns a Hasher using p that runs at most concurrency hashes
// at a time (GOMAXPROCS if concurrency < 1).
func NewHasher(p PasswordParams, concurrency int) *Hasher {
	if concurrency < 1 {
		concurrency = runtime.GOMAXPROCS(0)
	}
	return &Hasher{params: p, sem: make(chan struct{}, concurrency)}
}

// Params returns the parameters new hashes are made with.
func (h *Hasher) Params() PasswordParams { return h.params }

func (h *Hasher) acquire(ctx context.Context) error {
	select {
	case h.sem <- struct{}{}:
		return nil
	case <-ctx.Done():
		return apperr.E(apperr.Unavailable, "服务繁忙，请稍后再试 / busy, try again later", ctx.Err())
	}
}

func (h *Hasher) release() { <-h.sem }

// Hash returns the PHC string of secret with a fresh random salt.
func (h *Hasher) Hash(ctx context.Context, secret string) (string, error) {
	salt := make([]byte, h.params.SaltLen)
	if _, err := rand.Read(salt); err != nil {
		return "", fmt.Errorf("access: salt: %w", err)
	}
	if err := h.acquire(ctx); err != nil {
		return "", err
	}
	defer h.release()
	p := h.params
	key := argon2.IDKey([]byte(secret), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	return PHC{Params: p, Salt: salt, Key: key}.String(), nil
}

// Verify reports whether secret matches the PHC string phc, comparing in
// constant time. It uses the parameters stored in phc, so hashes made with
// older parameters keep working (see NeedsRehash). A malformed phc is an
// error, not a mismatch.
func (h *Hasher) Verify(ctx context.Context, secret, phc string) (bool, error) {
	stored, err := ParsePHC(phc)
	if err != nil {
		return false, err
	}
	if err := h.acquire(ctx); err != nil {
		return false, err
	}
	defer h.release()
	p := stored.Params
	key := argon2.IDKey([]byte(secret), stored.Salt, p.Time, p.Memory, p.Threads, uint32(len(stored.Key)))
	return subtle.ConstantTimeCompare(key, stored.Key) == 1, nil
}

// NeedsRehash reports whether phc was made with other parameters than the
// Hasher's, so that a successful sign-in can upgrade it.
func (h *Hasher) NeedsRehash(phc string) bool {
	stored, err := ParsePHC(phc)
	return err != nil || stored.Params != h.params
}
