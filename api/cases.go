package api

import (
	"net/http"
	"strconv"

	"minsheng"
	"minsheng/httpx"
	"minsheng/lifecycle"
	"minsheng/service"
)

func (s *Server) healthz(w http.ResponseWriter, r *http.Request, _ *minsheng.User) error {
	if err := s.svc.Ping(r.Context()); err != nil {
		s.log.Error("health check", "err", err)
		httpx.JSON(w, http.StatusServiceUnavailable, map[string]string{"status": "database unavailable"})
		return nil
	}
	httpx.JSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

func (s *Server) createCase(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var in service.Intake
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	out, err := s.svc.CreateCase(r.Context(), u, in, r.Header.Get("Idempotency-Key"))
	if err != nil {
		return err
	}
	status := http.StatusCreated
	if !out.New {
		status = http.StatusOK
	}
	w.Header().Set("Location", "/api/v1/cases/"+strconv.FormatInt(out.ID, 10))
	httpx.JSON(w, status, out)
	return nil
}

// caseFilter reads the list filters from the query string (httpx.CaseFilter,
// which the web's search page reads too, so an export link carries the
// same query).
func caseFilter(r *http.Request) (minsheng.CaseFilter, error) { return httpx.CaseFilter(r) }

func (s *Server) listCases(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	f, err := caseFilter(r)
	if err != nil {
		return err
	}
	page, err := s.svc.ListCases(r.Context(), u, f)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, page)
	return nil
}

func (s *Server) getCase(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "case")
	if err != nil {
		return err
	}
	d, err := s.svc.Case(r.Context(), u, id)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", httpx.ETag(d.Version))
	httpx.JSON(w, http.StatusOK, d)
	return nil
}

// caseAction performs POST /api/v1/cases/{id}/{action}. The body takes only
// the fields of that action; If-Match carries the version read before.
func (s *Server) caseAction(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	act := lifecycle.Action(r.PathValue("action"))
	if !lifecycle.Known(act) {
		return minsheng.Errorf(minsheng.ENOTFOUND, "unknown action %q", act)
	}
	id, err := httpx.PathID(r, "id", "case")
	if err != nil {
		return err
	}
	var req lifecycle.Request
	if r.ContentLength != 0 {
		if err := httpx.DecodeOnly(w, r, &req, lifecycle.Fields(act)); err != nil {
			return err
		}
	}
	req.Action = act
	tag, err := httpx.IfMatch(r)
	if err != nil {
		return err
	}
	if tag != 0 {
		if req.Version != 0 && req.Version != tag {
			return minsheng.Invalid("version", "the body says version %d but If-Match says %d", req.Version, tag)
		}
		req.Version = tag
	}
	out, err := s.svc.Act(r.Context(), u, id, req, tag != 0)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", httpx.ETag(out.Version))
	httpx.JSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) track(w http.ResponseWriter, r *http.Request, _ *minsheng.User) error {
	out, err := s.svc.Track(r.Context(), clientIP(r), r.PathValue("code"))
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, out)
	return nil
}

func (s *Server) listQueues(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.Queues(r.Context(), u)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, list(v))
	return nil
}

func (s *Server) getQueue(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := httpx.NewQuery(r)
	p := service.QueuePage{Sort: minsheng.Sort(q.String("sort", 20)), Cursor: q.String("cursor", 200),
		Limit: q.Int("limit", 1, minsheng.MaxPage, 0), DueAfter: q.Time("due_after"), DueBefore: q.Time("due_before")}
	if err := q.Err(); err != nil {
		return err
	}
	page, err := s.svc.Queue(r.Context(), u, minsheng.Queue(r.PathValue("queue")), p)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, page)
	return nil
}
