// SPDX-License-Identifier: Apache-2.0

package catalog

// Order is a cross-field rule between two dates of one record: Later may
// not be before Earlier (a penalty's publicity end is not before its
// decision; a licence's validity ends after it starts; a company leaves the
// abnormal-operations list after it entered it). Checked only when both
// fields have a value.
type Order struct {
	Earlier string `json:"earlier"`
	Later   string `json:"later"`
}

// ReasonOrder marks a row whose dates are in the wrong order.
const ReasonOrder Reason = "order"

// checkOrders appends an error on the later field for every rule the
// normalized row breaks. Normalized dates are ISO text, so string order is
// date order; datetimes and months compare on their common prefix.
func (it Item) checkOrders(norm map[string]string, errs []FieldError) []FieldError {
	for _, o := range it.Orders {
		a, b := norm[o.Earlier], norm[o.Later]
		if a == "" || b == "" {
			continue
		}
		n := min(len(a), len(b))
		if b[:n] >= a[:n] {
			continue
		}
		early, _ := it.Field(o.Earlier)
		late, _ := it.Field(o.Later)
		errs = append(errs, *late.fail(ReasonOrder,
			"「"+late.Name+"」"+b+" 早于「"+early.Name+"」"+a,
			late.Code+" "+b+" is before "+early.Code+" "+a))
	}
	return errs
}

// checkOrderRefs validates the rules' field references.
func checkOrderRefs(k *checker, it Item) {
	for _, o := range it.Orders {
		checkRef(k, it, "orders.earlier", o.Earlier, TypeDate, TypeDateTime, TypeMonth)
		checkRef(k, it, "orders.later", o.Later, TypeDate, TypeDateTime, TypeMonth)
	}
}

// masterKeys are the subject attributes MasterFields may name.
var masterKeys = map[string]bool{"name": true, "legal_rep": true, "region": true, "industry": true, "status": true,
	"registered_at": true, "capital": true, "address": true, "reg_no": true}

// checkMasterFields validates the registration item's master mapping.
func checkMasterFields(k *checker, it Item) {
	for key, code := range it.MasterFields {
		if !masterKeys[key] {
			k.add(itemAt(it.Code), "master_fields: unknown subject attribute %q", key)
		}
		if _, ok := it.Field(code); !ok {
			k.add(itemAt(it.Code), "master_fields: %s names no field %q", key, code)
		}
	}
}
