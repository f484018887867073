package web

import (
	"net/http"
	"strconv"

	"minsheng"
)

// escalationPage shows the escalation rules (督办规则) to those who may read
// them, as a form for the admin who may change them, with "apply now".
type escalationPage struct {
	adminPage
	Form     minsheng.EscalationRules
	CanWrite bool
	// Ran says what the last "apply now" did.
	Ran string
}

func (s *Server) escalationData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*escalationPage, error) {
	ap, err := s.adminBase(w, r, u, "ov.rules")
	if err != nil {
		return nil, err
	}
	rules, err := s.svc.EscalationRules(r.Context(), u)
	if err != nil {
		return nil, err
	}
	p := &escalationPage{adminPage: ap, Form: *rules, CanWrite: ap.may(minsheng.OpEscalationWrite)}
	if q := r.URL.Query(); q.Has("ran") {
		p.Ran = p.T("ov.rules.ran", q.Get("reminders"), q.Get("level1"), q.Get("level2"))
		if q.Get("ran") == "skipped" {
			p.Ran = p.T("ov.rules.skipped")
		}
	}
	return p, nil
}

func (s *Server) escalationPage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.escalationData(w, r, u)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "ov_rules", p)
	return nil
}

// readEscalationForm reads the rules form; checkboxes absent are off.
func readEscalationForm(r *http.Request) (minsheng.EscalationRules, error) {
	f := minsheng.EscalationRules{Enabled: r.PostFormValue("enabled") == "1", OverdueLevel1: r.PostFormValue("overdue_level1") == "1"}
	for _, n := range []struct {
		name string
		to   *int
	}{{"due_soon_hours", &f.DueSoonHours}, {"level2_overdue_days", &f.Level2OverdueDays}, {"level2_send_backs", &f.Level2SendBacks}} {
		v, err := formInt(r, n.name)
		if err != nil {
			return f, err
		}
		*n.to = int(v)
	}
	return f, f.Validate()
}

func (s *Server) escalationSave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	if err := allowed(u, minsheng.OpEscalationWrite); err != nil {
		return err
	}
	p, err := s.escalationData(w, r, u)
	if err != nil {
		return err
	}
	f, err := readEscalationForm(r)
	if err == nil {
		if _, err = s.svc.SetEscalationRules(r.Context(), u, f); err == nil {
			saved(w, r, "/w/escalation")
			return nil
		}
	}
	if err := oversightError(&p.adminPage, err); err != nil {
		return err
	}
	p.Form = f
	s.render(w, r, http.StatusUnprocessableEntity, "ov_rules", p)
	return nil
}

func (s *Server) escalationRun(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	run, err := s.svc.EscalateNow(r.Context(), u)
	if err != nil {
		return err
	}
	to := "/w/escalation?ran=done&reminders=" + strconv.Itoa(run.Reminders) + "&level1=" + strconv.Itoa(run.Level1) + "&level2=" + strconv.Itoa(run.Level2)
	if run.Skipped {
		to = "/w/escalation?ran=skipped"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// allowed refuses a user the permission table gives no scope for op, before
// a page is put together for a form they may not send.
func allowed(u *minsheng.User, op minsheng.Op) error {
	if minsheng.Permit(u.Role, op) == minsheng.ScopeNone {
		return minsheng.Forbidden(u.Role, op)
	}
	return nil
}
