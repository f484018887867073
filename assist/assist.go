// Package assist helps the people who screen requests: it suggests a category
// and a handling organisation for each new case, finds earlier cases about the
// same problem, and offers knowledge-base articles for a direct answer. It
// learns from what dispatchers actually decided, retraining in the background.
package assist

import (
	"context"
	"log/slog"
	"sync"
	"sync/atomic"
	"time"

	"minsheng"
	"minsheng/textmine/classify"
	"minsheng/textmine/dupe"
)

// Source is the store as the assistant reads it.
type Source interface {
	TrainingCases(ctx context.Context, limit int) ([]minsheng.Labeled, error)
	CasesSince(ctx context.Context, since time.Time, afterID int64, limit int) ([]minsheng.DupeDoc, error)
	Categories(ctx context.Context) ([]minsheng.Category, error)
	Orgs(ctx context.Context) (*minsheng.OrgTree, error)
	Articles(ctx context.Context) ([]*minsheng.Article, error)
}

// Settings tune the assistant; zero values take the defaults.
type Settings struct {
	Retrain      time.Duration // how often the classifier is retrained (10 min)
	Refresh      time.Duration // how often other nodes' cases are picked up (5 s)
	DupeWindow   time.Duration // how far back duplicates are looked for (60 days)
	DupeMin      float64       // smallest similarity reported (0.4)
	TrainLimit   int           // newest categorised cases to learn from (100,000)
	MinTrainSize int           // fewer categorised cases than this: no model (50)
}

func (s *Settings) defaults() {
	if s.Retrain == 0 {
		s.Retrain = 10 * time.Minute
	}
	if s.Refresh == 0 {
		s.Refresh = 5 * time.Second
	}
	if s.DupeWindow == 0 {
		s.DupeWindow = 60 * 24 * time.Hour
	}
	if s.DupeMin == 0 {
		s.DupeMin = 0.4
	}
	if s.TrainLimit == 0 {
		s.TrainLimit = 100000
	}
	if s.MinTrainSize == 0 {
		s.MinTrainSize = 50
	}
}

// Assistant holds the current models; it is safe for concurrent use, and a
// retrain swaps models atomically without blocking suggestions.
type Assistant struct {
	src  Source
	log  *slog.Logger
	set  Settings
	dups *dupe.Index

	brain atomic.Pointer[brain]
	kb    atomic.Pointer[kbIndex]

	mu       sync.Mutex // guards lastSeen
	lastSeen int64
}

// brain is one trained state: the classifier and the routing knowledge.
type brain struct {
	model   *classify.Model // nil until there is enough data
	version string
	cats    map[int64]minsheng.Category
	routes  *routes
}

// New returns an assistant over the store; call Load, then Run in the background.
func New(src Source, log *slog.Logger, set Settings) *Assistant {
	set.defaults()
	a := &Assistant{src: src, log: log, set: set,
		dups: dupe.NewIndex(dupe.Options{Threshold: set.DupeMin, Window: set.DupeWindow})}
	a.brain.Store(&brain{cats: map[int64]minsheng.Category{}, routes: &routes{}})
	a.kb.Store(&kbIndex{})
	return a
}

// Load builds everything from the store: the duplicate index, the knowledge
// base index and the classifier.
func (a *Assistant) Load(ctx context.Context) error {
	if err := a.refreshDupes(ctx); err != nil {
		return err
	}
	if err := a.ReloadArticles(ctx); err != nil {
		return err
	}
	return a.Retrain(ctx)
}

// Run keeps the assistant current until ctx ends: new cases from other nodes
// every few seconds, articles every minute, a retrain every few minutes.
func (a *Assistant) Run(ctx context.Context) {
	refresh, retrain := time.NewTicker(a.set.Refresh), time.NewTicker(a.set.Retrain)
	// Edits on this node reload the articles at once; this catches other nodes' edits.
	articles := time.NewTicker(time.Minute)
	defer refresh.Stop()
	defer retrain.Stop()
	defer articles.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-refresh.C:
			if err := a.refreshDupes(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("refresh duplicate index", "err", err)
			}
		case <-articles.C:
			if err := a.ReloadArticles(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("reload articles", "err", err)
			}
		case <-retrain.C:
			if err := a.Retrain(ctx); err != nil && ctx.Err() == nil {
				a.log.Warn("retrain classifier", "err", err)
			}
		}
	}
}

// lookBack is how many ids below the newest seen are read again on refresh:
// on PostgreSQL ids are handed out before commit, so a case of another node
// can become visible after a higher one. Re-adding a case is harmless.
const lookBack = 200

// refreshDupes indexes cases this node has not seen yet.
func (a *Assistant) refreshDupes(ctx context.Context) error {
	since := time.Now().Add(-a.set.DupeWindow)
	a.mu.Lock()
	after := max(0, a.lastSeen-lookBack)
	a.mu.Unlock()
	for {
		docs, err := a.src.CasesSince(ctx, since, after, 5000)
		if err != nil {
			return err
		}
		for _, d := range docs {
			a.dups.Add(dupe.Doc{ID: d.ID, Text: d.Text, At: d.At, Place: placeKey(d.Address)})
		}
		if len(docs) == 0 {
			return nil
		}
		after = docs[len(docs)-1].ID
		a.seen(after)
		if len(docs) < 5000 {
			return nil
		}
	}
}

func (a *Assistant) seen(id int64) {
	a.mu.Lock()
	if id > a.lastSeen {
		a.lastSeen = id
	}
	a.mu.Unlock()
}

// Screening is the assistant's look at a request before it is stored:
// suggestions and possible duplicates, computed while the write commits.
type Screening struct {
	Suggestions Suggestions
	Duplicates  []Duplicate
	prep        *dupe.Prepared
}

// Screen looks at a request that has no id yet.
func (a *Assistant) Screen(c *minsheng.Case, orgs *minsheng.OrgTree, k int) *Screening {
	p := a.dups.Prepare(dupeDoc(c))
	return &Screening{Suggestions: a.Suggest(c, orgs), Duplicates: a.keep(a.dups.QueryPrepared(p, k)), prep: p}
}

// Admit indexes a screened request once it is stored under its id.
func (a *Assistant) Admit(s *Screening, id int64) {
	a.dups.AddPrepared(s.prep, id)
	a.seen(id)
}

func dupeDoc(c *minsheng.Case) dupe.Doc {
	return dupe.Doc{ID: c.ID, Text: c.Title + "\n" + c.Content, At: c.CreatedAt, Place: placeKey(c.Address)}
}

// Forget drops a case from the duplicate index (it was merged away).
func (a *Assistant) Forget(id int64) { a.dups.Remove(id) }
