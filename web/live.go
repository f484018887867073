package web

import (
	"fmt"
	"net/http"
	"time"

	"minsheng"
)

// The stream's pacing. A burst of commits reaches a page as one refresh at
// most every liveGap; a comment every liveBeat keeps proxies from closing an
// idle stream; after liveLife the stream ends and the browser reconnects,
// which signs the request in again, so a revoked session stops hearing.
var (
	liveGap  = time.Second
	liveBeat = 25 * time.Second
	liveLife = 10 * time.Minute
)

// liveEvents is the server-sent event stream behind live queues: one
// "change" event whenever cases changed on any node. live.js turns it into
// an htmx refresh of the queue table and the queue badges.
func (s *Server) liveEvents(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	changed, stop, err := s.svc.Watch(r.Context(), u)
	if err != nil {
		return err
	}
	defer stop()
	rc := http.NewResponseController(w)
	h := w.Header()
	h.Set("Content-Type", "text/event-stream")
	h.Set("Cache-Control", "no-store")
	h.Set("X-Accel-Buffering", "no")
	w.WriteHeader(http.StatusOK)
	send := func(msg string) bool {
		// The server's write timeout is for pages; a stream extends it as
		// it goes.
		rc.SetWriteDeadline(time.Now().Add(liveBeat + 10*time.Second))
		if _, err := fmt.Fprint(w, msg); err != nil {
			return false
		}
		return rc.Flush() == nil
	}
	if !send("retry: 3000\n\n") {
		return nil
	}
	end := time.NewTimer(liveLife)
	defer end.Stop()
	beat := time.NewTicker(liveBeat)
	defer beat.Stop()
	for n := 1; ; n++ {
		select {
		case <-r.Context().Done():
			return nil
		case <-end.C:
			return nil
		case <-s.stopping:
			return nil
		case <-beat.C:
			if !send(": beat\n\n") {
				return nil
			}
			continue
		case <-changed:
		}
		if !send(fmt.Sprintf("event: change\nid: %d\ndata: %d\n\n", n, n)) {
			return nil
		}
		select {
		case <-time.After(liveGap):
		case <-r.Context().Done():
			return nil
		}
	}
}
