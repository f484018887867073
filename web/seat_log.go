package web

import (
	"net/http"
	"strings"

	"minsheng"
	"minsheng/service"
)

// seatRoutes mounts the operator's log.
func (s *Server) seatRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /w/log", s.staff(s.seatLogPage))
	mux.HandleFunc("POST /w/log", s.staff(s.seatLogSave))
}

// seatLogPage is the operator's log (接线民情日志): the form to write an
// entry, for those who take calls, and the last week's entries.
type seatLogPage struct {
	Base
	CanWrite bool
	Mine     bool
	Kinds    []minsheng.SeatLogKind
	Logs     []minsheng.SeatLog
	Form     service.NewSeatLog
	CaseNum  string
	Errors   map[string]string
	Saved    bool
}

func (s *Server) seatLogData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*seatLogPage, error) {
	b, err := s.staffBase(w, r, u, "log.title")
	if err != nil {
		return nil, err
	}
	mine := r.URL.Query().Get("mine") == "1"
	logs, err := s.svc.SeatLogs(r.Context(), u, 7, mine)
	if err != nil {
		return nil, err
	}
	return &seatLogPage{Base: b, CanWrite: minsheng.Permit(u.Role, minsheng.OpSeatLogWrite) != minsheng.ScopeNone, Mine: mine,
		Kinds: minsheng.SeatLogKinds, Logs: logs, Form: service.NewSeatLog{Kind: minsheng.LogPublicOpinion},
		Errors: map[string]string{}, Saved: r.URL.Query().Get("saved") == "1"}, nil
}

func (s *Server) seatLogPage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.seatLogData(w, r, u)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "seat_log", p)
	return nil
}

// seatLogSave writes an entry. The case is named by its number as read
// out to callers (or its id), since that is what the agent has at hand.
func (s *Server) seatLogSave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	in := service.NewSeatLog{Kind: minsheng.SeatLogKind(r.PostFormValue("kind")), Text: strings.TrimSpace(r.PostFormValue("text"))}
	num := strings.TrimSpace(r.PostFormValue("case"))
	lang := pickLang(w, r)
	errs := map[string]string{}
	if num != "" {
		id, err := s.svc.CaseIDByNumber(r.Context(), u, num)
		if err != nil {
			if minsheng.ErrorCode(err) != minsheng.ENOTFOUND && minsheng.ErrorCode(err) != minsheng.EINVALID {
				return err
			}
			errs["case"] = translate(lang, "log.err.case")
		}
		in.CaseID = id
	}
	if len(errs) == 0 {
		_, err := s.svc.AddSeatLog(r.Context(), u, in)
		if err == nil {
			to := "/w/log?saved=1"
			if r.PostFormValue("back") == "seat" {
				to = "/w/new?logged=1"
			}
			http.Redirect(w, r, to, http.StatusSeeOther)
			return nil
		}
		if minsheng.ErrorCode(err) != minsheng.EINVALID {
			return err
		}
		field := minsheng.ErrorField(err)
		if field == "case_id" {
			field = "case"
		}
		msg := translate(lang, "log.err."+field)
		if msg == "log.err."+field {
			msg = minsheng.ErrorMessage(err)
		}
		errs[field] = msg
	}
	p, err := s.seatLogData(w, r, u)
	if err != nil {
		return err
	}
	p.Form, p.CaseNum, p.Errors = in, num, errs
	s.render(w, r, http.StatusUnprocessableEntity, "seat_log", p)
	return nil
}
