// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/xinrong/xinrong/internal/sqlstore/storetest"
)

// runCLI runs the real command line in-process and returns its exit status
// and output.
func runCLI(ctx context.Context, env map[string]string, args ...string) (int, string, string) {
	var out, errb syncBuffer
	e := Env{Stdin: strings.NewReader(""), Stdout: &out, Stderr: &errb,
		Lookup: func(k string) (string, bool) { v, ok := env[k]; return v, ok }}
	code := Run(ctx, append([]string{"xinrong"}, args...), e)
	return code, out.String(), errb.String()
}

// syncBuffer is a bytes.Buffer safe for a server goroutine and a test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

func waitReady(t *testing.T, addr string) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for time.Now().Before(deadline) {
		resp, err := http.Get("http://" + addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("server on %s never became ready", addr)
}

func TestBadInput_ExitsNonZero(t *testing.T) {
	ctx := context.Background()
	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"UnknownCommand", []string{"frobnicate"}, "unknown command"},
		{"BadDBURL", []string{"serve", "--db", "mysql://x/y"}, "db:"},
		{"UnreachableDB", []string{"serve", "--db", "postgres://127.0.0.1:1/x?connect_timeout=2"}, "cannot"},
		{"BadAddr", []string{"serve", "--addr", "nonsense", "--data", t.TempDir()}, "addr"},
		{"BadLogLevel", []string{"migrate", "--log-level", "loud", "--data", t.TempDir()}, "log_level"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := runCLI(ctx, nil, tc.args...)
			if code == 0 {
				t.Fatalf("exit 0, want non-zero; stderr=%s", stderr)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Fatalf("stderr %q does not mention %q", stderr, tc.want)
			}
		})
	}
}

func TestConfigDump_Redacts(t *testing.T) {
	env := map[string]string{"XINRONG_SECRET_KEY": strings.Repeat("z", 40), "XINRONG_DB": "postgres://u:pw123@h/db"}
	code, out, stderr := runCLI(context.Background(), env, "config", "dump")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if strings.Contains(out, "zzzz") || strings.Contains(out, "pw123") {
		t.Fatalf("config dump leaks a secret:\n%s", out)
	}
}

// Several serve processes may share one database: they start together,
// migrate under a lock and all become ready.
func TestServe_SharedDatabase(t *testing.T) {
	dsn := storetest.DSN(t)
	if storetest.Backend() == "sqlite" {
		dsn = filepath.Join(t.TempDir(), "shared.db")
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	dataDir := t.TempDir()
	env := map[string]string{"XINRONG_SECRET_KEY": strings.Repeat("s", 40)}
	var wg sync.WaitGroup
	addrs := []string{freeAddr(t), freeAddr(t), freeAddr(t)}
	codes := make([]int, len(addrs))
	for i, addr := range addrs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			codes[i], _, _ = runCLI(ctx, env, "serve", "--db", dsn, "--addr", addr, "--data", dataDir, "--log-level", "warn")
		}()
	}
	for _, addr := range addrs {
		waitReady(t, addr)
	}
	cancel()
	wg.Wait()
	for i, c := range codes {
		if c != 0 {
			t.Fatalf("serve %d exited %d", i, c)
		}
	}
	code, out, _ := runCLI(context.Background(), env, "migrate", "--db", dsn)
	if code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("migrate after serve: %d %q", code, out)
	}
}
