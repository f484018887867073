package web

import (
	"net/http"
	"strings"
	"time"

	"minsheng"
	"minsheng/service"
)

// oversightRoutes mounts the supervision and escalation pages (issue 9):
// the escalation rules, topic campaigns, the leaders' list and the
// responsibility disputes. Each calls the same use case as the JSON API, so
// the permission table decides who sees and changes what.
func (s *Server) oversightRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /w/escalation", s.staff(s.escalationPage))
	mux.HandleFunc("POST /w/escalation", s.staff(s.escalationSave))
	mux.HandleFunc("POST /w/escalation/run", s.staff(s.escalationRun))
	mux.HandleFunc("GET /w/campaigns", s.staff(s.campaignsPage))
	mux.HandleFunc("POST /w/campaigns", s.staff(s.campaignCreate))
	mux.HandleFunc("GET /w/campaigns/{id}", s.staff(s.campaignPage))
	mux.HandleFunc("POST /w/campaigns/{id}/cases", s.staff(s.campaignAddCases))
	mux.HandleFunc("POST /w/campaigns/{id}/reports", s.staff(s.campaignReport))
	mux.HandleFunc("POST /w/campaigns/{id}/close", s.staff(s.campaignClose))
	mux.HandleFunc("GET /w/leaders", s.staff(s.leadersPage))
	mux.HandleFunc("GET /w/disputes", s.staff(s.disputesPage))
}

func (b *Base) may(op minsheng.Op) bool {
	return b.User != nil && minsheng.Permit(b.User.Role, op) != minsheng.ScopeNone
}

// CanEscalation reports whether the left column links the escalation rules.
func (b *Base) CanEscalation() bool { return b.may(minsheng.OpEscalationRead) }

// CanCampaigns reports whether the left column links the topic campaigns.
func (b *Base) CanCampaigns() bool { return b.may(minsheng.OpCampaignRead) }

// CanLeaders reports whether the left column links the leaders' list.
func (b *Base) CanLeaders() bool { return b.may(minsheng.OpLeadersList) }

// CanDisputes reports whether the left column links the disputes table.
func (b *Base) CanDisputes() bool { return b.may(minsheng.OpDisputeRead) }

// CanOversight reports whether the left column has a supervision section.
func (b *Base) CanOversight() bool {
	return b.CanEscalation() || b.CanCampaigns() || b.CanLeaders() || b.CanDisputes()
}

// oversightError places a refused form's error under its field with the
// feature's own wording when the catalogue has it, else as the admin pages do.
func oversightError(p *adminPage, err error) error {
	switch minsheng.ErrorCode(err) {
	case minsheng.EINVALID, minsheng.ECONFLICT, minsheng.EUNPROCESSABLE:
	default:
		return err
	}
	if f := minsheng.ErrorField(err); f == "case_number" {
		p.Errors["case_ids"] = p.T("ov.err.case_number", strings.TrimPrefix(minsheng.ErrorMessage(err), f+": "))
		return nil
	} else if f != "" {
		if msg := p.T("ov.err." + f); msg != "ov.err."+f {
			p.Errors[f] = msg
			return nil
		}
	}
	return p.formError(err)
}

// leadersPage is the leaders' list (领导督办清单).
type leadersPage struct {
	Base
	Rows []service.CaseView
}

func (s *Server) leadersPage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	b, err := s.staffBase(w, r, u, "ov.leaders")
	if err != nil {
		return err
	}
	rows, err := s.svc.LeadersList(r.Context(), u, 200)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "ov_leaders", &leadersPage{Base: b, Rows: rows})
	return nil
}

// disputesPage counts responsibility disputes per department over a period.
type disputesPage struct {
	adminPage
	From, To string
	Rows     []minsheng.DisputeCount
}

func (s *Server) disputesPage(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	ap, err := s.adminBase(w, r, u, "ov.disputes")
	if err != nil {
		return err
	}
	p := &disputesPage{adminPage: ap, From: r.URL.Query().Get("from"), To: r.URL.Query().Get("to")}
	from, ferr := queryDay(p.From, "from")
	to, terr := queryDay(p.To, "to")
	if !to.IsZero() {
		to = to.AddDate(0, 0, 1) // the day named is included
	}
	for _, e := range []error{ferr, terr} {
		if e != nil {
			if err := oversightError(&p.adminPage, e); err != nil {
				return err
			}
		}
	}
	status := http.StatusOK
	if len(p.Errors) == 0 {
		p.Rows, err = s.svc.DisputeCounts(r.Context(), u, from, to)
		if err != nil {
			if err := oversightError(&p.adminPage, err); err != nil {
				return err
			}
		}
	}
	if len(p.Errors) > 0 || p.Problem != "" {
		status = http.StatusUnprocessableEntity
	}
	s.render(w, r, status, "ov_disputes", p)
	return nil
}

// queryDay reads a date (2006-01-02, China time) from the query; empty is zero.
func queryDay(v, field string) (time.Time, error) {
	if v == "" {
		return time.Time{}, nil
	}
	t, err := time.ParseInLocation("2006-01-02", v, cst)
	if err != nil {
		return time.Time{}, minsheng.Invalid(field, "a date such as 2026-11-01")
	}
	return t, nil
}
