package main

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"time"

	"minsheng/stats/surge"
	"minsheng/stats/surge/surgesim"
)

// surgeReportSeed is the bench's default seed. The detector's defaults were
// tuned on seeds 1 and 2 only; this seed was not run until they were fixed,
// so its figures are not fitted to its own noise.
const surgeReportSeed = 7

// rateBands are the bands of a series' mean requests a day that recall and
// false alarms are reported by: a quiet series cannot show a rise as soon
// as a busy one.
var rateBands = []struct {
	name   string
	lo, hi float64
}{{"1–2", 0, 2}, {"2–3", 2, 3}, {"3–5", 3, 5}, {"5–10", 5, 10}, {"10+", 10, 1e9}}

func rateBand(rate float64) int {
	for i, b := range rateBands {
		if rate >= b.lo && rate < b.hi {
			return i
		}
	}
	return len(rateBands) - 1
}

// benchSurges implements `minsheng bench surges`: it draws many synthetic
// histories of a city's categories × areas with the demo's rhythm, injects
// one surge into each history of the first half, and runs the detector over
// each. Recall is the share of injected surges alarmed in their series
// within 7 days of their start; false alarms are the alarms of the
// histories without a surge, per month of tested days, for one series and
// for the whole city.
func benchSurges(args []string) error {
	fs := flag.NewFlagSet("bench surges", flag.ContinueOnError)
	runs := fs.Int("runs", 200, "histories with a surge (as many again without)")
	series := fs.Int("series", 40, "series per city (categories × districts)")
	days := fs.Int("days", 365, "days per history")
	minRate := fs.Float64("min-rate", 1, "least mean requests a day of a series")
	maxRate := fs.Float64("max-rate", 20, "most mean requests a day of a series")
	mult := fs.Float64("multiplier", 3, "rate multiplier of an injected surge")
	length := fs.Int("length", 14, "days an injected surge lasts")
	seed := fs.Uint64("seed", surgeReportSeed, "random seed (the defaults were tuned on 1 and 2)")
	rise := fs.Float64("rise", 0, "rise the CUSUM is tuned to (0: the detector's default)")
	runLength := fs.Float64("run-length", 0, "in-control run length in days (0: the detector's default)")
	minExcess := fs.Float64("min-excess", 0, "least excess requests of an alarm (0: the detector's default)")
	baseline := fs.Int("baseline", 0, "days of baseline (0: the detector's default)")
	allot := fs.Float64("allot", 0, "run length's power of a series' rate (0: the detector's default, negative: the same for all)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *runs <= 0 || *series <= 0 || *days < 120 || *minRate <= 0 || *maxRate < *minRate || *mult <= 1 || *length <= 0 {
		return errors.New("bench surges: need --runs > 0, --series > 0, --days >= 120, 0 < --min-rate <= --max-rate, --multiplier > 1, --length > 0")
	}
	city := surgesim.City{Series: *series, Days: *days, MinRate: *minRate, MaxRate: *maxRate, Shape: 10,
		Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))}
	opt := surge.Options{Rise: *rise, RunLength: *runLength, MinExcess: *minExcess, Baseline: *baseline, Allot: *allot}
	r := rand.New(rand.NewPCG(*seed, 99))
	start := time.Now()
	nb := len(rateBands)
	found, hits, alarms := make([]int, nb), make([]int, nb), make([]int, nb)
	seriesOf := make([]int, nb)
	var delay float64
	for range *runs {
		s := surgesim.Surge{Index: r.IntN(*series), Day: 90 + r.IntN(*days-90-*length), Days: *length, Multiplier: *mult}
		hist, rates := surgesim.Draw(city, &s, r)
		band := rateBand(rates[s.Index])
		hits[band]++
		from := city.Start.AddDate(0, 0, s.Day)
		for _, a := range surge.Detect(hist, opt) {
			if d := a.Day.Sub(from).Hours() / 24; a.Key == hist[s.Index].Key && d >= 0 && d < 7 {
				found[band]++
				delay += d
				break
			}
		}
	}
	for range *runs {
		hist, rates := surgesim.Draw(city, nil, r)
		for i := range rates {
			seriesOf[rateBand(rates[i])]++
		}
		for _, a := range surge.Detect(hist, opt) {
			alarms[rateBand(rates[a.Key.CategoryID-1])]++
		}
	}
	// The first 35 days of a history (the least baseline and its guard)
	// are not tested.
	monthsPerSeries := float64(*days-35) / 30.44
	fmt.Printf("simulated: %d histories of %d days with one surge each (one series, rate ×%.1f for %d days, starting on a random day after day 90) and %d without;\n",
		*runs, *days, *mult, *length, *runs)
	fmt.Printf("  %d series a city, mean %.0f–%.0f requests a day drawn log-uniformly, the demo's weekly and monthly rhythm, gamma noise of shape 10 on the day's rate (variance mu+mu²/10)\n",
		*series, *minRate, *maxRate)
	fmt.Printf("recall: share of surges alarmed in their series 0–6 days after their first day; false alarms: alarms in histories without a surge, per month of tested days (from day 35)\n")
	fmt.Printf("seed %d (the detector's defaults were tuned on seeds 1 and 2)\n", *seed)
	fmt.Printf("  %-12s %-22s %s\n", "requests/day", "recall", "false alarms per series-month")
	var allFound, allHits, allAlarms, allSeries int
	for i, b := range rateBands {
		allFound += found[i]
		allHits += hits[i]
		allAlarms += alarms[i]
		allSeries += seriesOf[i]
		if hits[i] == 0 && seriesOf[i] == 0 {
			continue
		}
		fmt.Printf("  %-12s %.3f (%3d of %3d)      %.4f (%d in %d series)\n", b.name, ratio(found[i], hits[i]), found[i], hits[i],
			float64(alarms[i])/(monthsPerSeries*float64(max(seriesOf[i], 1))), alarms[i], seriesOf[i])
	}
	perSeries := float64(allAlarms) / (monthsPerSeries * float64(allSeries))
	fmt.Printf("recall=%.3f mean_delay_days=%.1f false_alarms_per_series_month=%.4f false_alarms_per_city_month=%.2f series=%d seconds=%.1f\n",
		ratio(allFound, allHits), delay/float64(max(allFound, 1)), perSeries, perSeries*float64(*series), *series, time.Since(start).Seconds())
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
