// SPDX-License-Identifier: Apache-2.0

package catalog

import "strings"

// checkFields checks each field of an item and that every column name a
// provider may use (code, alias, Chinese label) points at one field only.
func checkFields(k *checker, it Item) {
	names := map[string]string{} // folded column name -> field code
	claim := func(f Field, name string) {
		key := foldKey(name)
		if key == "" {
			k.add(fieldAt(it.Code, f.Code), "empty alias")
			return
		}
		if other, dup := names[key]; dup && other != f.Code {
			k.add(fieldAt(it.Code, f.Code), "column name %q is also used by field %s", name, other)
		}
		names[key] = f.Code
	}
	codes := map[string]bool{}
	for _, f := range it.Fields {
		if codes[f.Code] {
			k.add(fieldAt(it.Code, f.Code), "duplicate field code")
		}
		codes[f.Code] = true
		claim(f, f.Code)
		claim(f, f.Name)
		for _, a := range f.Aliases {
			claim(f, a)
		}
		checkField(k, it, f)
	}
}

func checkField(k *checker, it Item, f Field) {
	at := fieldAt(it.Code, f.Code)
	if !fieldCodeRE.MatchString(f.Code) {
		k.add(at, "code must be upper-case ASCII letters, digits and _ (at most 40)")
	}
	if f.Name == "" || f.NameEN == "" {
		k.add(at, "name and name_en are required")
	}
	if !f.Type.Valid() {
		k.add(at, "unknown type %q", f.Type)
	}
	if !f.Personal.Valid() {
		k.add(at, "unknown personal-data class %q", f.Personal)
	}
	if f.Disclosure != "" && (!f.Disclosure.Valid() || !f.Disclosure.AtLeast(it.Disclosure)) {
		k.add(at, "field disclosure %q must be a class at least as strict as the item's %q", f.Disclosure, it.Disclosure)
	}
	if f.MaxLen < 0 {
		k.add(at, "max_len must not be negative")
	}
	if f.OpenEnded && f.Type != TypeDate {
		k.add(at, "open_ended applies to date fields only")
	}
	if f.Multiple && f.Type != TypeEnum {
		k.add(at, "multiple applies to enum fields only")
	}
	checkEnum(k, at, f)
	switch f.Required {
	case Required, Optional:
		if f.When != nil {
			k.add(at, "a condition (when) needs required \"C\"")
		}
	case Conditional:
		checkCondition(k, it, f)
	default:
		k.add(at, "required must be Y, N or C, got %q", f.Required)
	}
}

func checkEnum(k *checker, at string, f Field) {
	if f.Type != TypeEnum {
		if len(f.Enum) > 0 {
			k.add(at, "enum values on a field of type %s", f.Type)
		}
		return
	}
	if len(f.Enum) == 0 {
		k.add(at, "an enum field needs values")
	}
	owner := map[string]string{}
	for _, v := range f.Enum {
		if v.Value == "" || v.LabelEN == "" {
			k.add(at, "enum value %q needs a value and label_en", v.Value)
		}
		if strings.Contains(v.Value, ";") {
			k.add(at, "enum value %q must not contain ';', the stored separator", v.Value)
		}
		for _, n := range v.names() {
			key := foldKey(n)
			if other, dup := owner[key]; dup && other != v.Value {
				k.add(at, "enum spelling %q belongs to both %q and %q", n, other, v.Value)
			}
			owner[key] = v.Value
		}
	}
}

func checkCondition(k *checker, it Item, f Field) {
	at := fieldAt(it.Code, f.Code)
	w := f.When
	if w == nil {
		k.add(at, "required \"C\" needs a condition (when) saying when the field is required")
		return
	}
	if w.Note == "" {
		k.add(at, "the condition needs a note explaining it")
	}
	cf, ok := it.Field(w.Field)
	switch {
	case !ok:
		k.add(at, "condition refers to missing field %q", w.Field)
	case w.Field == f.Code:
		k.add(at, "condition refers to the field itself")
	default:
		checkNormalized(k, it, cf, "condition value", w.In)
	}
	for _, u := range w.Unless {
		if _, ok := it.Field(u); !ok {
			k.add(at, "condition exemption refers to missing field %q", u)
		}
	}
}
