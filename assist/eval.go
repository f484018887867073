package assist

import (
	"context"
	"fmt"
	"io"
	"slices"
	"time"

	"minsheng"
)

// EvalSource is what an evaluation reads from the store.
type EvalSource interface {
	TrainingCases(ctx context.Context, limit int) ([]minsheng.Labeled, error)
	Categories(ctx context.Context) ([]minsheng.Category, error)
	Orgs(ctx context.Context) (*minsheng.OrgTree, error)
	DispatchPayloads(ctx context.Context, since time.Time) ([]string, error)
}

// Agreement is how often the dispatchers' decision was the first, or among
// the first three, suggestions.
type Agreement struct {
	Cases                    int
	CatTop1, CatTop3         float64
	OrgTop1, OrgTop3         float64
	LiveDispatches           int // dispatch events that recorded what was shown
	LiveOrgTop1, LiveOrgTop3 float64
	TrainSeconds             float64
}

// Evaluate replays history: it trains on the older cases and checks its
// suggestions against what dispatchers chose for the newest holdout share of
// cases. It also reads the agreement recorded at live dispatches.
func Evaluate(ctx context.Context, src EvalSource, holdout float64, limit int) (Agreement, error) {
	var ag Agreement
	cats, err := src.Categories(ctx)
	if err != nil {
		return ag, err
	}
	orgs, err := src.Orgs(ctx)
	if err != nil {
		return ag, err
	}
	data, err := src.TrainingCases(ctx, limit)
	if err != nil {
		return ag, err
	}
	slices.Reverse(data) // oldest first
	cut := int(float64(len(data)) * (1 - holdout))
	start := time.Now()
	b, err := buildBrain(cats, data[:cut], 20)
	if err != nil {
		return ag, err
	}
	ag.TrainSeconds = time.Since(start).Seconds()
	if b.model == nil {
		return ag, fmt.Errorf("too few categorised cases to train on (%d)", cut)
	}
	for _, d := range data[cut:] {
		if d.OrgID == 0 {
			continue
		}
		c := &minsheng.Case{Title: "", Content: d.Text}
		s := b.suggest(c, orgs)
		ag.Cases++
		r := rank(s.Categories, d.CategoryID)
		ag.CatTop1, ag.CatTop3 = ag.CatTop1+hit(r, 1), ag.CatTop3+hit(r, 3)
		r = rank(s.Orgs, d.OrgID)
		ag.OrgTop1, ag.OrgTop3 = ag.OrgTop1+hit(r, 1), ag.OrgTop3+hit(r, 3)
	}
	if ag.Cases > 0 {
		n := float64(ag.Cases)
		ag.CatTop1, ag.CatTop3, ag.OrgTop1, ag.OrgTop3 = ag.CatTop1/n, ag.CatTop3/n, ag.OrgTop1/n, ag.OrgTop3/n
	}
	return ag, live(ctx, src, &ag)
}

// live reads the org ranks recorded in dispatch events over the last 90 days.
func live(ctx context.Context, src EvalSource, ag *Agreement) error {
	payloads, err := src.DispatchPayloads(ctx, time.Now().AddDate(0, 0, -90))
	if err != nil {
		return err
	}
	for _, p := range payloads {
		d, err := minsheng.Decode[minsheng.DispatchPayload](minsheng.Event{Action: "dispatch", Payload: []byte(p)})
		if err != nil || d.Ranks == nil || d.SuggestedOrgs == 0 {
			continue // dispatched without suggestions, or an unreadable old event
		}
		ag.LiveDispatches++
		ag.LiveOrgTop1 += hit(d.OrgRank, 1)
		ag.LiveOrgTop3 += hit(d.OrgRank, 3)
	}
	if ag.LiveDispatches > 0 {
		ag.LiveOrgTop1 /= float64(ag.LiveDispatches)
		ag.LiveOrgTop3 /= float64(ag.LiveDispatches)
	}
	return nil
}

func rank(s []minsheng.Suggestion, id int64) int {
	for _, x := range s {
		if x.ID == id {
			return x.Rank
		}
	}
	return 0
}

func hit(rank, k int) float64 {
	if rank >= 1 && rank <= k {
		return 1
	}
	return 0
}

// Write prints the agreement as a table and the closing key=value line.
func (ag Agreement) Write(w io.Writer) {
	fmt.Fprintf(w, "holdout cases: %d (trained in %.1fs)\n", ag.Cases, ag.TrainSeconds)
	fmt.Fprintf(w, "category  top-1 %.3f  top-3 %.3f\n", ag.CatTop1, ag.CatTop3)
	fmt.Fprintf(w, "org       top-1 %.3f  top-3 %.3f\n", ag.OrgTop1, ag.OrgTop3)
	fmt.Fprintf(w, "live dispatches with suggestions: %d  org top-1 %.3f  top-3 %.3f\n", ag.LiveDispatches, ag.LiveOrgTop1, ag.LiveOrgTop3)
	fmt.Fprintf(w, "cases=%d cat_top1=%.4f cat_top3=%.4f org_top1=%.4f org_top3=%.4f live=%d live_org_top1=%.4f live_org_top3=%.4f\n",
		ag.Cases, ag.CatTop1, ag.CatTop3, ag.OrgTop1, ag.OrgTop3, ag.LiveDispatches, ag.LiveOrgTop1, ag.LiveOrgTop3)
}
