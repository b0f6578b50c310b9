// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"fmt"
	"strings"

	"github.com/xinrong/xinrong/internal/catalog"
	"github.com/xinrong/xinrong/internal/subject"
)

// breakRow turns a good row into a bad one of kind k and returns the
// values to write (possibly with a different number of columns). The row
// is changed in place.
func (c *ctx) breakRow(k BadKind, r *rng) []string {
	p, w := c.p, c.row
	subj := p.index[p.item.SubjectField]
	switch k {
	case BadUSCCCheck:
		code := w.vals[subj]
		if code[2:4] == "35" && code[8] == 'M' {
			// A Fujian code with M in position 9 and only check 18 wrong
			// is read as an early pilot code (see subject.Check): break
			// the organization-code check in position 17 instead.
			w.vals[subj] = code[:16] + string("0123456789X"[(strings.IndexByte("0123456789X", code[16])+1+r.IntN(9))%11]) + code[17:]
			break
		}
		w.vals[subj] = code[:17] + string(subject.Alphabet[(indexOf(code[17])+1+r.IntN(29))%31])
	case BadUSCCLength:
		code := w.vals[subj]
		cut := r.IntN(18)
		w.vals[subj] = code[:cut] + code[cut+1:]
	case BadUSCCCharset:
		code := []byte(w.vals[subj])
		pos := 8 + r.IntN(10) // in the organization-code part, where letters are allowed
		code[pos] = "IOSVZ"[r.IntN(5)]
		w.vals[subj] = string(code)
	case BadMissing:
		var req []int
		for i, f := range p.item.Fields {
			if f.Required == catalog.Required && w.vals[i] != "" {
				req = append(req, i)
			}
		}
		w.vals[req[r.IntN(len(req))]] = ""
	case BadDate:
		i := p.firstField(w, func(f catalog.Field) bool { return f.Type == catalog.TypeDate || f.Type == catalog.TypeMonth })
		if p.item.Fields[i].Type == catalog.TypeMonth {
			w.vals[i] = pick(r, []string{"2023-13", "2024/0", "202313"})
		} else {
			w.vals[i] = pick(r, []string{"2023-13-45", "2023/2/30", "2024-02-30", "2023-00-10", "2023年4月31日"})
		}
	case BadAmountText:
		i := p.firstField(w, func(f catalog.Field) bool { return f.Type.IsMoney() })
		w.vals[i] = pick(r, []string{"约5万", "约5万", "2千元左右", "待定", "五百元"})
	case BadEnum:
		i := p.firstField(w, func(f catalog.Field) bool { return f.Type == catalog.TypeEnum })
		w.vals[i] = pick(r, []string{"未知", "其它情形", "9", "待核实"})
	case BadEndBeforeStart:
		for _, pr := range p.pairs {
			if w.vals[pr[0]] == "" {
				continue
			}
			t := p.item.Fields[pr[0]].Type
			start, ok := p.parseTime(t, w.vals[pr[0]])
			if !ok {
				start = asOf
			}
			end := start.AddDate(0, 0, -r.between(1, 400))
			if t == catalog.TypeMonth {
				end = start.AddDate(0, -r.between(1, 12), 0)
			}
			w.vals[pr[1]] = p.formatTime(t, end)
			break
		}
	case BadTooFewColumns:
		return w.vals[:len(w.vals)-r.between(1, min(3, len(w.vals)-1))]
	case BadTooManyColumns:
		// Non-empty, or a spreadsheet reader would not see the extra cells.
		return append(w.vals, pick(r, []string{"备注", "核查中", "1"}))
	case BadUnknownSubject:
		// Each file walks its own slice of the code space past N, so the
		// code is in no file's master and never repeats.
		c.state.foreign++
		w.vals[subj] = c.g.codes.foreignCode(uint64(c.g.n), uint64(c.p.no)*maxEnterprises+uint64(c.state.foreign), c.f.place.code)
		if i, ok := p.index[p.item.NameField]; ok {
			w.vals[i] = c.g.prov.short + c.g.tradeName(r, 3) + "商贸有限公司"
		}
	case BadTrailingSpace:
		w.vals[subj] += pick(r, []string{" ", "  ", "\u3000", " \t"})
	case BadFullWidth:
		w.vals[subj] = fullWidth(w.vals[subj])
	}
	return w.vals
}

// writer emits the records of one enterprise into every file.
type writer struct {
	g      *Generator
	plans  []*filePlan
	states []*fileState
	bad    float64

	f         firm
	r, badRNG *rng
	row       row
	c         ctx
	kinds     []BadKind
}

// enterprise writes all records of enterprise i. The registration row is
// written first; if it was broken beyond repair, the enterprise is missing
// from a master loaded from the files, and its other good rows are counted
// as rows without master.
func (w *writer) enterprise(i int) error {
	if w.r == nil {
		w.r, w.badRNG = newRNG(), newRNG()
	}
	w.g.firm(&w.f, i)
	noMaster := false
	for pi, p := range w.plans {
		st := w.states[pi]
		w.c = ctx{g: w.g, f: &w.f, r: w.r.at(w.g.seed, p.stream, uint64(i)), p: p, row: &w.row, state: st}
		c := &w.c
		c.n = p.gen.count(c)
		for k := 0; k < c.n; k++ {
			c.k = k
			w.row.reset(len(p.item.Fields))
			p.gen.fill(c)
			genericFill(c)
			vals := w.row.vals
			bad := BadKind(-1)
			if w.bad > 0 {
				br := w.badRNG.at(w.g.seed, streamBad+p.stream, uint64(st.rows))
				if br.chance(w.bad) {
					if kinds := p.applicable(&w.row, w.kinds); len(kinds) > 0 {
						w.kinds = kinds
						bad = pick(br, kinds)
						vals = c.breakRow(bad, br)
					}
				}
			}
			if err := st.sink.write(vals); err != nil {
				return fmt.Errorf("generate: %s: %w", p.path, err)
			}
			st.rows++
			switch {
			case bad >= 0:
				st.bad[bad]++
				switch {
				case p.item.Code == masterItem && bad.Rejects():
					noMaster = true
				case noMaster && badKinds[bad].Outcome == "accepted":
					st.noMaster++ // normalisation repairs it, so it is quarantined like a good row
				}
			case noMaster:
				st.noMaster++
			}
		}
	}
	return nil
}
