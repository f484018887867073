package store

import (
	"context"
	"testing"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// TestAnswerFromArticle: a direct answer naming an article and no text of its
// own replies with the article's body; an unknown article is a bad field,
// not a foreign-key failure.
func TestAnswerFromArticle(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		art := &minsheng.Article{Title: "居住证办理", Body: "持身份证到社区服务中心办理居住证。"}
		if err := s.SaveArticle(ctx, art); err != nil {
			t.Fatal(err)
		}
		c := newCase(t, s, f, "居住证", "请问居住证怎么办理？")
		_, _, err := s.Act(ctx, c.ID, f.agent, lifecycle.Request{Action: lifecycle.Answer, ArticleID: art.ID + 100})
		if minsheng.ErrorCode(err) != minsheng.EINVALID || minsheng.ErrorField(err) != "article_id" {
			t.Fatalf("unknown article: %v", err)
		}
		got := act(t, s, c.ID, f.agent, lifecycle.Request{Action: lifecycle.Answer, ArticleID: art.ID})
		if got.Reply != art.Body || got.Status != minsheng.StatusClosed {
			t.Fatalf("answer: %q %s", got.Reply, got.Status)
		}
		if a, _ := s.Article(ctx, art.ID); a == nil || a.Uses != 1 {
			t.Errorf("article use not counted: %+v", a)
		}
	})
}

// TestPauseRequestIsStored: the pending pause request survives a reload,
// and the hotline's decision clears it.
func TestPauseRequestIsStored(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := newCase(t, s, f, "道路积水", "暴雨后路口积水严重")
		act(t, s, c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.Dispatch, OrgID: f.dept.ID})
		act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.Accept})
		act(t, s, c.ID, f.handler, lifecycle.Request{Action: lifecycle.RequestPause, Reason: "等待天气好转后施工"})
		if got, err := s.Case(ctx, c.ID); err != nil || !got.PauseRequested {
			t.Fatalf("reloaded: %+v %v", got, err)
		}
		got := act(t, s, c.ID, f.dispatcher, lifecycle.Request{Action: lifecycle.DecidePause, Approve: yes()})
		if got.PauseRequested || got.Status != minsheng.StatusPaused {
			t.Fatalf("after decision: %+v", got)
		}
		if again, _ := s.Case(ctx, c.ID); again.PauseRequested || again.PausedAt == nil {
			t.Fatalf("reloaded after decision: %+v", again)
		}
	})
}

// TestDispatchChecksReachTheStore: duplicate co-handlers and a far-off
// deadline are bad fields before any row is written.
func TestDispatchChecksReachTheStore(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := newCase(t, s, f, "噪音扰民", "夜间施工噪音")
		far := time.Date(9999, 1, 1, 0, 0, 0, 0, time.UTC)
		for field, req := range map[string]lifecycle.Request{
			"co_org_ids": {Action: lifecycle.Dispatch, OrgID: f.dept.ID, CoOrgIDs: []int64{f.other.ID, f.other.ID}},
			"due_at":     {Action: lifecycle.Dispatch, OrgID: f.dept.ID, DueAt: &far},
		} {
			_, _, err := s.Act(ctx, c.ID, f.dispatcher, req)
			if minsheng.ErrorCode(err) != minsheng.EINVALID || minsheng.ErrorField(err) != field {
				t.Errorf("%s: %v", field, err)
			}
		}
		if got, _ := s.Case(ctx, c.ID); got.Status != minsheng.StatusPendingDispatch || got.Version != 1 {
			t.Errorf("case changed: %s v%d", got.Status, got.Version)
		}
	})
}
