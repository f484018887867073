package service

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"minsheng"
	"minsheng/store/storetest"
)

// TestPublishFeedback publishes answered cases on both databases: the
// portal lists their replies without the citizens' names or phones; a
// batch naming an open case is refused, naming the field, and leaves
// nothing behind; only supervisors and admins publish.
func TestPublishFeedback(t *testing.T) {
	storetest.Each(t, func(t *testing.T, url string) {
		ctx := context.Background()
		svc, st := demoService(t, url, 200, time.Now())
		sup := userNamed(t, st, "supervisor")
		closed, err := st.PageCases(ctx, minsheng.CaseFilter{Status: []minsheng.Status{minsheng.StatusClosed}, Limit: 50})
		if err != nil {
			t.Fatal(err)
		}
		var answered []*minsheng.Case
		for _, c := range closed.Cases {
			if c.Reply != "" && c.RepliedAt != nil && c.Citizen.Phone != "" {
				answered = append(answered, c)
			}
		}
		open, err := st.PageCases(ctx, minsheng.CaseFilter{Status: minsheng.OpenStatuses(), Limit: 1})
		if err != nil || len(answered) < 3 || len(open.Cases) == 0 {
			t.Fatalf("%d answered, %d open (%v)", len(answered), len(open.Cases), err)
		}
		_, err = svc.PublishFeedback(ctx, sup, NewFeedbackBatch{Name: "第1批", Cases: []string{answered[0].Number, open.Cases[0].Number}})
		if minsheng.ErrorField(err) != "cases" || !strings.Contains(err.Error(), open.Cases[0].Number) {
			t.Fatalf("an open case in the batch: %v", err)
		}
		if bs, _ := svc.FeedbackBatches(ctx, sup); len(bs) != 0 {
			t.Fatalf("a refused batch left %d batches", len(bs))
		}
		if _, err := svc.PublishFeedback(ctx, sup, NewFeedbackBatch{Name: " ", Cases: []string{answered[0].Number}}); minsheng.ErrorField(err) != "name" {
			t.Errorf("empty name: %v", err)
		}
		if _, err := svc.PublishFeedback(ctx, userNamed(t, st, "analyst"), NewFeedbackBatch{Name: "x", Cases: []string{"1"}}); minsheng.ErrorCode(err) != minsheng.EFORBIDDEN {
			t.Errorf("analyst publishes: %v", err)
		}
		refs := []string{answered[0].Number, answered[1].Number, strings.TrimLeft(answered[2].Number[9:], "0")}
		b, err := svc.PublishFeedback(ctx, sup, NewFeedbackBatch{Name: "2026年第1批媒体集中反馈", Cases: refs})
		if err != nil {
			t.Fatal(err)
		}
		got, err := svc.PublicAnswers(ctx)
		if err != nil || len(got) != 3 {
			t.Fatalf("public answers: %d (%v)", len(got), err)
		}
		for i, it := range got {
			if it.Number != answered[i].Number || it.Reply != minsheng.Redact(answered[i].Reply) || it.BatchID != b.ID {
				t.Errorf("item %d: %+v", i, it)
			}
		}
		raw, _ := json.Marshal(got)
		for _, c := range answered[:3] {
			if strings.Contains(string(raw), c.Citizen.Phone) || (c.Citizen.Name != "" && strings.Contains(string(raw), c.Citizen.Name)) {
				t.Errorf("case %s: the citizen's name or phone is published", c.Number)
			}
		}
		back, err := svc.FeedbackBatch(ctx, sup, b.ID)
		if err != nil || back.Name != "2026年第1批媒体集中反馈" || len(back.Items) != 3 {
			t.Fatalf("batch read back: %+v %v", back, err)
		}
		if _, err := svc.FeedbackBatch(ctx, sup, b.ID+100); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Errorf("missing batch: %v", err)
		}
	})
}
