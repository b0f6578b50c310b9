// SPDX-License-Identifier: Apache-2.0

// Package score is the node's full-coverage credit evaluation (全覆盖信用
// 评价): every enterprise in the master gets a score and a grade from the
// public credit information the node holds, recomputed when that
// information changes.
//
// How a credit centre reads it. The evaluation follows an indicator system
// (指标体系) published as versioned configuration, not code: a model names
// its dimensions (一级指标 such as 基本素质, 经营状况, 守法守信, 创新能力,
// 社会责任与荣誉) and their weights, and under each dimension the
// indicators (二级指标) with the points (分值) they give. An indicator is
// computed from the enterprise's records over a time window — the number of
// administrative penalties in the last 24 months, whether it is on a
// serious-dishonesty list now, the latest tax credit level, the months of
// social insurance paid in the last year, the years since establishment.
// The weighted dimension scores make a score from 0 to 1000, and the
// model's grade bands (评价等级) turn it into a grade on the scale the
// operator chose: five levels A–D, the seven levels A+ … D- used in
// Shandong's public credit evaluation, or the market's AAA … C. A model
// may instead carry a scorecard fitted on labelled outcomes (`xinrong score
// fit`, package scorecard) whose characteristics are its indicator codes:
// the card then gives the score from the same computed indicators.
//
// What a bank's risk officer can rely on. Every evaluation keeps the model
// version, the input snapshot (each indicator's value and points) and
// reason codes: the indicators that cost the enterprise most points against
// their maximum, in plain Chinese and English, so that the grade can be
// explained to the enterprise and checked later. Records that no longer
// count — revoked by their provider, past their publicity period, repaired
// (信用修复) — are ignored by the same rule the gate uses to stop showing
// them (gate.Withdrawn), so repair and objection outcomes change the grade.
//
// Evaluations follow the data: the score.follow job re-evaluates the
// enterprises whose records, marks or repairs changed since its cursor, and
// `xinrong score run` re-evaluates everyone in one pass. A new evaluation
// row is written only when the result changed (or the model did); a change
// of score or grade is appended to score_events, an outbox the monitoring
// issue reads by sequence number.
package score
