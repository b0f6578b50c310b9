// SPDX-License-Identifier: Apache-2.0

package cli

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"text/tabwriter"
	"time"

	"github.com/xinrong/xinrong/internal/score/scorecard"
)

// runScoreFit fits a scorecard on a labelled CSV file and prints the
// selected characteristics, the card and its AUC, KS and Gini on the fit
// part and on the held-out part; --out writes the card for the evaluator,
// --compare prints the stability of another population against the fit
// population.
func runScoreFit(ctx context.Context, env Env, args []string) error {
	fs := flag.NewFlagSet("xinrong score fit", flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	var o scorecard.Options
	data := fs.String("data", "", "labelled CSV file with a header row (required); ? or empty = missing")
	fs.StringVar(&o.Target, "target", "", "outcome column (required)")
	fs.StringVar(&o.Bad, "bad", "", "value of the target that is the bad outcome (default: the less frequent value)")
	fs.StringVar(&o.DateColumn, "date", "", "date column: hold out the latest share by date (out-of-time) instead of a random stratified share")
	fs.Float64Var(&o.TestFraction, "test", 0.3, "held-out share")
	fs.Uint64Var(&o.Seed, "seed", 1, "seed of the stratified split and the cross-validation folds")
	fs.Float64Var(&o.PDO, "pdo", 20, "points to double the odds")
	fs.Float64Var(&o.BaseScore, "base-score", 600, "score at the base odds")
	fs.Float64Var(&o.BaseOdds, "base-odds", 50, "base odds, goods per bad (50 = 50:1)")
	cross := fs.Int("cross", 5, "cross the N strongest numeric characteristics pairwise as candidates (0 = none); cross-validation decides whether any is used")
	out := fs.String("out", "", "write the card as JSON (format "+scorecard.Format+") to this file")
	compare := fs.String("compare", "", "CSV of today's population: print its stability (PSI) against the fit population")
	lang := fs.String("lang", "zh", "zh or en")
	fs.Usage = func() {
		fmt.Fprintln(env.Stderr, "usage: xinrong score fit --data CSV --target COLUMN [--bad VALUE] [--date COLUMN] [--test 0.3] [--seed N]\n       [--pdo 20 --base-score 600 --base-odds 50] [--cross 5] [--out card.json] [--compare CSV] [--lang zh|en]")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return &exitError{code: 2}
	}
	if *data == "" || o.Target == "" || fs.NArg() > 0 {
		fs.Usage()
		return &exitError{code: 2}
	}
	if *lang != "zh" && *lang != "en" {
		return usageError("--lang must be zh or en")
	}
	t := fitText[*lang]
	tab, err := readTable(*data)
	if err != nil {
		return err
	}
	o.DataFile = filepath.Base(*data)
	o.Interactions = *cross
	if *cross <= 0 {
		o.Interactions = -1
	}
	start := time.Now()
	o.Progress = func(msg string) {
		fmt.Fprintf(env.Stderr, "score fit: %s (%s)\n", msg, time.Since(start).Round(time.Millisecond))
	}
	card, err := scorecard.Fit(tab, o)
	if err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	w := bufio.NewWriter(env.Stdout)
	printCard(w, card, t)
	if *compare != "" {
		today, err := readTable(*compare)
		if err != nil {
			return err
		}
		printStability(w, card.PSI(today.Each()), t)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if *out != "" {
		f, err := os.Create(*out)
		if err != nil {
			return err
		}
		if err := card.WriteJSON(f); err != nil {
			f.Close()
			return err
		}
		if err := f.Close(); err != nil {
			return err
		}
		fmt.Fprintf(env.Stderr, "score fit: card written to %s\n", *out)
	}
	return nil
}

func readTable(path string) (*scorecard.Table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	tab, err := scorecard.LoadCSV(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return tab, nil
}

func printCard(out io.Writer, c *scorecard.Card, t map[string]string) {
	tr := c.Training
	fmt.Fprintf(out, "%s: %s  %s %d  %s %.2f%% (%s = %s)\n", t["data"], tr.DataFile, t["rows"], tr.Rows, t["badRate"], 100*tr.BadRate, c.Target, c.BadValue)
	split := t["stratified"]
	if tr.Split == "out-of-time" {
		split = fmt.Sprintf(t["outOfTime"], tr.DateColumn)
	}
	fmt.Fprintf(out, "%s: %s, %.0f%%, seed %d\n\n", t["split"], split, 100*tr.TestFraction, tr.Seed)
	w := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintf(w, "%s\tIV\n", t["selected"])
	for _, f := range c.Features {
		fmt.Fprintf(w, "%s\t%.4f\n", f.Name, f.IV)
	}
	w.Flush()
	fmt.Fprintf(out, "\n%s (%s %.0f = %g:1, PDO %g; %s %.2f)\n", t["card"], t["base"], c.Scaling.BaseScore, c.Scaling.BaseOdds, c.Scaling.PDO, t["basePoints"], c.Scaling.BasePoints)
	w = tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintf(w, "%s\t%s\t%s\tWoE\t%s\n", t["feature"], t["bin"], t["share"], t["points"])
	for _, f := range c.Features {
		for _, b := range append(append([]scorecard.Bin(nil), f.Bins...), f.Missing) {
			if b.Count == 0 && b.Label == "missing" {
				continue
			}
			fmt.Fprintf(w, "%s\t%s\t%.1f%%\t%.3f\t%.2f\n", f.Name, b.Label, 100*b.Share, b.WoE, b.Points)
		}
	}
	w.Flush()
	fmt.Fprintln(out)
	w = tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintf(w, "\t%s\t%s\tAUC\tKS\tGini\n", t["rows"], t["badRate"])
	for _, p := range []struct {
		name string
		m    scorecard.Performance
	}{{t["train"], c.Metrics.Train}, {t["test"], c.Metrics.Test}} {
		fmt.Fprintf(w, "%s\t%d\t%.2f%%\t%.4f\t%.4f\t%.4f\n", p.name, p.m.Rows, 100*p.m.BadRate, p.m.AUC, p.m.KS, p.m.Gini)
	}
	w.Flush()
}

func printStability(out io.Writer, st scorecard.Stability, t map[string]string) {
	fmt.Fprintf(out, "\n%s: %s %d, %s PSI %.4f (%s)\n", t["stability"], t["rows"], st.Rows, t["score"], st.Score, t[st.Band])
	w := tabwriter.NewWriter(out, 2, 4, 2, ' ', 0)
	fmt.Fprintf(w, "%s\tPSI\t\n", t["feature"])
	for _, f := range st.Features {
		fmt.Fprintf(w, "%s\t%.4f\t%s\n", f.Name, f.PSI, t[f.Band])
	}
	w.Flush()
}

// fitText holds the printed words in Chinese and English.
var fitText = map[string]map[string]string{
	"zh": {"data": "数据", "rows": "行数", "badRate": "坏样本率", "split": "留出样本", "stratified": "分层随机",
		"outOfTime": "按 %s 取最近的样本（跨时间）", "selected": "入选特征", "card": "评分卡", "base": "基准分",
		"basePoints": "基础分", "feature": "特征", "bin": "分箱", "share": "占比", "points": "分值",
		"train": "训练", "test": "测试", "stability": "群体稳定性", "score": "总分",
		scorecard.Stable: "稳定", scorecard.Watch: "需关注", scorecard.Shifted: "已偏移"},
	"en": {"data": "data", "rows": "rows", "badRate": "bad rate", "split": "held out", "stratified": "stratified random",
		"outOfTime": "latest by %s (out of time)", "selected": "selected characteristic", "card": "scorecard", "base": "base score",
		"basePoints": "base points", "feature": "characteristic", "bin": "range", "share": "share", "points": "points",
		"train": "train", "test": "test", "stability": "population stability", "score": "score",
		scorecard.Stable: "stable", scorecard.Watch: "watch", scorecard.Shifted: "shifted"},
}
