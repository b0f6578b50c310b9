// SPDX-License-Identifier: Apache-2.0

package catalog

import "strings"

func checkItem(k *checker, it Item) {
	at := itemAt(it.Code)
	prefix, suffix, ok := strings.Cut(it.Code, ".")
	if !ok || prefix != it.Category || !itemSuffixRE.MatchString(suffix) {
		k.add(at, "code must be the category code, a dot and an upper-case ASCII suffix (e.g. %s.XZCF)", it.Category)
	}
	if it.Name == "" || it.NameEN == "" || it.Description == "" || it.Provider == "" {
		k.add(at, "name, name_en, description and provider are required")
	}
	if it.Revision < 1 {
		k.add(at, "revision must be at least 1")
	}
	if it.Local && !regionRE.MatchString(it.Region) {
		k.add(at, "a local item needs the six-digit code of its issuing region")
	}
	if !it.Disclosure.Valid() {
		k.add(at, "disclosure %q is not public, authorized or verify_only", it.Disclosure)
	}
	if !it.Sharing.Valid() {
		k.add(at, "sharing %q is not batch, api or verify", it.Sharing)
	}
	if !it.Frequency.Valid() {
		k.add(at, "frequency %q is not realtime, daily, weekly, monthly, quarterly or yearly", it.Frequency)
	}
	if len(it.Fields) == 0 {
		k.add(at, "no fields")
		return
	}
	checkFields(k, it)
	checkOrderRefs(k, it)
	checkMasterFields(k, it)
	checkRef(k, it, "subject_field", it.SubjectField, TypeUSCC, TypeString)
	checkRef(k, it, "name_field", it.NameField, TypeString, TypeText)
	if it.SourceTimeField != "" {
		checkRef(k, it, "source_time_field", it.SourceTimeField, TypeDate, TypeDateTime, TypeMonth)
	}
	if len(it.NaturalKey) == 0 {
		k.add(at, "natural_key is empty")
	}
	inKey := map[string]bool{}
	for _, code := range it.NaturalKey {
		f, ok := it.Field(code)
		switch {
		case !ok:
			k.add(fieldAt(it.Code, code), "natural_key names a field that does not exist")
		case inKey[code]:
			k.add(fieldAt(it.Code, code), "listed twice in natural_key")
		case f.Required != Required && code != it.SubjectField:
			// A key part that may be empty would merge unrelated records.
			k.add(fieldAt(it.Code, code), "natural_key field must be required (Y) or the subject field")
		}
		inKey[code] = true
	}
	if r := it.Revocation; r != nil {
		if f, ok := checkRef(k, it, "revocation", r.Field); ok {
			checkNormalized(k, it, f, "revocation value", r.Values)
		}
	}
	checkPolarity(k, it)
}

// checkRef checks that a setting names a field of one of the given types
// (any type when none is given).
func checkRef(k *checker, it Item, setting, code string, types ...Type) (Field, bool) {
	f, ok := it.Field(code)
	if !ok {
		k.add(itemAt(it.Code), "%s %q is not a field of the item", setting, code)
		return f, false
	}
	if len(types) > 0 && !containsType(types, f.Type) {
		k.add(fieldAt(it.Code, code), "%s must be of type %v, not %s", setting, types, f.Type)
	}
	return f, true
}

func containsType(ts []Type, t Type) bool {
	for _, x := range ts {
		if x == t {
			return true
		}
	}
	return false
}

// checkNormalized checks that values written in the catalog are already in
// the stored form, because rules compare them with normalized rows.
func checkNormalized(k *checker, it Item, f Field, what string, values []string) {
	for _, v := range values {
		got, err := f.Parse(v)
		if err != nil || got != v {
			k.add(fieldAt(it.Code, f.Code), "%s %q is not a normalized value of the field", what, v)
		}
	}
}

func checkPolarity(k *checker, it Item) {
	at := itemAt(it.Code)
	if !it.Polarity.Valid() {
		k.add(at, "polarity %q is not positive, negative or neutral", it.Polarity)
		return
	}
	if it.Polarity != Negative {
		if it.Severity != "" || it.Publicity != nil {
			k.add(at, "severity and publicity apply to negative items only")
		}
		return
	}
	lo, hi, ok := it.Severity.Bounds()
	if !ok {
		k.add(at, "a negative item needs severity minor, general or serious, got %q", it.Severity)
		return
	}
	p := it.Publicity
	if p == nil {
		k.add(at, "a negative item needs publicity bounds")
		return
	}
	checkRef(k, it, "publicity.from_field", p.FromField, TypeDate, TypeDateTime)
	if p.MinMonths < lo || p.MaxMonths > hi || p.MinMonths > p.MaxMonths {
		k.add(at, "publicity %d–%d months is outside %d–%d months for severity %s (信用修复管理办法)",
			p.MinMonths, p.MaxMonths, lo, hi, it.Severity)
	}
}
