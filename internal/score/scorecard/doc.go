// SPDX-License-Identifier: Apache-2.0

// Package scorecard fits and applies credit scorecards (评分卡) on labelled
// data: a table of past applicants or enterprises, one row each, with the
// outcome that was later observed (repaid or defaulted, survived or went
// bankrupt).
//
// The card is the kind a risk officer can read and defend to a regulator.
// Each characteristic (特征) is cut into a few ranges or groups of values
// (分箱), chosen so that the share of bad outcomes rises or falls steadily
// from one range to the next (monotonic binning) — or, for a financial
// ratio that is risky at both ends, rises to one turning point and then
// falls, when that separates clearly better. Each range holds at least 5%
// (or 2%) of the fit population; the two end ranges may be smaller, since
// the extremes of a ratio often carry most of the risk. A missing value has
// a range of its own, and when several characteristics are sometimes
// missing, the number of them a row lacks (missing_count) is offered as a
// characteristic too: a firm that leaves figures out is itself a signal.
// The strongest numeric characteristics may also be crossed in pairs, each
// cut into fifths ("lowest fifth of profitability and top fifth of
// leverage"), when cross-validation shows that the pairs separate better
// than the two alone.
// Each range gets a weight of evidence (WoE, 证据权重) =
// ln(share of goods in the range / share of bads in the range), and each
// characteristic an information value (IV, 信息值) saying how well it
// separates goods from bads. Characteristics with too little IV, or that
// merely repeat one already chosen (correlation of their WoE above a
// limit), are left out. A logistic regression with a small ridge penalty
// weighs the chosen characteristics, and characteristics whose weight has
// the wrong sign are dropped so that every card reads "better range, more
// points". The range sizes, the turning points and the penalty are chosen
// by 4-fold cross-validation on the fit part alone.
//
// The log-odds are then scaled to points the usual way: a base score
// (default 600) stands for base odds (default 50 goods to 1 bad), and every
// PDO points (points to double the odds, default 20) double the odds of
// being good. A higher score is always a lower risk. An applicant's score
// is the base points plus the points of the range each characteristic
// falls in; the reasons for a low score (拒绝理由) are the characteristics
// that lost the most points against their best range.
//
// The fit is judged on a part of the data held back from fitting: a
// stratified random 30% (the bad rate is kept the same in both parts) or,
// when a date column is named, the latest 30% by date (out of time). The
// card reports the area under the ROC curve (AUC), the Kolmogorov–Smirnov
// statistic (KS, the widest gap between the score distributions of goods
// and bads) and the Gini coefficient (2·AUC−1) on both parts.
//
// The population stability index (PSI, 群体稳定性指数) compares today's
// population with the one the card was fitted on, range by range:
// below 0.1 the population is stable, 0.1 to 0.25 it should be watched,
// above 0.25 it has shifted and the card should be reviewed or refitted.
//
// The card is exported as JSON in the versioned format
// "xinrong-scorecard/1" so that the evaluator can load it with Load and
// score with Card.Score. This package is pure computation: it never reads a
// database.
package scorecard
