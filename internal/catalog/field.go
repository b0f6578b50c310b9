// SPDX-License-Identifier: Apache-2.0

package catalog

// Type is the value type of a field. It decides how Parse reads a provider's
// text and what normalized form is stored.
type Type string

// The field types. money_yuan and month go beyond the minimum list because most
// amounts providers send (tax, social insurance, utilities) are in 元 and most
// periodic data is reported per month.
const (
	TypeString    Type = "string"     // one line of text
	TypeText      Type = "text"       // long text (facts, reasons, content)
	TypeDate      Type = "date"       // stored as YYYY-MM-DD
	TypeDateTime  Type = "datetime"   // stored as RFC 3339 UTC
	TypeMonth     Type = "month"      // stored as YYYY-MM (费款所属期, 用电月份)
	TypeInt       Type = "int"        // stored as a base-10 integer
	TypeDecimal   Type = "decimal"    // stored as a canonical decimal string
	TypeMoneyFen  Type = "money_fen"  // integer 分
	TypeMoneyYuan Type = "money_yuan" // 元 with at most 2 decimals, stored as 分
	TypeMoneyWan  Type = "money_wan"  // 万元 as in 双公示 data, stored as 分
	TypeBool      Type = "bool"       // stored as true/false
	TypeEnum      Type = "enum"       // one (or with Multiple, several) EnumValue
	TypeUSCC      Type = "uscc"       // 统一社会信用代码, shape only
	TypeRegion    Type = "region"     // GB/T 2260 six-digit code, shape only
	TypeIndustry  Type = "industry"   // GB/T 4754 code, shape only
	TypeIDNumber  Type = "id_number"  // 居民身份证号 (may arrive masked), shape only
	TypePhone     Type = "phone"      // telephone number, shape only
)

var validTypes = map[Type]bool{
	TypeString: true, TypeText: true, TypeDate: true, TypeDateTime: true, TypeMonth: true,
	TypeInt: true, TypeDecimal: true, TypeMoneyFen: true, TypeMoneyYuan: true,
	TypeMoneyWan: true, TypeBool: true, TypeEnum: true, TypeUSCC: true, TypeRegion: true,
	TypeIndustry: true, TypeIDNumber: true, TypePhone: true,
}

// Valid reports whether t is one of the known types.
func (t Type) Valid() bool { return validTypes[t] }

// IsMoney reports whether values of t are stored as integer 分.
func (t Type) IsMoney() bool {
	return t == TypeMoneyFen || t == TypeMoneyYuan || t == TypeMoneyWan
}

// Requirement says whether a provider must fill a field: Y (必填), N (选填) or
// C (条件必填, see Field.When), as in the 双公示 data standard.
type Requirement string

// The requirement levels.
const (
	Required    Requirement = "Y"
	Optional    Requirement = "N"
	Conditional Requirement = "C"
)

// PersonalClass says what kind of personal information a field may hold, so
// that reports can mask it for natural persons (自然人, 个体工商户 owners).
type PersonalClass string

// The personal-data classes.
const (
	PersonalNone     PersonalClass = "none"
	PersonalName     PersonalClass = "name"
	PersonalIDNumber PersonalClass = "id_number"
	PersonalPhone    PersonalClass = "phone"
	PersonalAddress  PersonalClass = "address"
	PersonalOther    PersonalClass = "other_personal"
)

var validPersonal = map[PersonalClass]bool{PersonalNone: true, PersonalName: true,
	PersonalIDNumber: true, PersonalPhone: true, PersonalAddress: true, PersonalOther: true}

// Valid reports whether p is a known class.
func (p PersonalClass) Valid() bool { return validPersonal[p] }

// Field is one column of an item, as a provider delivers it.
type Field struct {
	Code     string        `json:"code"`    // ASCII column code, e.g. CF_NR_FK
	Name     string        `json:"name"`    // Chinese label, also accepted as a column header
	NameEN   string        `json:"name_en"` // English label
	Type     Type          `json:"type"`
	Required Requirement   `json:"required"`
	When     *Condition    `json:"when,omitempty"` // only for Conditional
	Enum     []EnumValue   `json:"enum,omitempty"`
	Multiple bool          `json:"multiple,omitempty"` // enum holding several values, stored joined by ";"
	MaxLen   int           `json:"max_len,omitempty"`  // characters (not bytes); 0 = no limit
	Personal PersonalClass `json:"personal"`
	// Disclosure, when set, is stricter than the item's: 法定代表人证件号码 in
	// a public 双公示 record is still not shown.
	Disclosure Disclosure `json:"disclosure,omitempty"`
	// Aliases are other column names providers use (JSON keys of real feeds).
	Aliases []string `json:"aliases,omitempty"`
	// OpenEnded accepts 长期/永久/无固定期限 in a date field and stores 2099-12-31,
	// the value providers conventionally use for "no end".
	OpenEnded  bool   `json:"open_ended,omitempty"`
	Note       string `json:"note,omitempty"`
	Deprecated bool   `json:"deprecated,omitempty"`
}

// Condition makes a Conditional field required. The field is required when
// Field has one of In (or, with In empty, any value), unless one of Unless
// has a value.
type Condition struct {
	Field  string   `json:"field"`
	In     []string `json:"in,omitempty"`
	Unless []string `json:"unless,omitempty"`
	Note   string   `json:"note"`
}

// EnumValue is one permitted value of an enum field. Value is what is stored;
// providers may send Value, Label or any alias.
type EnumValue struct {
	Value   string   `json:"value"`
	Label   string   `json:"label,omitempty"` // Chinese display text when it differs from Value
	LabelEN string   `json:"label_en"`
	Aliases []string `json:"aliases,omitempty"`
}

// names returns every spelling a provider may use for the value.
func (v EnumValue) names() []string {
	out := append([]string{v.Value}, v.Aliases...)
	if v.Label != "" {
		out = append(out, v.Label)
	}
	return out
}

// DisplayLabel returns the Chinese label of the value.
func (v EnumValue) DisplayLabel() string {
	if v.Label != "" {
		return v.Label
	}
	return v.Value
}
