// SPDX-License-Identifier: Apache-2.0

package generate

import (
	"math"
	"time"

	"github.com/xinrong/xinrong/internal/subject"
)

// asOf is the demo province's "today": registrations run up to it and the
// monthly records cover the twelve months ending with it. It is fixed, not
// the wall clock, so that a seed always gives the same files.
var asOf = time.Date(2025, 12, 31, 0, 0, 0, 0, time.UTC)

// firm is one generated market entity: the subject the master holds plus
// what the providers' files need about it (the legal representative's ID
// number, staff, revenue, closing date).
type firm struct {
	subject.Subject
	idx       int
	dept, cat byte
	place     place
	county    string // current county of the address
	closedAt  time.Time
	repID     string
	repMale   bool
	repAge    int // at asOf
	phone     string
	staff     int
	revenue   int64 // annual operating revenue, fen
	pilot     bool
	retired   bool
	regNo     string
	orgCode   string
	// risk scales the chance of negative records (penalties, arrears,
	// listings). Its mean is 1, so overall rates stay as stated; the same
	// firms collect several negatives, which is what scoring models need.
	risk float64
}

// kind is a department/category pair (positions 1–2) with its share of all
// market entities: about two thirds individual businesses, three in ten
// companies, a little over one percent farmers' co-ops, and a few social
// organizations and public institutions, as in the national statistics.
type kind struct {
	dept, cat byte
	typ       subject.Type
	share     float64
	growth    float64 // yearly growth of registrations since 1995
}

var kinds = []kind{
	{'9', '2', subject.TypeIndividual, 67.0, 1.13},
	{'9', '1', subject.TypeEnterprise, 31.0, 1.11},
	{'9', '3', subject.TypeCooperative, 1.2, 1.0},
	{'5', '2', subject.TypeSocialOrg, 0.4, 1.04},
	{'5', '1', subject.TypeSocialOrg, 0.2, 1.02},
	{'1', '2', subject.TypeInstitution, 0.2, 0.97},
}

const (
	firstYear   = 1995
	retiredRate = 0.02 // share of codes carrying a retired region code
)

// yearChoice returns a distribution of registration years growing by g a
// year: recent years dominate, as they do in every registry. Co-ops only
// exist since the 2007 law.
func yearChoice(g float64, from int) choice[int] {
	var ys []int
	var w []float64
	for y := from; y <= asOf.Year(); y++ {
		ys = append(ys, y)
		w = append(w, math.Pow(g, float64(y-firstYear)))
	}
	return newChoice(ys, w)
}

// dateIn returns a uniform date in year y, not after asOf.
func dateIn(r *rng, y int) time.Time {
	start := time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)
	if end.After(asOf) {
		end = asOf.AddDate(0, 0, 1)
	}
	days := int(end.Sub(start).Hours() / 24)
	return start.AddDate(0, 0, r.IntN(days))
}

// daysBetween returns a uniform date in [a, b] (a if b is before a).
func daysBetween(r *rng, a, b time.Time) time.Time {
	d := int(b.Sub(a).Hours() / 24)
	if d <= 0 {
		return a
	}
	return a.AddDate(0, 0, r.IntN(d+1))
}

// niceAmount rounds yuan to two significant figures, as registered capital
// is declared (120万, 3500万), and returns fen.
func niceAmount(yuan float64) int64 {
	if yuan < 1 {
		return 100
	}
	mag := math.Pow(10, math.Floor(math.Log10(yuan))-1)
	return int64(math.Round(yuan/mag)*mag) * 100
}

func clamp(x, lo, hi float64) float64 { return math.Max(lo, math.Min(hi, x)) }
