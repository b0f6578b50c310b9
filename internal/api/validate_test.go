// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/getkin/kin-openapi/openapi3filter"
	"github.com/getkin/kin-openapi/routers"
)

// TestOpenAPI_Responses runs every scenario through the handler on a real
// store and validates each answer against the document: its status must be
// documented for the operation and its body must match the schema, errors
// included. Requests that succeeded are validated too, so that the
// documented request schemas accept what the handlers accept. Finally
// every documented status of every operation must have been seen.
func TestOpenAPI_Responses(t *testing.T) {
	doc := MustLoadOpenAPI(t)
	e := newEnv(t)
	opts := &openapi3filter.Options{AuthenticationFunc: openapi3filter.NoopAuthenticationFunc,
		IncludeResponseStatus: true, MultiError: true}
	seen := map[string]map[string]bool{} // "GET /path" → statuses validated
	for _, sc := range scenarios(e) {
		t.Run(sc.name, func(t *testing.T) {
			req, status, header, body := e.check(t, sc)
			route := e.routeOf(t, doc, req)
			if route == nil {
				return // the JSON 404 for unknown paths: not an operation
			}
			input := &openapi3filter.RequestValidationInput{Request: req, PathParams: pathParams(route.Path, req.URL.Path),
				Route: route, Options: opts}
			if status < 300 {
				req.Body = io.NopCloser(strings.NewReader(sc.req.body))
				if err := openapi3filter.ValidateRequest(context.Background(), input); err != nil {
					t.Errorf("request accepted by the handler does not match the document: %v", err)
				}
			}
			err := openapi3filter.ValidateResponse(context.Background(), &openapi3filter.ResponseValidationInput{
				RequestValidationInput: input, Status: status, Header: header,
				Body: io.NopCloser(bytes.NewReader(body)), Options: opts})
			if err != nil {
				t.Errorf("response %d does not match the document: %v\nbody: %s", status, err, clip(string(body)))
			}
			key := route.Method + " " + route.Path
			if seen[key] == nil {
				seen[key] = map[string]bool{}
			}
			seen[key][strconv.Itoa(status)] = true
		})
	}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			key := method + " " + path
			for code := range op.Responses.Map() {
				if code != "default" && !seen[key][code] {
					t.Errorf("%s: documented response %s is never exercised", key, code)
				}
			}
			if len(seen[key]) == 0 {
				t.Errorf("%s: no response validated", key)
			}
		}
	}
}

// routeOf finds the documented operation the mux routes req to, by the
// ServeMux pattern that matched; nil for the catch-all.
func (e *env) routeOf(t *testing.T, doc *openapi3.T, req *http.Request) *routers.Route {
	t.Helper()
	_, pattern := e.mux.Handler(req)
	method, path, ok := strings.Cut(pattern, " ")
	if !ok {
		return nil
	}
	item := doc.Paths.Value(path)
	if item == nil || item.GetOperation(method) == nil {
		t.Fatalf("pattern %q has no documented operation", pattern)
	}
	return &routers.Route{Spec: doc, Path: path, PathItem: item, Method: method, Operation: item.GetOperation(method)}
}

// pathParams matches a path against a template with {name} segments.
func pathParams(template, path string) map[string]string {
	out := map[string]string{}
	ts, ps := strings.Split(template, "/"), strings.Split(path, "/")
	for i, s := range ts {
		if i < len(ps) && strings.HasPrefix(s, "{") && strings.HasSuffix(s, "}") {
			out[strings.Trim(s, "{}")] = ps[i]
		}
	}
	return out
}
