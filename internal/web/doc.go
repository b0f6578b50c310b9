// SPDX-License-Identifier: Apache-2.0

// Package web is the node's server-rendered HTML interface: the pages that
// staff of the credit centre, data providers, banks, enterprises and
// regulators use in a browser.
//
// Everything it needs is compiled in. Templates (html/template) are parsed
// once by New, which fails if a page or partial is missing, so a broken
// template stops the process at start instead of failing a user later.
// Stylesheets and scripts are plain files served under content-hash URLs
// with a one-year cache; there is no Node build step and nothing loads from
// another origin. The Content-Security-Policy set by httpx.SecurityHeaders
// forbids inline scripts, inline styles and inline event handlers, so every
// behaviour lives in static/app.js.
//
// Text is Chinese first, with English a click away (the lang cookie or
// ?lang=en); both message catalogs must hold the same keys. Dates are shown
// in China Standard Time (UTC+8, no daylight saving) and money, stored as
// integer fen, as 元 with thousands separators.
//
// Handlers are methods on Handler. Each decodes the request, calls a
// domain service and renders a page; errors are returned, and one HTML
// error writer turns them into 400/403/404/500 pages in the user's language.
package web
