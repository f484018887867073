package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/outbox"
	"minsheng/server"
	"minsheng/store"
)

func runServe(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	addr := fs.String("addr", envOr("MINSHENG_ADDR", "127.0.0.1:8080"), "listen address (env MINSHENG_ADDR)")
	dbURL := dbFlag(fs)
	withDemo := fs.Bool("demo", false, "load the demo city and cases into an empty database")
	cases := fs.Int("demo-cases", 3000, "how many demo cases --demo loads")
	// The outbox (issue 10).
	outboxPoll := fs.Duration("outbox-poll", time.Second, "how often the outbox looks for due notifications")
	outboxLease := fs.Duration("outbox-lease", 2*time.Minute, "how long a node keeps others off a notification it is sending")
	privateHooks := fs.Bool("webhook-private", os.Getenv("MINSHENG_WEBHOOK_PRIVATE") == "1",
		"let webhooks target loopback, private and link-local addresses (env MINSHENG_WEBHOOK_PRIVATE=1); off, they are refused")
	if err := fs.Parse(args); err != nil {
		return err
	}
	log := logger()
	cfg := server.Config{Addr: *addr, DB: *dbURL, Log: log, Outbox: outbox.Config{Poll: *outboxPoll, Lease: *outboxLease},
		PrivateWebhooks: *privateHooks}
	if *withDemo {
		cfg.Seed = func(ctx context.Context, st *store.Store) error {
			return seedDemo(ctx, st, *cases)
		}
	}
	m, err := server.Start(ctx, cfg)
	if err != nil {
		return err
	}
	err = m.Wait(ctx)
	shut, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	log.Info("shutting down")
	if cerr := m.Close(shut); err == nil {
		err = cerr
	}
	return err
}

// seedDemo loads the demo city, and its cases when the database has none,
// then prints the demo accounts.
func seedDemo(ctx context.Context, st *store.Store, cases int) error {
	city := demo.NewCity()
	l, err := demo.SeedCity(ctx, st, city)
	if err != nil {
		return err
	}
	n, err := st.CountCases(ctx, minsheng.CaseFilter{})
	if err != nil {
		return err
	}
	if n == 0 && cases > 0 {
		start := time.Now()
		if err := demo.LoadCases(ctx, st, city, l, cases, 1, time.Now(), nil); err != nil {
			return err
		}
		fmt.Fprintf(os.Stderr, "demo: loaded %d cases in %.1fs\n", cases, time.Since(start).Seconds())
	}
	fmt.Fprintln(os.Stderr, "demo accounts (password "+demo.Password+"):")
	for _, u := range city.Users {
		fmt.Fprintf(os.Stderr, "  %-13s %-13s %s\n", u.Username, u.Role, l.Orgs[u.OrgKey].Name)
	}
	return nil
}

func runMigrate(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("migrate", flag.ContinueOnError)
	dbURL := dbFlag(fs)
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	fmt.Println("database is up to date")
	return nil
}
