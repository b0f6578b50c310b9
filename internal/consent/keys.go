// SPDX-License-Identifier: Apache-2.0

package consent

import (
	"context"

	"golang.org/x/mod/sumdb/note"

	"github.com/xinrong/xinrong/internal/notekey"
)

// The receipt signing key is the node's own Ed25519 signed-note key for
// consent receipts, separate from the audit checkpoint key (the audit
// package does not lend its signer).
var receiptKey = notekey.Key{Signer: "consent.signer", Verifier: "consent.verifier",
	Label: "xinrong consent signing key v1"}

func loadSigner(ctx context.Context, store Store, secret []byte, origin string) (note.Signer, string, error) {
	return notekey.Load(ctx, store, secret, receiptKey, origin)
}
