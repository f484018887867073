// Package surge finds when a category of requests in an area rises well
// above its own baseline (complaints climbing after an old estate's
// renovation, a burst of water cuts in one district).
//
// The expected count of a day is the series' level times the weekday's
// factor. The level is the mean weekday-adjusted count over Options.Baseline
// days that end Options.Guard days earlier, so a surge does not hide in its
// own baseline for a week, scaled by how much busier the whole city has
// been in the last week than over that window (seasons and holidays move
// every series at once); the weekday factors come from all the series
// together (a hotline's weekly rhythm is shared, and one series alone is
// too sparse to estimate it). Each day's count becomes an Anscombe residual
// r = 1.5·(y^⅔ − μ^⅔)/μ^⅙, which is close to standard normal for Poisson
// counts even at one or two a day, divided by the series' own
// overdispersion. A one-sided CUSUM S = max(0, S + r − K) accumulates
// excess; it alarms when S passes H and the days since S left zero hold at
// least MinExcess more requests than expected. After an alarm the series
// rests for Options.Cooldown days: a surge is one alert, not one a day.
package surge

import (
	"math"
	"time"
)

// Series is the daily count of one category in one area.
type Series struct {
	Key   Key
	Start time.Time // the first day of Counts (a local midnight)
	// Counts holds one count per day from Start.
	Counts []float64
}

// Key names a series: a category in an area (a district organisation).
type Key struct {
	CategoryID int64  `json:"category_id"`
	AreaID     int64  `json:"area_id"`
	Label      string `json:"label,omitempty"`
}

// Alert is a surge found in a series.
type Alert struct {
	Key Key `json:"key"`
	// Day is the day the alarm rose; From is the day the excess began.
	Day  time.Time `json:"day"`
	From time.Time `json:"from"`
	// Observed and Expected are the requests from From to Day and what the
	// baseline expected of those days.
	Observed float64 `json:"observed"`
	Expected float64 `json:"expected"`
	// Score is the CUSUM statistic at the alarm, in standard deviations.
	Score float64 `json:"score"`
}

// Ratio is how many times the expected count arrived.
func (a Alert) Ratio() float64 {
	if a.Expected <= 0 {
		return math.Inf(1)
	}
	return a.Observed / a.Expected
}

// Options tunes Detect; zero fields take the defaults noted, chosen with
// `minsheng bench surges`.
type Options struct {
	Baseline  int     // days of baseline (default 56)
	Guard     int     // days between the baseline and the day tested (default 7)
	MinDays   int     // least baseline days before a series is tested (default 28)
	K         float64 // CUSUM allowance per day, in standard deviations (default 0.5)
	H         float64 // CUSUM decision threshold (default 6)
	MinExcess float64 // least excess requests for an alarm (default 4)
	Cooldown  int     // days a series rests after an alarm (default 14)
	// Floor is the least expected count a day (default 0.2): a series that
	// was silent is not expected to stay at exactly zero.
	Floor float64
	// Since skips alarms before this day (zero: report every alarm).
	Since time.Time
	// Weekday is the weekday rhythm (factors averaging 1, Sunday first);
	// nil estimates it from the series given.
	Weekday *[7]float64
}

func (o Options) withDefaults() Options {
	def := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	deff := func(v *float64, d float64) {
		if *v <= 0 {
			*v = d
		}
	}
	def(&o.Baseline, 56)
	def(&o.Guard, 7)
	def(&o.MinDays, 28)
	def(&o.Cooldown, 14)
	deff(&o.K, 0.5)
	deff(&o.H, 6)
	deff(&o.MinExcess, 4)
	deff(&o.Floor, 0.2)
	return o
}

// Detect returns the surges in the series, in series order then day order.
func Detect(series []Series, opt Options) []Alert {
	opt = opt.withDefaults()
	wd := WeekdayFactors(series)
	if opt.Weekday != nil {
		wd = *opt.Weekday
	}
	city := cityVolume(series)
	var out []Alert
	for _, s := range series {
		out = append(out, detectOne(s, &wd, city, opt)...)
	}
	return out
}

// cityVolume is the daily total of all the series when they share their
// days (nil otherwise). The whole city's rise and fall from month to month
// (heating in winter, water in summer, the quiet of the Spring Festival)
// then scales every series' expectation, so a season is not a surge.
func cityVolume(series []Series) []float64 {
	if len(series) < 2 {
		return nil
	}
	n := len(series[0].Counts)
	total := make([]float64, n)
	for _, s := range series {
		if !s.Start.Equal(series[0].Start) || len(s.Counts) != n {
			return nil
		}
		for i, y := range s.Counts {
			total[i] += y
		}
	}
	return total
}

