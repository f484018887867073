package assist

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"minsheng"
	"minsheng/textmine/classify"
)

// routes is what the dispatchers' own decisions say: for each category, how
// often each organisation was chosen.
type routes struct {
	counts map[int64]map[int64]int
	totals map[int64]int
}

// Retrain learns the classifier and the routing history from the newest
// categorised cases in the store and swaps them in.
func (a *Assistant) Retrain(ctx context.Context) error {
	start := time.Now()
	cats, err := a.src.Categories(ctx)
	if err != nil {
		return err
	}
	data, err := a.src.TrainingCases(ctx, a.set.TrainLimit)
	if err != nil {
		return err
	}
	b, err := buildBrain(cats, data, a.set.MinTrainSize)
	if err != nil {
		return err
	}
	a.brain.Store(b)
	a.log.Info("assistant retrained", "cases", len(data), "model", b.version,
		"seconds", time.Since(start).Round(time.Millisecond).Seconds())
	return nil
}

// buildBrain trains a classifier on the categorised cases (when there are at
// least minSize of them in two or more categories) and counts the routes.
func buildBrain(cats []minsheng.Category, data []minsheng.Labeled, minSize int) (*brain, error) {
	b := &brain{cats: map[int64]minsheng.Category{}, routes: &routes{counts: map[int64]map[int64]int{}, totals: map[int64]int{}}}
	for _, c := range cats {
		b.cats[c.ID] = c
	}
	ex := make([]classify.Example, 0, len(data))
	labels := map[string]bool{}
	for _, d := range data {
		if _, ok := b.cats[d.CategoryID]; !ok {
			continue
		}
		label := strconv.FormatInt(d.CategoryID, 10)
		ex = append(ex, classify.Example{Text: d.Text, Label: label})
		labels[label] = true
		if d.OrgID != 0 {
			if b.routes.counts[d.CategoryID] == nil {
				b.routes.counts[d.CategoryID] = map[int64]int{}
			}
			b.routes.counts[d.CategoryID][d.OrgID]++
			b.routes.totals[d.CategoryID]++
		}
	}
	if len(ex) < minSize || len(labels) < 2 {
		return b, nil
	}
	opt := classify.DefaultOptions()
	opt.Seed = 1
	opt.MaxFeatures = 100000
	m, err := classify.Train(ex, opt)
	if err != nil {
		return nil, fmt.Errorf("train classifier on %d cases: %w", len(ex), err)
	}
	b.model = m
	b.version = fmt.Sprintf("%s/%d", time.Now().Format("20060102T150405"), len(ex))
	return b, nil
}
