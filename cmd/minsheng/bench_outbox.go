package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/outbox"
	"minsheng/store"
)

// benchOutbox queues N replies for a message board (N cases answered through
// the store, each queueing its notification in its own transaction), then
// lets one or more dispatchers deliver them to a local receiver that checks
// every signature, and reports deliveries per second.
func benchOutbox(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench outbox", flag.ContinueOnError)
	def, cleanup := tempDB()
	defer cleanup()
	dbURL := fs.String("db", def, "database (default: a fresh temporary SQLite file)")
	n := fs.Int("n", 5000, "notifications to deliver")
	nodes := fs.Int("dispatchers", 1, "dispatchers (nodes) sharing the outbox")
	batch := fs.Int("batch", 32, "notifications per claim")
	if err := fs.Parse(args); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	const secret = "bench-secret-0123456789abcdef"
	var got, bad atomic.Int64
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	recv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if outbox.Verify(secret, r.Header, body, time.Now()) != nil {
			bad.Add(1)
			http.Error(w, "bad signature", http.StatusUnauthorized)
			return
		}
		got.Add(1)
	})}
	go recv.Serve(ln)
	defer recv.Close()

	a, err := benchAgent(ctx, st)
	if err != nil {
		return err
	}
	if err := st.CreateWebhook(ctx, &minsheng.Webhook{Name: "bench", URL: "http://" + ln.Addr().String() + "/hook",
		Secret: secret, Channels: []minsheng.Channel{"message_board"}}); err != nil {
		return err
	}
	queued := time.Now()
	if err := queueAnswers(ctx, st, a, *n); err != nil {
		return err
	}
	fmt.Printf("queued %d notifications in %.1fs\n", *n, time.Since(queued).Seconds())

	run, stop := context.WithCancel(ctx)
	defer stop()
	var wg sync.WaitGroup
	start := time.Now()
	for i := range *nodes {
		d := outbox.New(st, nil, quietLogger(), outbox.Config{AllowPrivate: true, Node: fmt.Sprint("bench-", i), Batch: *batch, Poll: 10 * time.Millisecond})
		wg.Add(1)
		go func() { defer wg.Done(); d.Run(run) }()
	}
	// Done when every notification is recorded as delivered, not merely
	// received: stopping earlier would cut the last answers off.
	var pending []*minsheng.OutboxMessage
	for time.Since(start) < 10*time.Minute {
		if got.Load() >= int64(*n) {
			if pending, err = st.OutboxMessages(ctx, minsheng.NotifyPending, 0, 1); err != nil || len(pending) == 0 {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
	}
	elapsed := time.Since(start)
	stop()
	wg.Wait()
	if err != nil {
		return err
	}
	fmt.Printf("db=%s notifications=%d dispatchers=%d batch=%d received=%d bad_signatures=%d still_pending=%d seconds=%.2f deliveries_per_s=%.0f\n",
		st.Dialect(), *n, *nodes, *batch, got.Load(), bad.Load(), len(pending), elapsed.Seconds(), float64(got.Load())/elapsed.Seconds())
	return nil
}

// benchAgent makes a hotline and a call-taker on an empty database.
func benchAgent(ctx context.Context, st *store.Store) (minsheng.Actor, error) {
	org := &minsheng.Org{Name: "热线办", Kind: minsheng.OrgHotline}
	if err := st.CreateOrg(ctx, org); err != nil {
		return minsheng.Actor{}, err
	}
	u := &minsheng.User{Username: "bench-agent", Name: "话务员", Role: minsheng.RoleAgent, OrgID: org.ID}
	if err := st.CreateUser(ctx, u); err != nil {
		return minsheng.Actor{}, err
	}
	return minsheng.ActorOf(u), nil
}

// queueAnswers records and answers n message-board cases from 32 workers.
func queueAnswers(ctx context.Context, st *store.Store, a minsheng.Actor, n int) error {
	var next atomic.Int64
	errs := make(chan error, 32)
	var wg sync.WaitGroup
	for range 32 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := next.Add(1); i <= int64(n); i = next.Add(1) {
				c := &minsheng.Case{Channel: "message_board", ChannelRef: fmt.Sprint("post-", i), Content: "小区门口垃圾没人清运"}
				if _, err := st.CreateCase(ctx, c, a, ""); err != nil {
					errs <- err
					return
				}
				if _, _, err := st.Act(ctx, c.ID, a, lifecycle.Request{Action: lifecycle.Answer, Content: "已通知环卫所清运。"}); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	return <-errs
}
