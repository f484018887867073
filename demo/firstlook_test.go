package demo_test

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"testing"
	"time"

	"minsheng"
	"minsheng/demo"
	"minsheng/server"
	"minsheng/store"
	"minsheng/store/storetest"
)

// firstWork is, per demo account, the queues that are its job.
var firstWork = map[string][]minsheng.Queue{
	"agent":        {minsheng.QueueMine},
	"dispatcher":   {minsheng.QueueToDispatch, minsheng.QueueReturned, minsheng.QueueExtensionRequests, minsheng.QueueOverdue},
	"handler":      {minsheng.QueueToSign, minsheng.QueueHandling}, // Stage leaves orders to sign
	"handler2":     {minsheng.QueueHandling},
	"dept_lead":    {minsheng.QueueToApprove, minsheng.QueueHandling},
	"reviewer":     {minsheng.QueueToReview},
	"visitor":      {minsheng.QueueToVisit},
	"supervisor":   {minsheng.QueueOverdue, minsheng.QueueSupervised, minsheng.QueueExtensionRequests},
	"field_worker": {minsheng.QueueMine},
	"analyst":      {minsheng.QueueOverdue, minsheng.QueueSupervised},
	"admin":        {minsheng.QueueOverdue},
	"leader":       {minsheng.QueueOverdue},
}

// TestEveryDemoAccountFindsWork starts a node loaded as serve --demo loads
// it and signs in as each account over HTTP: the queues that are its job
// are not empty, and the calendar has the State Council's holidays with
// their 调休.
func TestEveryDemoAccountFindsWork(t *testing.T) {
	ctx := context.Background()
	var st *store.Store
	m, err := server.Start(ctx, server.Config{Addr: "127.0.0.1:0", DB: storetest.SQLite(t), NoAssist: true,
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Seed: func(ctx context.Context, s *store.Store) error {
			st = s
			city := demo.NewCity()
			l, err := demo.SeedCity(ctx, s, city)
			if err != nil {
				return err
			}
			return demo.LoadCases(ctx, s, city, l, 3000, 1, time.Now(), nil)
		}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(ctx) })
	for _, du := range demo.NewCity().Users {
		body, _ := json.Marshal(map[string]string{"username": du.Username, "password": demo.Password})
		res, err := http.Post(m.URL()+"/api/v1/login", "application/json", bytes.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		var sess struct{ Token string }
		json.NewDecoder(res.Body).Decode(&sess)
		res.Body.Close()
		req, _ := http.NewRequest("GET", m.URL()+"/api/v1/queues", nil)
		req.Header.Set("Authorization", "Bearer "+sess.Token)
		res, err = http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		var qs struct {
			Items []struct {
				Queue minsheng.Queue
				Count int
			}
		}
		json.NewDecoder(res.Body).Decode(&qs)
		res.Body.Close()
		got := map[minsheng.Queue]int{}
		for _, q := range qs.Items {
			got[q.Queue] = q.Count
		}
		t.Logf("%-13s %v", du.Username, got)
		for _, q := range firstWork[du.Username] {
			if got[q] == 0 {
				t.Errorf("%s signs in to an empty %s queue", du.Username, q)
			}
		}
	}
	days, err := st.Holidays(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"2025-01-26", "2025-10-08", "2026-02-23", "2026-10-10"} {
		found := false
		for _, d := range days {
			found = found || d.Date == want
		}
		if !found {
			t.Errorf("the demo calendar lacks %s", want)
		}
	}
}
