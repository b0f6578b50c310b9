// SPDX-License-Identifier: Apache-2.0

package apperr

import (
	"errors"
	"fmt"
	"testing"
)

func TestCodeOf(t *testing.T) {
	wrapped := fmt.Errorf("store: find: %w", NotFoundf("enterprise %s not found", "X"))
	if got, want := CodeOf(wrapped), NotFound; got != want {
		t.Fatalf("CodeOf=%v, want %v", got, want)
	}
	if got, want := Message(wrapped), "enterprise X not found"; got != want {
		t.Fatalf("Message=%q, want %q", got, want)
	}
	if got, want := CodeOf(errors.New("boom")), Internal; got != want {
		t.Fatalf("CodeOf=%v, want %v", got, want)
	}
	if got, want := Message(errors.New("secret detail")), "internal error"; got != want {
		t.Fatalf("Message=%q, want %q", got, want)
	}
	if CodeOf(nil) != "" {
		t.Fatal("nil error must have no code")
	}
}
