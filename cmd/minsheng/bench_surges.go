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

// benchSurges implements `minsheng bench surges`: it draws many synthetic
// histories of a city's categories × areas with the demo's rhythm, injects
// one surge into half of them, and runs the detector over each. Recall is
// the share of injected surges alarmed in their series within 7 days of
// their start; false alarms are the alarms of the histories without a
// surge, per month of tested days, for one series and for the whole city.
func benchSurges(args []string) error {
	fs := flag.NewFlagSet("bench surges", flag.ContinueOnError)
	runs := fs.Int("runs", 200, "histories with a surge (as many again without)")
	series := fs.Int("series", 40, "series per city (categories × districts)")
	days := fs.Int("days", 365, "days per history")
	minRate := fs.Float64("min-rate", 1, "least mean requests a day of a series")
	maxRate := fs.Float64("max-rate", 20, "most mean requests a day of a series")
	mult := fs.Float64("multiplier", 3, "rate multiplier of an injected surge")
	length := fs.Int("length", 14, "days an injected surge lasts")
	seed := fs.Uint64("seed", 1, "random seed")
	k := fs.Float64("k", 0, "CUSUM allowance (0: the detector's default)")
	h := fs.Float64("h", 0, "CUSUM threshold (0: the detector's default)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *runs <= 0 || *series <= 0 || *days < 120 || *minRate <= 0 || *maxRate < *minRate || *mult <= 1 || *length <= 0 {
		return errors.New("bench surges: need --runs > 0, --series > 0, --days >= 120, 0 < --min-rate <= --max-rate, --multiplier > 1, --length > 0")
	}
	city := surgesim.City{Series: *series, Days: *days, MinRate: *minRate, MaxRate: *maxRate, Shape: 10,
		Start: time.Date(2025, 1, 1, 0, 0, 0, 0, time.FixedZone("CST", 8*3600))}
	opt := surge.Options{K: *k, H: *h}
	r := rand.New(rand.NewPCG(*seed, 99))
	start := time.Now()
	found := 0
	var byBand [3][2]int // recall by base rate: < 3, 3–10, >= 10 a day
	var delay float64
	for range *runs {
		s := surgesim.Surge{Index: r.IntN(*series), Day: 90 + r.IntN(*days-90-*length), Days: *length, Multiplier: *mult}
		hist, rates := surgesim.Draw(city, &s, r)
		band := 0
		if rates[s.Index] >= 10 {
			band = 2
		} else if rates[s.Index] >= 3 {
			band = 1
		}
		byBand[band][1]++
		from := city.Start.AddDate(0, 0, s.Day)
		for _, a := range surge.Detect(hist, opt) {
			if d := a.Day.Sub(from).Hours() / 24; a.Key == hist[s.Index].Key && d >= 0 && d < 7 {
				found++
				byBand[band][0]++
				delay += d
				break
			}
		}
	}
	alarms, tested := 0, 0
	for range *runs {
		hist, _ := surgesim.Draw(city, nil, r)
		alarms += len(surge.Detect(hist, opt))
		tested += *days - 35 // the first MinDays+Guard days are not tested
	}
	months := float64(tested) / 30.44
	perSeries := float64(alarms) / (months * float64(*series))
	fmt.Printf("histories: %d with a ×%.1f surge of %d days, %d without; %d series of %.0f–%.0f requests a day, %d days\n",
		*runs, *mult, *length, *runs, *series, *minRate, *maxRate, *days)
	for i, name := range []string{"< 3 a day", "3–10 a day", ">= 10 a day"} {
		if byBand[i][1] > 0 {
			fmt.Printf("  recall, series of %-11s %.3f (%d of %d)\n", name, ratio(byBand[i][0], byBand[i][1]), byBand[i][0], byBand[i][1])
		}
	}
	fmt.Printf("recall=%.3f mean_delay_days=%.1f false_alarms_per_series_month=%.3f false_alarms_per_city_month=%.2f series=%d seconds=%.1f\n",
		ratio(found, *runs), delay/float64(max(found, 1)), perSeries, perSeries*float64(*series), *series, time.Since(start).Seconds())
	return nil
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}
