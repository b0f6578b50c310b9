// SPDX-License-Identifier: Apache-2.0

package psi

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"time"

	"github.com/xinrong/xinrong/internal/catalog"
)

// List is a platform list an institution may match against: the
// enterprises with a record in force of any of its catalog items.
type List struct {
	Name    string   `json:"name"`
	Label   string   `json:"label"`
	LabelEN string   `json:"label_en"`
	Items   []string `json:"items"`
}

// lists are the lists served. Only public negative items: being on them
// is public information (公示), and matching only spares the institution
// from revealing its customers.
var lists = []List{
	{Name: "dishonest-debtors", Label: "失信被执行人", LabelEN: "Dishonest judgment debtors", Items: []string{"DIS.SXBZXR"}},
	{Name: "serious-dishonesty", Label: "严重失信主体名单", LabelEN: "Seriously dishonest entities",
		Items: []string{"DIS.AQSC", "DIS.QXNMG", "DIS.SXBZXR", "DIS.YZWF", "DIS.ZDSSWF", "DIS.ZFCG"}},
	{Name: "abnormal-operations", Label: "经营异常名录", LabelEN: "Abnormal operations directory", Items: []string{"ABN.JYYC"}},
	{Name: "judgment-debtors", Label: "被执行人", LabelEN: "Judgment debtors", Items: []string{"JUD.BZXR"}},
}

// Lists returns the lists served.
func Lists() []List {
	out := slices.Clone(lists)
	for i := range out {
		out[i].Items = slices.Clone(out[i].Items)
	}
	return out
}

func findList(name string) (List, bool) {
	i := slices.IndexFunc(lists, func(l List) bool { return l.Name == name })
	if i < 0 {
		return List{}, false
	}
	return lists[i], true
}

// members reads the enterprises on the list at time at: a current, active
// record (not revoked by its provider, not ended by credit repair — the
// store leaves those out) whose publicity period (公示期) has not ended.
// The codes come back sorted without duplicates.
func (s *Service) members(ctx context.Context, l List, at time.Time) ([]string, error) {
	cat, _, err := s.catalog.Current(ctx)
	if err != nil {
		return nil, err
	}
	pub := map[string]*catalog.Publicity{}
	for _, code := range l.Items {
		if it, err := cat.Item(code); err == nil {
			pub[code] = it.Publicity
		}
	}
	var out []string
	err = s.store.ListRecords(ctx, l.Items, func(uscc, item string, data map[string]string) error {
		if p := pub[item]; p != nil {
			if from, err := time.Parse(time.DateOnly, data[p.FromField]); err == nil {
				if _, end := p.Window(from); !at.Before(end) {
					return nil
				}
			}
		}
		out = append(out, uscc)
		return nil
	})
	if err != nil {
		return nil, err
	}
	slices.Sort(out)
	return slices.Compact(out), nil
}

// versionOf names a list's content on a day: the day (Beijing time) and a
// digest of the sorted members. The list key is derived from it, so it
// changes daily and whenever the list does.
func versionOf(at time.Time, members []string) string {
	h := sha256.New()
	for _, m := range members {
		h.Write([]byte(m))
		h.Write([]byte{'\n'})
	}
	return at.In(shanghai).Format("20060102") + "-" + hex.EncodeToString(h.Sum(nil)[:8])
}
