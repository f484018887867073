package surge

import "math"

// The false-alarm budget is the city's, not each series': an analyst minds
// how many false alerts a month reach them, not which series raised them.
// A busy series shows a rise within a day or two at almost any threshold,
// while a quiet one (one or two requests a day) needs most of a week, so
// spending the same run length on each wastes the budget where recall is
// already full. runLengths shares it out instead: series' run lengths grow
// as their rate to the power Options.Allot, scaled so that the alarm rates
// 1/run length still add up to what Options.RunLength for every series
// would give.
const (
	// allotMin and allotMax bound the rate that sets a series' share: below
	// one request a day a series rarely has the excess an alarm needs, and
	// above ten it is found in a day or two whatever its share.
	allotMin = 1
	allotMax = 10
)

// runLengths returns each series' in-control run length: opt.RunLength
// times its share of the budget, from its mean count a day over the days
// given. The mean includes any surge in them, which only lowers that
// series' share a little.
func runLengths(series []Series, opt Options) []float64 {
	out := make([]float64, len(series))
	if opt.Allot <= 0 {
		for i := range out {
			out[i] = opt.RunLength
		}
		return out
	}
	// weight[i] is series i's share of the alarms, up to a common factor.
	weight := make([]float64, len(series))
	var sum float64
	for i, s := range series {
		var total float64
		for _, y := range s.Counts {
			total += y
		}
		rate := float64(allotMin)
		if len(s.Counts) > 0 {
			rate = min(max(total/float64(len(s.Counts)), allotMin), allotMax)
		}
		weight[i] = math.Pow(rate, -opt.Allot)
		sum += weight[i]
	}
	for i := range out {
		out[i] = opt.RunLength * sum / (float64(len(series)) * weight[i])
	}
	return out
}
