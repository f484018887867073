package demo

import (
	"context"
	"fmt"
	"time"

	"minsheng"
	"minsheng/store"
)

// holidayNotice is one year's State Council notice on public holidays
// (国务院办公厅关于某年部分节假日安排的通知): the days off, and the weekend
// days worked instead (调休上班).
type holidayNotice struct {
	year  int
	spans []holidaySpan
}

// holidaySpan is one holiday of a notice: its first and last day off and
// the make-up working days that go with it, all as "MM-DD".
type holidaySpan struct {
	name      string
	from, to  string
	workdays  []string
	workdayOf string // the name the make-up days carry
}

// holidayNotices are the notices for the years the demo's cases and their
// deadlines span. Deadlines count working days on this calendar, so they
// skip 春节 and 国庆 and count the Saturdays and Sundays worked instead, as
// the hotline's do. The notice for a year is published each November; a
// year not listed here has weekends only until an admin enters it.
var holidayNotices = []holidayNotice{
	// 国务院办公厅关于2024年部分节假日安排的通知（国办发明电〔2023〕7号，2023年10月25日）
	{2024, []holidaySpan{
		{name: "元旦", from: "01-01", to: "01-01"},
		{name: "春节", from: "02-10", to: "02-17", workdays: []string{"02-04", "02-18"}},
		{name: "清明节", from: "04-04", to: "04-06", workdays: []string{"04-07"}},
		{name: "劳动节", from: "05-01", to: "05-05", workdays: []string{"04-28", "05-11"}},
		{name: "端午节", from: "06-10", to: "06-10"},
		{name: "中秋节", from: "09-15", to: "09-17", workdays: []string{"09-14"}},
		{name: "国庆节", from: "10-01", to: "10-07", workdays: []string{"09-29", "10-12"}},
	}},
	// 国务院办公厅关于2025年部分节假日安排的通知（国办发明电〔2024〕12号，2024年11月12日）
	{2025, []holidaySpan{
		{name: "元旦", from: "01-01", to: "01-01"},
		{name: "春节", from: "01-28", to: "02-04", workdays: []string{"01-26", "02-08"}},
		{name: "清明节", from: "04-04", to: "04-06"},
		{name: "劳动节", from: "05-01", to: "05-05", workdays: []string{"04-27"}},
		{name: "端午节", from: "05-31", to: "06-02"},
		{name: "国庆节、中秋节", from: "10-01", to: "10-08", workdays: []string{"09-28", "10-11"}},
	}},
	// 国务院办公厅关于2026年部分节假日安排的通知（2025年11月4日）
	{2026, []holidaySpan{
		{name: "元旦", from: "01-01", to: "01-03", workdays: []string{"01-04"}},
		{name: "春节", from: "02-15", to: "02-23", workdays: []string{"02-14", "02-28"}},
		{name: "清明节", from: "04-04", to: "04-06"},
		{name: "劳动节", from: "05-01", to: "05-05", workdays: []string{"05-09"}},
		{name: "端午节", from: "06-19", to: "06-21"},
		{name: "中秋节", from: "09-25", to: "09-27"},
		{name: "国庆节", from: "10-01", to: "10-07", workdays: []string{"09-20", "10-10"}},
	}},
}

// days lists a notice as the calendar stores it: every day off, then the
// make-up working days, each named for its holiday.
func (n holidayNotice) days() ([]minsheng.HolidayDay, error) {
	var out []minsheng.HolidayDay
	for _, s := range n.spans {
		from, err := time.Parse(time.DateOnly, fmt.Sprintf("%d-%s", n.year, s.from))
		if err != nil {
			return nil, err
		}
		to, err := time.Parse(time.DateOnly, fmt.Sprintf("%d-%s", n.year, s.to))
		if err != nil {
			return nil, err
		}
		for d := from; !d.After(to); d = d.AddDate(0, 0, 1) {
			out = append(out, minsheng.HolidayDay{Date: d.Format(time.DateOnly), Kind: minsheng.DayHoliday, Name: s.name})
		}
		for _, w := range s.workdays {
			out = append(out, minsheng.HolidayDay{Date: fmt.Sprintf("%d-%s", n.year, w), Kind: minsheng.DayWorkday, Name: s.name + "调休上班"})
		}
	}
	return out, nil
}

// seedHolidays stores every notice's days, replacing what the years held.
func seedHolidays(ctx context.Context, st *store.Store) error {
	for _, n := range holidayNotices {
		days, err := n.days()
		if err != nil {
			return fmt.Errorf("demo holidays %d: %w", n.year, err)
		}
		if err := st.SetHolidays(ctx, n.year, days); err != nil {
			return fmt.Errorf("demo holidays %d: %w", n.year, err)
		}
	}
	return nil
}
