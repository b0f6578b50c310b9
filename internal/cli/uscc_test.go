// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"context"
	"strings"
	"testing"
)

func TestUSCC(t *testing.T) {
	ctx := context.Background()
	code, out, stderr := runCLI(ctx, nil, "uscc", "914403001922038216", "91440300192181490G", "9144030071526726XG")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, stderr)
	}
	if got := strings.Count(out, "\tvalid\t"); got != 3 {
		t.Fatalf("want 3 valid lines, got:\n%s", out)
	}
	if !strings.Contains(out, "深圳市") {
		t.Fatalf("verdict does not name the region:\n%s", out)
	}

	code, out, _ = runCLI(ctx, nil, "uscc", "914403001922038216", "914403001922038217", " 9144-0300-1922-0382-16 ")
	if code != 1 {
		t.Fatalf("exit %d, want 1 when a code is invalid", code)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if len(lines) != 3 {
		t.Fatalf("want one line per code, got %q", out)
	}
	if !strings.Contains(lines[1], "\tinvalid\t") || !strings.Contains(lines[1], "应为 6，实为 7") || !strings.Contains(lines[1], "should be '6' but is '7'") {
		t.Fatalf("invalid verdict does not say which check character and what it should be: %q", lines[1])
	}
	if !strings.HasPrefix(lines[2], "914403001922038216\tvalid") {
		t.Fatalf("input was not normalized: %q", lines[2])
	}
}

func TestUSCC_Pilot(t *testing.T) {
	ctx := context.Background()
	code, out, _ := runCLI(ctx, nil, "uscc", "91350100M0001TGQXM")
	if code != 1 || !strings.Contains(out, "试点") {
		t.Fatalf("strict mode: exit %d, %q", code, out)
	}
	code, out, _ = runCLI(ctx, nil, "uscc", "--accept-pilot", "91350100M0001TGQXM")
	if code != 0 || !strings.Contains(out, "warning") {
		t.Fatalf("import mode: exit %d, %q", code, out)
	}
}

func TestUSCC_Stdin(t *testing.T) {
	var out syncBuffer
	e := Env{Stdin: strings.NewReader("914403001922038216\n\n91440300192181490G\n"), Stdout: &out, Stderr: &out,
		Lookup: func(string) (string, bool) { return "", false }}
	if code := Run(context.Background(), []string{"xinrong", "uscc", "--json"}, e); code != 0 {
		t.Fatalf("exit %d: %s", code, out.String())
	}
	if got := strings.Count(out.String(), `"valid":true`); got != 2 {
		t.Fatalf("want 2 JSON verdicts, got %s", out.String())
	}
}
