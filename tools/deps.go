//go:build tools

// SPDX-License-Identifier: Apache-2.0

// Package tools pins modules that parts of the tree under construction will
// import, so that go.mod lists them at the versions known to work with this
// machine's module proxy (see docs/dependencies.md). It is never built.
package tools

import (
	_ "github.com/chromedp/chromedp"
	_ "github.com/getkin/kin-openapi/openapi3"
	_ "github.com/prometheus/client_golang/prometheus"
	_ "github.com/xuri/excelize/v2"
	_ "golang.org/x/crypto/argon2"
	_ "golang.org/x/text/encoding/simplifiedchinese"
)
