// SPDX-License-Identifier: Apache-2.0

package score

import (
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
)

func TestDefaultModel(t *testing.T) {
	c, err := Default(mustCatalog(t))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Version(), DefaultVersion; got != want {
		t.Fatalf("version = %q, want %q", got, want)
	}
	if got, want := len(c.Model.Dimensions), 5; got != want {
		t.Fatalf("dimensions = %d, want %d", got, want)
	}
	if got, want := c.Model.Scale.Code, "A+-D-"; got != want {
		t.Fatalf("scale = %q, want %q", got, want)
	}
}

// TestModelValidation: each broken model is refused with an error naming
// the problem, and the error is Invalid.
func TestModelValidation(t *testing.T) {
	base, err := os.ReadFile("models/" + DefaultVersion + ".json")
	if err != nil {
		t.Fatal(err)
	}
	edit := func(f func(m map[string]any)) string {
		var m map[string]any
		if err := json.Unmarshal(base, &m); err != nil {
			t.Fatal(err)
		}
		f(m)
		b, _ := json.Marshal(m)
		return string(b)
	}
	ind := func(m map[string]any, d, i int) map[string]any {
		return m["dimensions"].([]any)[d].(map[string]any)["indicators"].([]any)[i].(map[string]any)
	}
	cases := []struct {
		name, model, want string
	}{
		{"ErrUnknownJSONField", edit(func(m map[string]any) { m["wieght"] = 1 }), "unknown field"},
		{"ErrUnknownItem", edit(func(m map[string]any) { ind(m, 2, 0)["items"] = []string{"PEN.NOPE"} }), "item PEN.NOPE is not in the catalog"},
		{"ErrUnknownField", edit(func(m map[string]any) { ind(m, 1, 1)["field"] = "TAX_NOPE" }), "item TAX.NSE has no field TAX_NOPE"},
		{"ErrSumOfText", edit(func(m map[string]any) { ind(m, 1, 1)["field"] = "TAX_TYPE" }), "sum needs a number"},
		{"ErrUnknownEnumValue", edit(func(m map[string]any) { ind(m, 1, 0)["values"] = map[string]any{"AAA": 1} }), `"AAA" is not a value of TAX.LEVEL.LEVEL`},
		{"ErrUnknownKind", edit(func(m map[string]any) { ind(m, 0, 0)["kind"] = "median" }), `unknown kind "median"`},
		{"ErrUnknownSeverity", edit(func(m map[string]any) { ind(m, 2, 1)["severity"] = "catastrophic" }), "selects no negative item"},
		{"ErrNotADate", edit(func(m map[string]any) { ind(m, 0, 0)["date_field"] = "REG_CAPITAL" }), "not a date"},
		{"ErrBandsOutOfOrder", edit(func(m map[string]any) {
			b := m["scale"].(map[string]any)["bands"].([]any)
			b[0], b[1] = b[1], b[0]
		}), "bands must go from the best"},
		{"ErrNoFloor", edit(func(m map[string]any) {
			b := m["scale"].(map[string]any)["bands"].([]any)
			b[len(b)-1].(map[string]any)["min"] = 100
		}), "must start at 0"},
		{"ErrDuplicateIndicator", edit(func(m map[string]any) { ind(m, 0, 1)["code"] = "BASIC_AGE" }), "needs a unique code"},
		{"ErrStepsOutOfOrder", edit(func(m map[string]any) {
			ind(m, 2, 0)["points"] = []any{map[string]any{"upto": 2, "points": 1}, map[string]any{"upto": 1, "points": 2}}
		}), "upto must increase"},
		{"ErrNoReasonText", edit(func(m map[string]any) { ind(m, 3, 0)["reason_en"] = "" }), "reason_en"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(strings.NewReader(tc.model), mustCatalog(t))
			if err == nil {
				t.Fatal("model accepted")
			}
			if !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("error %q does not say %q", err, tc.want)
			}
			if tc.name != "ErrUnknownJSONField" && apperr.CodeOf(err) != apperr.Invalid {
				t.Fatalf("code = %v, want Invalid", apperr.CodeOf(err))
			}
		})
	}
}
