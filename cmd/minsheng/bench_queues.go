package main

import (
	"context"
	"flag"
	"time"
)

// benchQueues fills a database to --cases with a working hotline's mix of
// states and times queue counts and pages for a dispatcher and a handler.
func benchQueues(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench queues", flag.ContinueOnError)
	def, cleanup := tempDB()
	defer cleanup()
	dbURL := fs.String("db", def, "database (default: a fresh temporary SQLite file)")
	n := fs.Int("cases", 1000000, "cases the database should hold")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	_, err = fillQueueCases(ctx, st, *n, time.Now())
	return err
}
