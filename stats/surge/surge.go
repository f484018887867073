// Package surge finds when a category of requests in an area rises well
// above its own baseline (complaints climbing after an old estate's
// renovation, a burst of water cuts in one district).
//
// Each day's count is compared with what the series' baseline expects: its
// level over Options.Baseline days that end Options.Guard days earlier (so
// a surge does not hide in its own baseline for a week, and days of an
// earlier alarm are left out of it), times the weekday's factor (the weekly
// rhythm is shared by all series; one series alone is too sparse to
// estimate it), times how much busier the rest of the city has been in the
// last week than over that window (seasons and holidays move every series
// at once). Counts are negative binomial about that mean, with the
// series' own dispersion shrunk towards Poisson when it has too few
// requests to tell. A one-sided CUSUM of the log-likelihood ratio of a rise
// of Options.Rise times against none accumulates the evidence; it alarms
// when it passes the threshold at which that series, with nothing rising,
// would alarm once in its run length (see Threshold), and the days since it
// left zero hold at least MinExcess more requests than expected. Run
// lengths share out one budget of false alarms for all the series (see
// runLengths): quiet series, which need days to show a rise, get more of it
// than busy ones, which show it at once.
// After an alarm the series rests for Options.Cooldown days: a surge is one
// alert, not one a day.
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
	// Score is the CUSUM statistic at the alarm: the log-likelihood ratio
	// of the rise against none over the days from From to Day.
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
// `minsheng bench surges` on its tuning seeds.
type Options struct {
	Baseline int // days of baseline (default 112: at one request a day, 56 days leave the level 13 % uncertain)
	Guard    int // days between the baseline and the day tested (default 7)
	MinDays  int // least baseline days before a series is tested (default 28)
	// Rise is the rise the CUSUM is tuned to find fastest, as a multiple of
	// the expected count (default 2); it finds larger ones sooner.
	Rise float64
	// RunLength is the in-control average run length in days: how long a
	// series with nothing rising goes between false alarms on average
	// (default 1500, four years: one a month in a city of 50 series),
	// averaged over the series as Allot shares it out.
	RunLength float64
	// Allot is how strongly the false-alarm budget favours quiet series:
	// each series' run length grows as its mean rate to this power (see
	// runLengths; default 1). Negative gives every series RunLength.
	Allot     float64
	MinExcess float64 // least excess requests for an alarm (default 3)
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
	def(&o.Baseline, 112)
	def(&o.Guard, 7)
	def(&o.MinDays, 28)
	def(&o.Cooldown, 14)
	deff(&o.Rise, 2)
	deff(&o.RunLength, 1500)
	deff(&o.MinExcess, 3)
	deff(&o.Floor, 0.2)
	if o.Allot == 0 {
		o.Allot = 1
	}
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
	arl := runLengths(series, opt)
	var out []Alert
	for i, s := range series {
		out = append(out, detectOne(s, &wd, city, arl[i], opt)...)
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

// season returns how much busier the rest of the city (all but the series
// tested, so that a surge does not raise its own expectation) was in the
// week before day t than over the baseline window [lo, hi),
// weekday-adjusted; 1 without a city volume.
func season(city, own, fac []float64, lo, hi, t int) float64 {
	if city == nil {
		return 1
	}
	var base, recent float64
	for i := lo; i < hi; i++ {
		base += (city[i] - own[i]) / fac[i]
	}
	for i := max(0, t-7); i < t; i++ {
		recent += (city[i] - own[i]) / fac[i]
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

// detectOne runs the CUSUM over one series.
func detectOne(s Series, wd *[7]float64, city []float64, arl float64, opt Options) []Alert {
	n := len(s.Counts)
	fac := make([]float64, n)
	for i := range s.Counts {
		fac[i] = wd[int(s.Start.AddDate(0, 0, i).Weekday())]
	}
	// alarmed marks the days of earlier alarms, from the day the excess
	// began to the end of the rest after it: they stay out of baselines.
	alarmed := make([]bool, n)
	var out []Alert
	var cusum, obs, exp, h, rho float64
	var base baseline
	from, rest, fresh := -1, 0, -1
	for t := range n {
		hi := t - opt.Guard
		lo := max(0, hi-opt.Baseline)
		if hi-lo < opt.MinDays {
			continue
		}
		// The baseline moves slowly: renewing it weekly is enough.
		if fresh < 0 || t-fresh >= 7 {
			base = estimate(s.Counts[lo:hi], fac[lo:hi], alarmed[lo:hi], opt.Floor)
			rho = season(city, s.Counts, fac, lo, hi, t)
			h = Threshold(max(base.level*rho, opt.Floor), base.phi, base.rel, opt.Rise, arl)
			fresh = t
		}
		if base.days < opt.MinDays {
			continue
		}
		if rest > 0 {
			rest--
			alarmed[t] = true
			continue
		}
		c := counts{mu: max(base.level*fac[t]*rho, opt.Floor), phi: base.phi}
		if cusum == 0 {
			from, obs, exp = t, 0, 0
		}
		cusum = max(0, cusum+c.llr(s.Counts[t], opt.Rise))
		obs += s.Counts[t]
		exp += c.mu
		if cusum == 0 {
			continue
		}
		day := s.Start.AddDate(0, 0, t)
		if cusum >= h && obs-exp >= opt.MinExcess {
			if opt.Since.IsZero() || !day.Before(opt.Since) {
				out = append(out, Alert{Key: s.Key, Day: day, From: s.Start.AddDate(0, 0, from),
					Observed: obs, Expected: math.Round(exp*10) / 10, Score: math.Round(cusum*100) / 100})
			}
			for i := from; i <= t; i++ {
				alarmed[i] = true
			}
			cusum, rest = 0, opt.Cooldown
		}
	}
	return out
}

// baseline is what a window of days says about a series.
type baseline struct {
	level float64 // mean weekday-adjusted count a day, at least the floor
	phi   float64 // dispersion: a day's variance is mu + phi·mu²
	rel   float64 // relative standard error of the level
	days  int     // days that counted (not those of an earlier alarm)
}

// phiSpread is the prior standard deviation of a series' dispersion about
// Poisson: hotline series range from Poisson to about twice its variance
// at ten requests a day.
const phiSpread = 0.1

// estimate returns a window's baseline, leaving out the alarmed days. The
// level is the total count over the total weekday factor (the Poisson
// estimate), with its relative standard error. The dispersion starts from
// the method-of-moments estimate Σ((y−μ)² − μ)/Σμ² raised by one standard
// error (an underestimate costs false alarms, an overestimate a little
// power), and shrinks it towards Poisson by its variance under Poisson,
// about 2/Σμ², against phiSpread²: a busy series keeps its own spread,
// while a quiet series' handful of requests cannot claim a wild one.
func estimate(counts, fac []float64, alarmed []bool, floor float64) baseline {
	var b baseline
	var sum, weight float64
	for i, y := range counts {
		if !alarmed[i] {
			sum += y
			weight += fac[i]
			b.days++
		}
	}
	if b.days == 0 {
		return b
	}
	b.level = max(sum/weight, floor)
	var num, den float64
	for i, y := range counts {
		if !alarmed[i] {
			mu := b.level * fac[i]
			num += (y-mu)*(y-mu) - mu
			den += mu * mu
		}
	}
	tau2 := phiSpread * phiSpread
	w := tau2 / (tau2 + 2/den)
	phi := max(num/den, 0)
	var kurt float64
	for i := range counts {
		if !alarmed[i] {
			mu := b.level * fac[i]
			v := mu + phi*mu*mu
			kurt += (2 + 6*phi) * v * v
		}
	}
	b.phi = w * (phi + math.Sqrt(kurt)/den)
	b.rel = math.Sqrt((1/b.level + b.phi) / float64(b.days))
	return b
}
