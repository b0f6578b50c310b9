// SPDX-License-Identifier: Apache-2.0

package ingest_test

import (
	"testing"

	"github.com/xinrong/xinrong/internal/subject"
)

// mustMake returns a valid code in 640104 with the given organization base.
func mustMake(t testing.TB, orgBase string) string {
	t.Helper()
	c, err := subject.Make('9', '1', "640104", orgBase)
	if err != nil {
		t.Fatal(err)
	}
	return c
}
