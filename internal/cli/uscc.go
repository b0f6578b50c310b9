// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"bufio"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"strings"

	"github.com/xinrong/xinrong/internal/subject"
)

// runUSCC checks unified social credit codes given as arguments (or one
// per line on standard input) and prints one verdict per line:
//
//	CODE<TAB>valid|invalid<TAB>what the code says, or why it is invalid
//
// It exits 1 if any code is invalid.
func runUSCC(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("xinrong uscc", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	asJSON := fs.Bool("json", false, "print each verdict as a JSON object")
	pilot := fs.Bool("accept-pilot", false, "accept early Fujian pilot codes with a warning, as imports do")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: xinrong uscc [--json] [--accept-pilot] CODE…   (or codes on standard input, one per line)")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	codes := fs.Args()
	if len(codes) == 0 {
		sc := bufio.NewScanner(env.Stdin)
		for sc.Scan() {
			if line := strings.TrimSpace(sc.Text()); line != "" {
				codes = append(codes, line)
			}
		}
		if err := sc.Err(); err != nil {
			return fmt.Errorf("read standard input: %w", err)
		}
		if len(codes) == 0 {
			fs.Usage()
			return &exitError{code: 2}
		}
	}
	w := bufio.NewWriter(env.Stdout)
	defer w.Flush()
	invalid := 0
	for _, c := range codes {
		v := subject.Check(c, subject.CheckOptions{AcceptPilot: *pilot})
		if !v.Valid {
			invalid++
		}
		if *asJSON {
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			w.Write(b)
			w.WriteByte('\n')
			continue
		}
		fmt.Fprintln(w, verdictLine(c, v))
	}
	if invalid > 0 {
		w.Flush()
		return &exitError{code: 1, msg: fmt.Sprintf("%d of %d codes invalid", invalid, len(codes))}
	}
	return nil
}

// verdictLine renders one verdict for a terminal.
func verdictLine(input string, v subject.Verdict) string {
	code := v.Code
	if code == "" {
		code = fmt.Sprintf("%q", input)
	}
	if !v.Valid {
		var why []string
		for _, p := range v.Errors() {
			why = append(why, p.String())
		}
		for _, p := range v.Warnings() {
			why = append(why, "提示 note: "+p.String())
		}
		return code + "\tinvalid\t" + strings.Join(why, "; ")
	}
	about := []string{fmt.Sprintf("%s %s", v.Code[:2], v.Category.Name)}
	if v.Region.Name != "" {
		about = append(about, fmt.Sprintf("%s %s (%s)", v.Code[2:8], v.Region.Name, v.RegionStatus))
	}
	about = append(about, "组织机构代码 org code "+v.OrgCode)
	for _, p := range v.Warnings() {
		about = append(about, "警告 warning: "+p.String())
	}
	return code + "\tvalid\t" + strings.Join(about, " · ")
}
