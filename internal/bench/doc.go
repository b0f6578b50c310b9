// SPDX-License-Identifier: Apache-2.0

// Package bench holds the measurements behind docs/benchmarks.md that need
// a whole database: loading the enterprise master and searching it, each
// against a baseline measured in the same run. The tests skip unless
// XINRONG_BENCH_ENTERPRISES names how many enterprises to use, e.g.
//
//	XINRONG_BENCH_ENTERPRISES=1000000 go test -run TestMaster -v -timeout 2h ./internal/bench/
//	XINRONG_TEST_DB=postgres XINRONG_BENCH_ENTERPRISES=1000000 go test -run TestMaster -v -timeout 2h ./internal/bench/
package bench
