package main

import (
	"context"
	"flag"
	"fmt"
	"time"

	"minsheng/demo"
)

// runDemo adds synthetic cases to a database, played through the lifecycle.
func runDemo(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("demo", flag.ContinueOnError)
	dbURL := dbFlag(fs)
	n := fs.Int("cases", 3000, "cases to add")
	seed := fs.Int64("seed", time.Now().UnixNano(), "random seed (the same seed gives the same cases)")
	var surges []demo.Surge
	fs.Func("surge", "inject a surge CODE:DISTRICT:YYYY-MM-DD:DAYS:MULTIPLIER (repeatable), e.g. 0401:donggang:2026-11-20:14:3",
		func(v string) error {
			s, err := demo.ParseSurge(v)
			surges = append(surges, s)
			return err
		})
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	city := demo.NewCity()
	l, err := demo.SeedCity(ctx, st, city)
	if err != nil {
		return err
	}
	bar := newProgress("demo cases", *n)
	start := time.Now()
	err = demo.LoadSurgingCases(ctx, st, city, l, *n, *seed, time.Now(), surges, bar.set)
	bar.done()
	if err != nil {
		return err
	}
	fmt.Printf("added %d demo cases in %.1fs\n", *n, time.Since(start).Seconds())
	return nil
}
