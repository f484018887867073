package surge_test

import (
	"math/rand/v2"
	"testing"
	"time"

	"minsheng/stats/surge"
	"minsheng/stats/surge/surgesim"
)

var city = surgesim.City{Series: 10, Days: 200, MinRate: 4, MaxRate: 12, Shape: 10,
	Start: time.Date(2026, 1, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))}

func TestDetectFindsInjectedSurge(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 7))
	s := surgesim.Surge{Index: 3, Day: 150, Days: 14, Multiplier: 3}
	hist, _ := surgesim.Draw(city, &s, r)
	from := city.Start.AddDate(0, 0, s.Day)
	var hit *surge.Alert
	alerts := surge.Detect(hist, surge.Options{})
	for i, a := range alerts {
		if a.Key.CategoryID == 4 && !a.Day.Before(from) && a.Day.Before(from.AddDate(0, 0, 7)) {
			hit = &alerts[i]
		}
	}
	if hit == nil {
		t.Fatalf("the surge of series 4 from %s was not found; alerts: %+v", from.Format("2006-01-02"), alerts)
	}
	if hit.Ratio() < 1.5 || hit.Observed-hit.Expected < 4 || hit.From.After(hit.Day) {
		t.Errorf("alert %+v does not describe a threefold rise", hit)
	}
	if len(alerts) > 3 {
		t.Errorf("%d alerts in 10 series over 200 days, want the surge and at most a couple of others", len(alerts))
	}
}

func TestDetectIsQuietOnSteadyCounts(t *testing.T) {
	// A perfectly steady series with a weekly rhythm never alarms.
	counts := make([]float64, 120)
	for i := range counts {
		counts[i] = 6
		if wd := city.Start.AddDate(0, 0, i).Weekday(); wd == time.Saturday || wd == time.Sunday {
			counts[i] = 3
		}
	}
	if a := surge.Detect([]surge.Series{{Start: city.Start, Counts: counts}}, surge.Options{}); len(a) != 0 {
		t.Errorf("steady series alarmed: %+v", a)
	}
	// The same series at 20 a day for two weeks alarms within days, once.
	for i := 100; i < 114; i++ {
		counts[i] = 20
	}
	a := surge.Detect([]surge.Series{{Start: city.Start, Counts: counts}}, surge.Options{})
	if len(a) != 1 || a[0].Day.Sub(city.Start.AddDate(0, 0, 100)) > 3*24*time.Hour {
		t.Errorf("jump to 20 a day: alerts %+v, want one within 3 days of day 100", a)
	}
}

func TestWeekdayFactors(t *testing.T) {
	counts := make([]float64, 70)
	for i := range counts {
		counts[i] = 10
		if wd := city.Start.AddDate(0, 0, i).Weekday(); wd == time.Sunday {
			counts[i] = 3
		}
	}
	f := surge.WeekdayFactors([]surge.Series{{Start: city.Start, Counts: counts}})
	if f[time.Sunday] >= f[time.Monday] || f[time.Monday] < 1 {
		t.Errorf("factors %v do not show the quiet Sunday", f)
	}
}

// TestFalseAlarmsOfSparseSeriesStayInBudget runs the detector over a year
// of 40 series at one request a day with the weekly rhythm and nothing
// rising. Its default run length of 1500 days allows about 0.02 false
// alarms a series a month, 9 in all; a threshold that ignored how loosely
// 112 days of one request a day pin the level down raised about twice that.
func TestFalseAlarmsOfSparseSeriesStayInBudget(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	sparse := surgesim.City{Series: 40, Days: 365, MinRate: 1, MaxRate: 1, Shape: 1000, Start: city.Start}
	hist, _ := surgesim.Draw(sparse, nil, r)
	alarms := surge.Detect(hist, surge.Options{})
	if len(alarms) > 15 {
		t.Errorf("%d false alarms in 40 quiet series over a year, want about 9", len(alarms))
	}
}
