// SPDX-License-Identifier: Apache-2.0

package verify

import (
	"fmt"
	"strconv"
	"time"

	"cel.dev/cel-go/cel"
	"cel.dev/cel-go/common/types"
	"cel.dev/cel-go/common/types/ref"
	"cel.dev/cel-go/common/types/traits"
	"cel.dev/cel-go/ext"

	"github.com/xinrong/xinrong/internal/catalog"
)

// costLimit bounds one evaluation. The rules are a few comprehensions
// over an enterprise's records; at this limit a rule may still walk some
// ten thousand records several times, and a rule gone wrong stops instead
// of holding a core.
const costLimit = 1_000_000

// chinaTime is UTC+8 without DST: the as-of date is the date in China.
var chinaTime = time.FixedZone("CST", 8*3600)

// newEnv is the CEL environment the rules are compiled in: the records,
// the parameters, the as-of instant and date, the list and math
// extensions, cel.bind, optional field access (r.?F.orValue(x)), and two
// helpers, sum(list(int)) and months_before(timestamp, int).
func newEnv() (*cel.Env, error) {
	return cel.NewEnv(
		cel.Variable("records", cel.MapType(cel.StringType, cel.ListType(cel.MapType(cel.StringType, cel.DynType)))),
		cel.Variable("params", cel.MapType(cel.StringType, cel.DynType)),
		cel.Variable("as_of", cel.TimestampType),
		cel.Variable("today", cel.TimestampType),
		cel.Variable("this_month", cel.TimestampType),
		ext.Bindings(), ext.Lists(), ext.Math(), cel.OptionalTypes(),
		cel.Function("sum", cel.Overload("sum_list_int", []*cel.Type{cel.ListType(cel.IntType)}, cel.IntType,
			cel.UnaryBinding(sumInts))),
		cel.Function("months_before", cel.Overload("months_before_timestamp_int",
			[]*cel.Type{cel.TimestampType, cel.IntType}, cel.TimestampType, cel.BinaryBinding(monthsBefore))),
	)
}

// sumInts adds a list of integers, failing on overflow or a non-integer.
func sumInts(v ref.Val) ref.Val {
	l, ok := v.(traits.Lister)
	if !ok {
		return types.NewErr("sum: not a list")
	}
	var total int64
	for it := l.Iterator(); it.HasNext() == types.True; {
		n, ok := it.Next().(types.Int)
		if !ok {
			return types.NewErr("sum: not an integer")
		}
		s := total + int64(n)
		if (n > 0 && s < total) || (n < 0 && s > total) {
			return types.NewErr("sum: integer overflow")
		}
		total = s
	}
	return types.Int(total)
}

// monthsBefore returns t moved back n calendar months (in UTC, where
// date and month fields live).
func monthsBefore(t, n ref.Val) ref.Val {
	ts, ok1 := t.(types.Timestamp)
	k, ok2 := n.(types.Int)
	if !ok1 || !ok2 || k < 0 || k > 1200 {
		return types.NewErr("months_before: want a timestamp and 0..1200 months")
	}
	return types.Timestamp{Time: ts.Time.UTC().AddDate(0, -int(k), 0)}
}

// program is a compiled rule.
type program struct {
	prg cel.Program
}

// compile checks a rule and returns its program. A rule must be of type
// bool.
func compile(env *cel.Env, t Template) (program, error) {
	ast, iss := env.Compile(t.Rule)
	if iss.Err() != nil {
		return program{}, fmt.Errorf("verify: template %s: %w", t.Code, iss.Err())
	}
	if !ast.OutputType().IsExactType(cel.BoolType) {
		return program{}, fmt.Errorf("verify: template %s: rule is %s, not bool", t.Code, ast.OutputType())
	}
	prg, err := env.Program(ast, cel.EvalOptions(cel.OptOptimize), cel.CostLimit(costLimit), cel.InterruptCheckFrequency(100))
	if err != nil {
		return program{}, fmt.Errorf("verify: template %s: %w", t.Code, err)
	}
	return program{prg: prg}, nil
}

// activation is what one evaluation sees.
type activation struct {
	records map[string][]map[string]any
	params  map[string]any
	asOf    time.Time
}

// eval runs the rule.
func (p program) eval(a activation) (bool, error) {
	d := a.asOf.In(chinaTime)
	today := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	out, _, err := p.prg.Eval(map[string]any{
		"records": a.records, "params": a.params, "as_of": a.asOf,
		"today": today, "this_month": today.AddDate(0, 0, 1-today.Day()),
	})
	if err != nil {
		return false, err
	}
	b, ok := out.(types.Bool)
	if !ok {
		return false, fmt.Errorf("rule gave %s, not bool", out.Type())
	}
	return bool(b), nil
}

// typedRecord converts a stored record (normalized text by field code)
// into the values a rule sees: integers for int and money fields (money in
// fen), float64 for decimals, UTC timestamps for dates (midnight) and
// months (the first day), booleans, and strings for the rest. Fields the
// record does not have are absent, so rules test them with has().
func typedRecord(it catalog.Item, data map[string]string) (map[string]any, error) {
	out := make(map[string]any, len(data))
	for _, f := range it.Fields {
		s, ok := data[f.Code]
		if !ok || s == "" {
			continue
		}
		v, err := typedValue(f.Type, s)
		if err != nil {
			return nil, fmt.Errorf("verify: %s.%s %q: %w", it.Code, f.Code, s, err)
		}
		out[f.Code] = v
	}
	return out, nil
}

func typedValue(t catalog.Type, s string) (any, error) {
	switch {
	case t == catalog.TypeInt || t.IsMoney():
		return strconv.ParseInt(s, 10, 64)
	case t == catalog.TypeDecimal:
		return strconv.ParseFloat(s, 64)
	case t == catalog.TypeDate:
		return time.Parse(time.DateOnly, s)
	case t == catalog.TypeMonth:
		return time.Parse("2006-01", s)
	case t == catalog.TypeDateTime:
		return time.Parse(time.RFC3339, s)
	case t == catalog.TypeBool:
		return strconv.ParseBool(s)
	}
	return s, nil
}
