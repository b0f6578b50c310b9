// SPDX-License-Identifier: Apache-2.0

package access

import (
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// PasswordParams are the argon2id cost parameters.
type PasswordParams struct {
	Time    uint32 // iterations (t)
	Memory  uint32 // KiB (m)
	Threads uint8  // lanes (p)
	SaltLen uint32 // bytes
	KeyLen  uint32 // bytes
}

// DefaultPasswordParams follow the OWASP Password Storage Cheat Sheet's
// argon2id option m=19 MiB, t=2, p=1: 15–45 ms per hash on a server core
// (BenchmarkHasher_Verify), slow for an attacker with a stolen table and
// still cheap enough for sign-in.
var DefaultPasswordParams = PasswordParams{Time: 2, Memory: 19 * 1024, Threads: 1, SaltLen: 16, KeyLen: 32}

// Limits a stored hash must respect to be verified at all, so that a
// tampered row cannot make the node spend a gigabyte or a minute on one
// verification.
const (
	maxPHCMemory  = 256 * 1024 // KiB
	maxPHCTime    = 16
	maxPHCThreads = 16
)

// PHC is a parsed argon2id hash in the PHC string format:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<key>, salt and key in unpadded
// standard base64.
type PHC struct {
	Params PasswordParams // SaltLen and KeyLen are those of Salt and Key
	Salt   []byte
	Key    []byte
}

var b64 = base64.RawStdEncoding.Strict()

// String formats h in the PHC string format.
func (h PHC) String() string {
	return fmt.Sprintf("$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s",
		h.Params.Memory, h.Params.Time, h.Params.Threads, b64.EncodeToString(h.Salt), b64.EncodeToString(h.Key))
}

var errPHC = errors.New("access: not an argon2id PHC string")

// ParsePHC parses an argon2id PHC string, refusing other algorithms and
// versions, and parameters outside the limits above.
func ParsePHC(s string) (PHC, error) {
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" || parts[2] != "v=19" {
		return PHC{}, errPHC
	}
	var h PHC
	seen := 0
	for _, kv := range strings.Split(parts[3], ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok || v == "" || v[0] == '+' {
			return PHC{}, errPHC
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return PHC{}, errPHC
		}
		switch {
		case k == "m" && seen == 0 && n >= 8 && n <= maxPHCMemory:
			h.Params.Memory = uint32(n)
		case k == "t" && seen == 1 && n >= 1 && n <= maxPHCTime:
			h.Params.Time = uint32(n)
		case k == "p" && seen == 2 && n >= 1 && n <= maxPHCThreads:
			h.Params.Threads = uint8(n)
		default:
			return PHC{}, errPHC
		}
		seen++
	}
	if seen != 3 || h.Params.Memory < 8*uint32(h.Params.Threads) {
		return PHC{}, errPHC
	}
	var err error
	if h.Salt, err = b64.DecodeString(parts[4]); err != nil || len(h.Salt) < 8 || len(h.Salt) > 64 {
		return PHC{}, errPHC
	}
	if h.Key, err = b64.DecodeString(parts[5]); err != nil || len(h.Key) < 16 || len(h.Key) > 64 {
		return PHC{}, errPHC
	}
	h.Params.SaltLen, h.Params.KeyLen = uint32(len(h.Salt)), uint32(len(h.Key))
	return h, nil
}
