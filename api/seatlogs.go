package api

import (
	"net/http"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

func (s *Server) listSeatLogs(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := httpx.NewQuery(r)
	days, mine := q.Int("days", 1, 366, 7), q.Bool("mine")
	if err := q.Err(); err != nil {
		return err
	}
	v, err := s.svc.SeatLogs(r.Context(), u, days, mine)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) addSeatLog(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var in service.NewSeatLog
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	l, err := s.svc.AddSeatLog(r.Context(), u, in)
	if err != nil {
		return err
	}
	return reply(w, true, l)
}
