// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"io"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// The README's first command: a demo node that collects a generated
// province through the real paths and prints one account per kind.
func TestDemo_StartsAndServes(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	addr := freeAddr(t)
	data := filepath.Join(t.TempDir(), "demo")
	var out syncBuffer
	e := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: io.Discard,
		Lookup: func(string) (string, bool) { return "", false }}
	var wg sync.WaitGroup
	var code int
	wg.Add(1)
	go func() {
		defer wg.Done()
		code = Run(ctx, []string{"xinrong", "demo", "--data", data, "--addr", addr, "--enterprises", "300", "--log-level", "warn"}, e)
	}()
	deadline := time.Now().Add(2 * time.Minute)
	for !strings.Contains(out.String(), "Ctrl-C") {
		if time.Now().After(deadline) {
			t.Fatalf("demo did not start:\n%s", out.String())
		}
		time.Sleep(50 * time.Millisecond)
	}
	waitReady(t, addr)
	resp, err := http.Get("http://" + addr + "/login")
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(string(body), "csrf_token") {
		t.Fatalf("login page: %d", resp.StatusCode)
	}
	for _, u := range []string{"operator", "provider", "bank", "enterprise", "regulator"} {
		if !strings.Contains(out.String(), "  "+u+" ") {
			t.Fatalf("account %s not printed:\n%s", u, out.String())
		}
	}
	cancel()
	wg.Wait()
	if code != 0 {
		t.Fatalf("demo exited %d", code)
	}
}