// season returns how much busier the city was in the week before day t
// than over the baseline window [lo, hi), weekday-adjusted; 1 without a
// city volume.
func season(city, fac []float64, lo, hi, t int) float64 {
	if city == nil {
		return 1
	}
	var base, recent float64
	for i := lo; i < hi; i++ {
		base += city[i] / fac[i]
	}
	for i := max(0, t-7); i < t; i++ {
		recent += city[i] / fac[i]
	}
	base /= float64(hi - lo)
	recent /= float64(t - max(0, t-7))
	if base <= 0 || recent <= 0 {
		return 1
	}
	// Bounded: a city-wide jump is news too, but not this test's to mute.
	return min(max(recent/base, 0.5), 2)
}

// WeekdayFactors estimates the weekly rhythm from the series' total count
// per weekday, as factors averaging 1 (Sunday first); all ones when there
// is too little data.
func WeekdayFactors(series []Series) [7]float64 {
	var sum [7]float64
	var days [7]int
	for _, s := range series {
		for i, y := range s.Counts {
			d := int(s.Start.AddDate(0, 0, i).Weekday())
			sum[d] += y
			days[d]++
		}
	}
	var f [7]float64
	var mean float64
	for d := range f {
		if days[d] > 0 {
			f[d] = sum[d] / float64(days[d])
		}
		mean += f[d] / 7
	}
	for d := range f {
		if mean <= 0 || f[d] <= 0 {
			f[d] = 1
		} else {
			f[d] /= mean
		}
	}
	return f
}

// anscombe is the Anscombe residual of a Poisson count y of mean mu.
func anscombe(y, mu float64) float64 {
	return 1.5 * (math.Pow(y, 2.0/3) - math.Pow(mu, 2.0/3)) / math.Pow(mu, 1.0/6)
}

// detectOne runs the CUSUM over one series.
func detectOne(s Series, wd *[7]float64, city []float64, opt Options) []Alert {
	n := len(s.Counts)
	adj := make([]float64, n) // weekday-adjusted counts
	fac := make([]float64, n)
	for i, y := range s.Counts {
		fac[i] = wd[int(s.Start.AddDate(0, 0, i).Weekday())]
		adj[i] = y / fac[i]
	}
	var out []Alert
	var cusum, obs, exp, level, disp, rho float64
	from, rest, fresh := -1, 0, -1
	for t := range n {
		hi := t - opt.Guard
		lo := max(0, hi-opt.Baseline)
		if hi-lo < opt.MinDays {
			continue
		}
		// The baseline moves slowly: renewing it weekly is enough.
		if fresh < 0 || t-fresh >= 7 {
			level, disp = baseline(s.Counts[lo:hi], adj[lo:hi], fac[lo:hi], opt.Floor)
			rho = season(city, fac, lo, hi, t)
			fresh = t
		}
		mu := max(level*fac[t]*rho, opt.Floor)
		r := anscombe(s.Counts[t], mu) / disp
		if rest > 0 {
			rest--
			continue
		}
		if cusum == 0 {
			from, obs, exp = t, 0, 0
		}
		cusum = max(0, cusum+r-opt.K)
		obs += s.Counts[t]
		exp += mu
		if cusum == 0 {
			continue
		}
		day := s.Start.AddDate(0, 0, t)
		if cusum > opt.H && obs-exp >= opt.MinExcess {
			if opt.Since.IsZero() || !day.Before(opt.Since) {
				out = append(out, Alert{Key: s.Key, Day: day, From: s.Start.AddDate(0, 0, from),
					Observed: obs, Expected: math.Round(exp*10) / 10, Score: math.Round(cusum*100) / 100})
			}
			cusum, rest = 0, opt.Cooldown
		}
	}
	return out
}

// baseline returns a window's level (mean weekday-adjusted count, at least
// floor) and its overdispersion: the spread of its Anscombe residuals,
// at least ½ (an Anscombe residual of a small Poisson count
// varies less than 1) and capped, so one wild day cannot blind the
// test.
func baseline(counts, adj, fac []float64, floor float64) (level, disp float64) {
	for _, a := range adj {
		level += a
	}
	level = max(level/float64(len(adj)), floor)
	var ss float64
	for i, y := range counts {
		r := anscombe(y, max(level*fac[i], floor))
		ss += r * r
	}
	disp = math.Sqrt(ss / float64(len(counts)))
	return level, min(max(disp, 0.5), 3)
}
