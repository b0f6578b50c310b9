// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"net/http"
	"os"
	"strings"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
	"github.com/xinrong/xinrong/internal/verify/psi"
)

const psiUsage = `usage: xinrong psi --url URL --client-id ID --client-secret-file F --list NAME FILE
       xinrong psi lists --url URL --client-id ID --client-secret-file F

Matches the unified social credit codes in FILE (one per line) against a
platform list by private set intersection: the node never sees the codes,
only which of them are on the list comes back. Prints the matches, one per
line; progress and a summary go to standard error.`

// runPSI is the institution's side of list matching (名单比对).
func runPSI(ctx context.Context, env Env, args []string) error {
	lists := len(args) > 0 && args[0] == "lists"
	if lists {
		args = args[1:]
	}
	fs := flag.NewFlagSet("xinrong psi", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	url := fs.String("url", "", "the node's base URL")
	id := fs.String("client-id", "", "the institution's API client ID")
	secretFile := fs.String("client-secret-file", "", "file holding the API client's secret")
	list := fs.String("list", "", "the list to match against (see xinrong psi lists)")
	fs.Usage = func() { fmt.Fprintln(env.Stderr, psiUsage); fs.PrintDefaults() }
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	if *url == "" || *id == "" || *secretFile == "" || (!lists && (*list == "" || fs.NArg() != 1)) {
		fs.Usage()
		return usageError("xinrong psi: --url, --client-id, --client-secret-file%s are required", map[bool]string{false: ", --list and one FILE"}[lists])
	}
	var codes []string
	if !lists {
		var err error
		if codes, err = readCodes(fs.Arg(0)); err != nil {
			return err
		}
	}
	secret, err := os.ReadFile(*secretFile)
	if err != nil {
		return fmt.Errorf("read client secret: %w", err)
	}
	hc := &http.Client{Timeout: 30 * time.Minute}
	tok, err := psi.FetchToken(ctx, hc, *url, *id, strings.TrimSpace(string(secret)))
	if err != nil {
		return err
	}
	start := time.Now()
	c := &psi.Client{URL: *url, Token: tok, HTTP: hc, Progress: func(s string) {
		fmt.Fprintf(env.Stderr, "[%6.1fs] %s\n", time.Since(start).Seconds(), s)
	}}
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	if lists {
		ls, err := c.Lists(ctx)
		if err != nil {
			return err
		}
		for _, l := range ls {
			fmt.Fprintf(w, "%s\t%s / %s\t%s\n", l.Name, l.Label, l.LabelEN, strings.Join(l.Items, ","))
		}
		return nil
	}
	res, err := c.Match(ctx, *list, codes)
	if err != nil {
		return err
	}
	for _, m := range res.Matches {
		fmt.Fprintln(w, m)
	}
	fmt.Fprintf(env.Stderr, "%d of %d codes are on %s (version %s, %d entries); audit index %d; %.1f s\n",
		len(res.Matches), len(codes), *list, res.Session.ListVersion, res.Session.ListSize, res.Session.AuditIndex, time.Since(start).Seconds())
	return nil
}

// readCodes reads one code per line, canonical, without duplicates; any
// invalid line fails the whole file with the line numbers, so that no
// partial set is matched.
func readCodes(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var codes, bad []string
	seen := map[string]bool{}
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimSpace(strings.TrimPrefix(sc.Text(), "\ufeff"))
		if line == "" {
			continue
		}
		v := subject.Check(line, subject.CheckOptions{})
		if !v.Valid {
			if len(bad) < 20 {
				bad = append(bad, fmt.Sprintf("line %d: %q", n, line))
			}
			continue
		}
		if !seen[v.Code] {
			seen[v.Code] = true
			codes = append(codes, v.Code)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if len(bad) > 0 {
		return nil, &exitError{code: 1, msg: fmt.Sprintf("%s: invalid unified social credit codes (check with xinrong uscc):\n  %s", path, strings.Join(bad, "\n  "))}
	}
	return codes, nil
}
