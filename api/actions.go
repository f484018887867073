package api

import (
	"net/http"
	"strconv"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

func inScope(c *minsheng.Case, u *minsheng.User) bool {
	return lifecycle.InScope(c, minsheng.ActorOf(u))
}

func visibleOnly(cs []*minsheng.Case, u *minsheng.User) []*minsheng.Case {
	out := cs[:0:0]
	for _, c := range cs {
		if inScope(c, u) {
			out = append(out, c)
		}
	}
	return out
}

// caseAction performs POST /api/v1/cases/{id}/{action}.
func (s *Server) caseAction(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	act := lifecycle.Action(r.PathValue("action"))
	if !lifecycle.Known(act) {
		s.fail(w, r, minsheng.Errorf(minsheng.ENOTFOUND, "unknown action %q", act))
		return
	}
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		s.fail(w, r, minsheng.Errorf(minsheng.ENOTFOUND, "no such case"))
		return
	}
	var req lifecycle.Request
	if r.ContentLength != 0 {
		if err := decode(w, r, &req); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	req.Action = act
	if v := r.Header.Get("If-Match"); v != "" && req.Version == 0 {
		req.Version, _ = strconv.Atoi(v)
	}
	if act == lifecycle.Dispatch {
		req.Shown = s.shown(r.Context(), id, u)
	}
	c, ev, err := s.store.Act(r.Context(), id, minsheng.ActorOf(u), req)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if act == lifecycle.Merge && s.assist != nil {
		s.assist.Forget(c.ID) // the master stands for it from now on
	}
	orgs, ok := s.orgTree(w, r)
	if !ok {
		return
	}
	out := map[string]any{"case": caseView(c, u, orgs, time.Now()), "event": ev,
		"id": c.ID, "status": c.Status, "version": c.Version}
	if act == lifecycle.Reply {
		out["reply_quality"] = replyQuality(c)
	}
	writeJSON(w, http.StatusOK, out)
}

// track is the citizen's view by tracking code: status, public steps and the
// approved reply; never personal data, staff names or internal notes. A merged
// case shows its master's progress, so every caller gets the answer.
func (s *Server) track(w http.ResponseWriter, r *http.Request) {
	ip, now := clientIP(r), time.Now()
	if ok, wait := s.guesses.Allow(ip, now); !ok {
		w.Header().Set("Retry-After", itoa(int64(wait.Seconds())+1))
		s.fail(w, r, minsheng.Errorf(minsheng.ERATELIMIT, "too many unknown tracking codes from this address; try again later"))
		return
	}
	code := r.PathValue("code")
	var c *minsheng.Case
	var err error = minsheng.ErrNotFound
	if len(code) >= 8 && len(code) <= 32 {
		c, err = s.store.CaseByTrackingCode(r.Context(), code)
	}
	if minsheng.ErrorCode(err) == minsheng.ENOTFOUND {
		s.guesses.Fail(ip, now) // codes are unguessable; many misses look like someone guessing
		s.fail(w, r, minsheng.Errorf(minsheng.ENOTFOUND, "no request has this tracking code"))
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	evs, err := s.store.Events(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	out := map[string]any{"number": c.Number, "title": c.Title, "status": c.Status, "created_at": c.CreatedAt,
		"timeline": publicTimeline(evs)}
	if c.Status.Open() {
		out["due_at"] = c.DueAt
	}
	src := c
	if c.MergedInto != 0 {
		if m, err := s.store.Case(r.Context(), c.MergedInto); err == nil {
			src = m
			out["merged_into"] = map[string]any{"number": m.Number, "status": m.Status}
		}
	}
	if replyPublished(src) {
		out["reply"] = map[string]any{"content": src.Reply, "outcome": src.Outcome, "replied_at": src.RepliedAt}
	}
	writeJSON(w, http.StatusOK, out)
}

// replyPublished reports whether the reply passed review (or was a direct
// answer or a referred body's answer), so the citizen may read it.
func replyPublished(c *minsheng.Case) bool {
	if c.Reply == "" {
		return false
	}
	return c.Status == minsheng.StatusPendingVisit || c.Status == minsheng.StatusClosed
}
