// SPDX-License-Identifier: Apache-2.0

package web

import (
	"fmt"

	"github.com/xinrong/xinrong/internal/subject"
)

// regionOptions lists the areas a node's users filter by: the node's own
// area first, then the divisions one level below it (a provincial node
// lists its prefectures, a city node its counties, the national platform
// its provinces). The subject package has no child listing, so the
// candidates are generated from the code's digits and kept when they are
// in force.
func regionOptions(v *view, node, selected string) []option {
	regions := subject.Regions()
	var codes []string
	nr, status := regions.Lookup(node)
	switch {
	case node == "" || status == subject.RegionNational || status == subject.RegionUnknown:
		for p := 11; p <= 82; p++ {
			codes = append(codes, fmt.Sprintf("%02d0000", p))
		}
	case nr.Level == subject.LevelProvince:
		codes = append(codes, node)
		for c := 1; c <= 99; c++ {
			codes = append(codes, fmt.Sprintf("%s%02d00", node[:2], c))
		}
	case nr.Level == subject.LevelPrefecture:
		codes = append(codes, node)
		for c := 1; c <= 99; c++ {
			codes = append(codes, fmt.Sprintf("%s%02d", node[:4], c))
		}
	default:
		codes = append(codes, node)
	}
	var out []option
	for _, c := range codes {
		r, st := regions.Lookup(c)
		if st != subject.RegionCurrent || r.Name == "市辖区" {
			continue
		}
		label := r.Name
		if c == node && nr.Level != subject.LevelCounty {
			label = v.T("search.region_all", r.Name)
		}
		out = append(out, option{Value: c, Label: label, Selected: c == selected})
	}
	if selected != "" && !hasOption(out, selected) {
		// A region reached by a link (a profile, a bookmark) stays selected.
		out = append(out, option{Value: selected, Label: regionName(selected), Selected: true})
	}
	return out
}

func hasOption(opts []option, v string) bool {
	for _, o := range opts {
		if o.Value == v {
			return true
		}
	}
	return false
}

// regionName names a division with the divisions above it.
func regionName(code string) string { return subject.Regions().FullName(code) }
