// SPDX-License-Identifier: Apache-2.0

package catalog_test

import (
	"strings"
	"testing"

	"github.com/xinrong/xinrong/internal/apperr"
	"github.com/xinrong/xinrong/internal/catalog"
)

// itemRef returns a pointer into c.Items so a test can break one item.
func itemRef(tb testing.TB, c *catalog.Catalog, code string) *catalog.Item {
	tb.Helper()
	for i := range c.Items {
		if c.Items[i].Code == code {
			return &c.Items[i]
		}
	}
	tb.Fatalf("no item %s", code)
	return nil
}

func fieldRef(tb testing.TB, it *catalog.Item, code string) *catalog.Field {
	tb.Helper()
	for i := range it.Fields {
		if it.Fields[i].Code == code {
			return &it.Fields[i]
		}
	}
	tb.Fatalf("no field %s.%s", it.Code, code)
	return nil
}

func TestCatalog_Validate(t *testing.T) {
	tests := []struct {
		name   string
		mutate func(t *testing.T, c *catalog.Catalog)
		want   string // substring of the message: where and why
	}{
		{"ErrDuplicateItem", func(t *testing.T, c *catalog.Catalog) { c.Items = append(c.Items, c.Items[0]) },
			"item REG.JBXX: duplicate item code"},
		{"ErrUnknownCategory", func(t *testing.T, c *catalog.Catalog) { itemRef(t, c, "TAX.QS").Category = "XXX" },
			`item TAX.QS: category "XXX" does not exist`},
		{"ErrNaturalKey", func(t *testing.T, c *catalog.Catalog) {
			itemRef(t, c, "PEN.XZCF").NaturalKey = []string{"CF_WSH", "CF_NOPE"}
		}, "item PEN.XZCF field CF_NOPE: natural_key names a field that does not exist"},
		{"ErrNaturalKeyOptional", func(t *testing.T, c *catalog.Catalog) {
			itemRef(t, c, "PEN.XZCF").NaturalKey = []string{"CF_WSH", "BZ"}
		}, "item PEN.XZCF field BZ: natural_key field must be required"},
		{"ErrSubjectField", func(t *testing.T, c *catalog.Catalog) { itemRef(t, c, "LIC.XZXK").SubjectField = "XK_JDRQ" },
			"item LIC.XZXK field XK_JDRQ: subject_field must be of type"},
		{"ErrEnumWithoutValues", func(t *testing.T, c *catalog.Catalog) {
			fieldRef(t, itemRef(t, c, "TAX.LEVEL"), "LEVEL").Enum = nil
		}, "item TAX.LEVEL field LEVEL: an enum field needs values"},
		{"ErrNegativeWithoutSeverity", func(t *testing.T, c *catalog.Catalog) { itemRef(t, c, "ABN.JYYC").Severity = "" },
			"item ABN.JYYC: a negative item needs severity"},
		{"ErrPublicityTooLong", func(t *testing.T, c *catalog.Catalog) { itemRef(t, c, "DIS.SXBZXR").Publicity.MaxMonths = 60 },
			"item DIS.SXBZXR: publicity 12–60 months is outside 12–36 months"},
		{"ErrSeverityOnPositive", func(t *testing.T, c *catalog.Catalog) { itemRef(t, c, "RND.GXJS").Severity = catalog.Minor },
			"item RND.GXJS: severity and publicity apply to negative items only"},
		{"ErrFieldLooserThanItem", func(t *testing.T, c *catalog.Catalog) {
			fieldRef(t, itemRef(t, c, "TAX.NSE"), "TAX_PAID").Disclosure = catalog.Public
		}, "item TAX.NSE field TAX_PAID: field disclosure"},
		{"ErrConditionalWithoutWhen", func(t *testing.T, c *catalog.Catalog) {
			fieldRef(t, itemRef(t, c, "PEN.XZCF"), "CF_NR_FK").When = nil
		}, "item PEN.XZCF field CF_NR_FK: required \"C\" needs a condition"},
		{"ErrConditionValue", func(t *testing.T, c *catalog.Catalog) {
			fieldRef(t, itemRef(t, c, "PEN.XZCF"), "CF_NR_FK").When.In = []string{"罚金"}
		}, `item PEN.XZCF field CF_CFLB: condition value "罚金" is not a normalized value`},
		{"ErrRevocationValue", func(t *testing.T, c *catalog.Catalog) {
			itemRef(t, c, "LIC.XZXK").Revocation.Values = []string{"无效"}
		}, `item LIC.XZXK field XK_ZT: revocation value "无效" is not a normalized value`},
		{"ErrUnknownType", func(t *testing.T, c *catalog.Catalog) {
			fieldRef(t, itemRef(t, c, "SOC.GJJ"), "AMOUNT").Type = "money"
		}, `item SOC.GJJ field AMOUNT: unknown type "money"`},
		{"ErrAliasClash", func(t *testing.T, c *catalog.Catalog) {
			fieldRef(t, itemRef(t, c, "ABN.JYYC"), "OUT_DATE").Aliases = []string{"inDate"}
		}, `item ABN.JYYC field OUT_DATE: column name "inDate" is also used by field IN_DATE`},
		{"ErrSharing", func(t *testing.T, c *catalog.Catalog) { itemRef(t, c, "UTL.GAS").Sharing = "email" },
			`item UTL.GAS: sharing "email" is not batch, api or verify`},
		{"ErrCodePrefix", func(t *testing.T, c *catalog.Catalog) { itemRef(t, c, "IPR.SB").Code = "TM.SB" },
			"item TM.SB: code must be the category code"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := MustDefault(t)
			tt.mutate(t, c)
			err := c.Validate()
			if !apperr.Is(err, apperr.Invalid) {
				t.Fatalf("Validate err=%v, want apperr.Invalid", err)
			}
			if msg := apperr.Message(err); !strings.Contains(msg, tt.want) {
				t.Fatalf("message %q\ndoes not contain %q", msg, tt.want)
			}
		})
	}
}
