// SPDX-License-Identifier: Apache-2.0

package rights

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"time"

	"github.com/xinrong/xinrong/internal/apperr"
)

// Shanghai is the time zone working days are counted in: a deadline ends
// with a working day in China, wherever the server runs.
var Shanghai = func() *time.Location {
	loc, err := time.LoadLocation("Asia/Shanghai")
	if err != nil {
		return time.FixedZone("CST", 8*3600) // China has kept UTC+8 without summer time since 1991
	}
	return loc
}()

// calendarJSON is the built-in calendar: the State Council's notices on
// public holidays and adjusted working days (调休) for 2025 and 2026
// (国办发明电〔2024〕12号, 国办发明电〔2025〕7号). Operators add later years
// through Options.Calendar until a release carries them.
//
//go:embed calendar.json
var calendarJSON []byte

// Year is one year's exceptions to the Monday–Friday week.
type Year struct {
	Holidays []string `json:"holidays"` // days off that would be working days (and the weekend days of a holiday)
	Workdays []string `json:"workdays"` // weekend days that are working days (调休上班)
}

// CalendarFile is the JSON form of a calendar.
type CalendarFile struct {
	Source string          `json:"source,omitempty"`
	Years  map[string]Year `json:"years"`
}

// Calendar tells working days (工作日) from days off. Outside the years it
// knows, Monday to Friday are working days.
type Calendar struct {
	off, on map[string]bool // by YYYY-MM-DD
	years   map[string]bool
}

// ParseCalendar reads a calendar in the JSON form of calendar.json.
func ParseCalendar(b []byte) (CalendarFile, error) {
	var f CalendarFile
	if err := json.Unmarshal(b, &f); err != nil {
		return f, apperr.E(apperr.Invalid, "rights: 工作日历格式错误 / bad working-day calendar", err)
	}
	for y, yr := range f.Years {
		for _, d := range append(append([]string(nil), yr.Holidays...), yr.Workdays...) {
			t, err := time.Parse(time.DateOnly, d)
			if err != nil || t.Format("2006") != y {
				return f, apperr.Invalidf("rights: 日历 %s 年中的日期 %q 无效 / calendar year %s: bad date %q", y, d, y, d)
			}
		}
	}
	return f, nil
}

// DefaultCalendar returns the built-in calendar.
func DefaultCalendar() *Calendar {
	f, err := ParseCalendar(calendarJSON)
	if err != nil {
		panic(fmt.Sprintf("rights: built-in calendar: %v", err)) // a build defect, caught by tests
	}
	return NewCalendar(f)
}

// NewCalendar builds a calendar from files; a later file's year replaces
// an earlier file's whole year, so that an operator's correction of a
// year is the notice as published, not a patch.
func NewCalendar(files ...CalendarFile) *Calendar {
	c := &Calendar{off: map[string]bool{}, on: map[string]bool{}, years: map[string]bool{}}
	years := map[string]Year{}
	for _, f := range files {
		for y, yr := range f.Years {
			years[y] = yr
		}
	}
	for y, yr := range years {
		c.years[y] = true
		for _, d := range yr.Holidays {
			c.off[d] = true
		}
		for _, d := range yr.Workdays {
			c.on[d] = true
		}
	}
	return c
}

// Knows reports whether the calendar has the notice for year.
func (c *Calendar) Knows(year int) bool { return c.years[fmt.Sprint(year)] }

// IsWorkday reports whether the day of t, in Asia/Shanghai, is a working day.
func (c *Calendar) IsWorkday(t time.Time) bool {
	d := t.In(Shanghai)
	key := d.Format(time.DateOnly)
	switch {
	case c.on[key]:
		return true
	case c.off[key]:
		return false
	}
	wd := d.Weekday()
	return wd != time.Saturday && wd != time.Sunday
}

// AddWorkdays returns the end of the n-th working day after the day of t
// (Asia/Shanghai): a step due "within 2 working days" of a filing on a
// Tuesday ends at 24:00 on Thursday, whatever the hour of filing. The day
// of t itself does not count, as with periods under Chinese
// administrative law (期间开始的当日不计算在内). n <= 0 gives the end of
// t's own day.
func (c *Calendar) AddWorkdays(t time.Time, n int) time.Time {
	d := t.In(Shanghai)
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, Shanghai)
	for n > 0 {
		day = day.AddDate(0, 0, 1)
		if c.IsWorkday(day) {
			n--
		}
	}
	return day.AddDate(0, 0, 1).UTC()
}
