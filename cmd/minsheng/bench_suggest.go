package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"minsheng"
	"minsheng/assist"
	"minsheng/demo"
)

// benchSuggest measures how often the suggestions match the dispatchers'
// decisions: replayed on a holdout of the store's history, and as recorded at
// live dispatches. An empty database gets demo cases first.
func benchSuggest(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench suggest", flag.ContinueOnError)
	def, cleanup := tempDB()
	defer cleanup()
	dbURL := fs.String("db", def, "database (default: a fresh temporary SQLite file with demo cases)")
	holdout := fs.Float64("holdout", 0.2, "share of the newest categorised cases to test on")
	n := fs.Int("cases", 8000, "demo cases to load when the database is empty")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	if have, err := st.CountCases(ctx, minsheng.CaseFilter{}); err != nil {
		return err
	} else if have == 0 {
		city := demo.NewCity()
		l, err := demo.SeedCity(ctx, st, city)
		if err != nil {
			return err
		}
		bar := newProgress("demo cases", *n)
		err = demo.LoadCases(ctx, st, city, l, *n, 7, time.Now(), bar.set)
		bar.done()
		if err != nil {
			return err
		}
	}
	ag, err := assist.Evaluate(ctx, st, *holdout, 100000)
	if err != nil {
		return err
	}
	fmt.Fprintln(os.Stdout, "bench suggest: suggestions against dispatchers' decisions on", st.Dialect())
	ag.Write(os.Stdout)
	return nil
}
