// SPDX-License-Identifier: Apache-2.0

package api_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/getkin/kin-openapi/openapi3"

	"github.com/xinrong/xinrong/internal/api"
)

// MustLoadOpenAPI loads the embedded document and fails tb unless it is a
// valid OpenAPI 3.1 document.
func MustLoadOpenAPI(tb testing.TB) *openapi3.T {
	tb.Helper()
	loader := openapi3.NewLoader()
	doc, err := loader.LoadFromData(api.OpenAPI())
	if err != nil {
		tb.Fatalf("load openapi.json: %v", err)
	}
	if err := doc.Validate(context.Background()); err != nil {
		tb.Fatalf("openapi.json is not valid OpenAPI: %v", err)
	}
	return doc
}

func TestOpenAPI_Valid(t *testing.T) {
	doc := MustLoadOpenAPI(t)
	if got, want := doc.OpenAPI, "3.1.0"; got != want {
		t.Fatalf("openapi=%q, want %q", got, want)
	}
	if !doc.IsOpenAPI31OrLater() {
		t.Fatalf("document not treated as OpenAPI 3.1")
	}
}

// TestOpenAPI_ValidatorRejectsBrokenDocument proves that the validator used
// above really checks a 3.1 document, so that TestOpenAPI_Valid passing
// means something.
func TestOpenAPI_ValidatorRejectsBrokenDocument(t *testing.T) {
	for name, edit := range map[string][2]string{
		"UnknownType":  {`"type": "integer"`, `"type": "integr"`},
		"DanglingRef":  {`"$ref": "#/components/schemas/Enterprise"`, `"$ref": "#/components/schemas/Enterprize"`},
		"NoResponses":  {`"responses": {`, `"responsez": {`},
		"BadParameter": {`"in": "path"`, `"in": "body"`},
	} {
		t.Run(name, func(t *testing.T) {
			b := bytes.Replace(api.OpenAPI(), []byte(edit[0]), []byte(edit[1]), 1)
			if bytes.Equal(b, api.OpenAPI()) {
				t.Fatalf("edit %q not applied", edit[0])
			}
			doc, err := openapi3.NewLoader().LoadFromData(b)
			if err == nil {
				err = doc.Validate(context.Background())
			}
			if err == nil {
				t.Fatalf("broken document accepted")
			}
		})
	}
}

// TestOpenAPI_RouteCoverage checks that the document describes exactly the
// routes Routes registers, with the same roles: every route is documented,
// every documented operation is routed, public operations need no security,
// and x-roles and the OAuth scopes name the roles the route checks.
func TestOpenAPI_RouteCoverage(t *testing.T) {
	doc := MustLoadOpenAPI(t)
	routes := api.New(api.Deps{}).Routes(http.NewServeMux())
	routed := map[string]api.Route{}
	for _, r := range routes {
		key := r.Method + " " + r.Path
		if _, dup := routed[key]; dup {
			t.Fatalf("route %s registered twice", key)
		}
		routed[key] = r
	}
	documented := map[string]*openapi3.Operation{}
	for path, item := range doc.Paths.Map() {
		for method, op := range item.Operations() {
			documented[method+" "+path] = op
		}
	}
	for key := range routed {
		if documented[key] == nil {
			t.Errorf("route %s is not in openapi.json", key)
		}
	}
	for key := range documented {
		if _, ok := routed[key]; !ok {
			t.Errorf("openapi.json documents %s, which Routes does not register", key)
		}
	}
	for key, r := range routed {
		op := documented[key]
		if op == nil {
			continue
		}
		checkSecurity(t, key, r, op)
	}
}

func checkSecurity(t *testing.T, key string, r api.Route, op *openapi3.Operation) {
	t.Helper()
	if r.Public {
		for _, req := range *op.Security {
			for name := range req {
				if name != "clientBasic" {
					t.Errorf("%s is public but documents security %q", key, name)
				}
			}
		}
		return
	}
	var xroles []string
	raw, ok := op.Extensions["x-roles"]
	if !ok {
		t.Errorf("%s has no x-roles", key)
		return
	}
	b, _ := json.Marshal(raw)
	if err := json.Unmarshal(b, &xroles); err != nil {
		t.Errorf("%s x-roles: %v", key, err)
	}
	want := make([]string, len(r.Roles))
	for i, role := range r.Roles {
		want[i] = string(role)
		if !strings.Contains(op.Description, string(role)) {
			t.Errorf("%s description does not name role %s", key, role)
		}
	}
	if got := strings.Join(xroles, " "); got != strings.Join(want, " ") {
		t.Errorf("%s x-roles=%q, route checks %q", key, got, strings.Join(want, " "))
	}
	var scopes []string
	session := false
	for _, req := range *op.Security {
		if s, ok := req["oauth2"]; ok {
			scopes = append(scopes, s...)
		}
		if _, ok := req["sessionCookie"]; ok {
			_, csrf := req["csrfToken"]
			session = true
			if unsafe := r.Method != http.MethodGet; csrf != unsafe {
				t.Errorf("%s: session requirement has csrfToken=%v, want %v", key, csrf, unsafe)
			}
		}
	}
	if !session {
		t.Errorf("%s does not document the session cookie", key)
	}
	if got := strings.Join(scopes, " "); got != strings.Join(want, " ") {
		t.Errorf("%s oauth2 scopes=%q, want %q", key, got, strings.Join(want, " "))
	}
}
