// SPDX-License-Identifier: Apache-2.0

// Package api is the node's JSON API, version 1, under /api/v1/: what the
// systems of banks, data providers and other nodes call, and what the
// browser UI calls with its session.
//
// The API only translates. Each handler decodes the request, calls one
// domain service and writes the answer through a response type of this
// package; domain structs are never serialised directly, so a field added
// to a domain type (say, a tax amount on an enterprise) reaches no client
// until someone writes it into a response type here on purpose.
//
// # Who may call what
//
// Every operation except the token endpoint and the OpenAPI document needs
// a principal: a browser session (cookie, plus the session's CSRF token in
// X-CSRF-Token for POST) or an OAuth 2.0 access token obtained with the
// client credentials grant (RFC 6749 §4.4) and sent as a Bearer token
// (RFC 6750). Roles follow least privilege:
//
//	operation                          roles
//	POST /oauth/token                  public (client authentication)
//	GET  /openapi.json                 public
//	GET  /me                           any principal
//	GET  /uscc/{code}, POST /uscc:check any principal (no enterprise data)
//	GET  /catalog, /catalog/items/{c}  any principal (describes, holds no data)
//	GET  /regions/{c}, /industries/{c} any principal (national standards)
//	GET  /enterprises, /enterprises/{} operator, institution_query_officer, institution_approver
//	POST /enterprises                  operator
//	POST /catalog/items, /supplements  operator
//
// Collection (providers, batches, uploads, quarantine, quality),
// authorizations (授权) and onboarding (接入管理) have their own rules: a
// provider's staff see only their own provider's batches; enterprises
// grant, approve and revoke authorizations and institutions request them;
// onboarding decisions are the credit centre's. Routes lists every
// operation with its roles, and the OpenAPI document repeats them per
// operation (x-roles); a test keeps the two in step.
//
// Administrator roles manage accounts; they do not by themselves open any
// data. The OpenAPI document (openapi.json, served at /api/v1/openapi.json)
// states the roles of each operation in its description and in x-roles.
//
// Errors have one JSON shape, {"error": {"code", "message", "request_id"}},
// with the message in Chinese and English; the token endpoint answers with
// RFC 6749 §5.2 errors instead.
package api
