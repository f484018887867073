package api

import (
	"net/http"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

// oversightRoutes are the routes of supervision and escalation (issue 9).
func (s *Server) oversightRoutes() []Route {
	return []Route{
		{Method: "GET", Path: "/api/v1/admin/escalation-rules", Op: minsheng.OpEscalationRead,
			Summary: "The rules that remind, supervise and escalate cases automatically", Reply: minsheng.EscalationRules{}, h: s.getEscalationRules},
		{Method: "PUT", Path: "/api/v1/admin/escalation-rules", Op: minsheng.OpEscalationWrite,
			Summary: "Replace the escalation rules (the shape GET returns; 0 turns a rule off)", Body: minsheng.EscalationRules{},
			Reply: minsheng.EscalationRules{}, h: s.putEscalationRules},
		{Method: "POST", Path: "/api/v1/admin/escalation-rules/run", Op: minsheng.OpEscalationWrite,
			Summary: "Apply the escalation rules now instead of at the job's next turn", Reply: service.EscalationRun{}, h: s.runEscalation},
		{Method: "GET", Path: "/api/v1/notifications", Op: minsheng.OpNotificationRead,
			Summary: "The signed-in user's reminders and escalations, newest first",
			Query: []Param{{"unread", "boolean", "only unread ones"}, {"before", "integer", "next_before of the previous page"},
				{"limit", "integer", "1-200, default 50"}},
			Reply: service.NotificationList{}, h: s.listNotifications},
		{Method: "POST", Path: "/api/v1/notifications/{id}/read", Op: minsheng.OpNotificationRead,
			Summary: "Mark one of one's notifications read", Reply: markedRead{}, h: s.readNotification},
		{Method: "POST", Path: "/api/v1/notifications/read-all", Op: minsheng.OpNotificationRead,
			Summary: "Mark all of one's notifications read", Reply: markedRead{}, h: s.readAllNotifications},
		{Method: "GET", Path: "/api/v1/supervision/leaders-list", Op: minsheng.OpLeadersList,
			Summary: "The leaders' list: open cases at supervision level 2 or above and cases leaders handed down, soonest deadline first",
			Query:   []Param{{"limit", "integer", "1-200, default 100"}}, Reply: items[service.CaseView]{}, h: s.leadersList},

		{Method: "GET", Path: "/api/v1/campaigns", Op: minsheng.OpCampaignRead,
			Summary: "Topic campaigns (专题): all for the hotline, a department's own for its staff", Reply: items[*minsheng.Campaign]{}, h: s.listCampaigns},
		{Method: "POST", Path: "/api/v1/campaigns", Op: minsheng.OpCampaignWrite,
			Summary: "Start a topic campaign: lead and co-departments, deadline, its cases", Body: service.NewCampaign{},
			Reply: service.CampaignView{}, Status: http.StatusCreated, h: s.createCampaign},
		{Method: "GET", Path: "/api/v1/campaigns/{id}", Op: minsheng.OpCampaignRead,
			Summary: "One campaign with its cases and progress reports", Reply: service.CampaignView{}, h: s.getCampaign},
		{Method: "POST", Path: "/api/v1/campaigns/{id}/cases", Op: minsheng.OpCampaignWrite,
			Summary: "Add open cases to a campaign (all or none)", Body: service.CampaignCases{}, Reply: service.CampaignView{}, h: s.addCampaignCases},
		{Method: "POST", Path: "/api/v1/campaigns/{id}/reports", Op: minsheng.OpCampaignReport,
			Summary: "Report a campaign's progress", Body: service.CampaignReport{}, Reply: minsheng.Report{}, Status: http.StatusCreated, h: s.reportCampaign},
		{Method: "POST", Path: "/api/v1/campaigns/{id}/close", Op: minsheng.OpCampaignWrite,
			Summary: "Close a campaign: its reply answers every case still waiting, each through the lifecycle", Body: service.CampaignClose{},
			Reply: service.CampaignView{}, h: s.closeCampaign},

		{Method: "GET", Path: "/api/v1/supervision/disputes", Op: minsheng.OpDisputeRead,
			Summary: "Responsibility disputes (职责争议) per department: raised, upheld, rejected, list changes",
			Query:   []Param{{"from", "string", "decided from (YYYY-MM-DD or RFC 3339)"}, {"to", "string", "decided before (exclusive)"}},
			Reply:   items[minsheng.DisputeCount]{}, h: s.disputeCounts},
	}
}

// markedRead says how many notifications a request marked read.
type markedRead struct {
	Marked int `json:"marked"`
}

func (s *Server) getEscalationRules(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.EscalationRules(r.Context(), u)
	if err != nil {
		return err
	}
	return reply(w, false, v)
}

func (s *Server) putEscalationRules(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var in minsheng.EscalationRules
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.svc.SetEscalationRules(r.Context(), u, in)
	if err != nil {
		return err
	}
	return reply(w, false, v)
}

func (s *Server) runEscalation(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.EscalateNow(r.Context(), u)
	if err != nil {
		return err
	}
	return reply(w, false, v)
}

func (s *Server) listNotifications(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := httpx.NewQuery(r)
	unread, before, limit := q.Bool("unread"), q.ID("before"), q.Int("limit", 1, 200, 50)
	if err := q.Err(); err != nil {
		return err
	}
	v, err := s.svc.Notifications(r.Context(), u, unread, before, limit)
	if err != nil {
		return err
	}
	return reply(w, false, v)
}

func (s *Server) readNotification(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "notification")
	if err != nil {
		return err
	}
	n, err := s.svc.MarkNotificationsRead(r.Context(), u, id)
	if err != nil {
		return err
	}
	return reply(w, false, markedRead{n})
}

func (s *Server) readAllNotifications(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	n, err := s.svc.MarkNotificationsRead(r.Context(), u, 0)
	if err != nil {
		return err
	}
	return reply(w, false, markedRead{n})
}

func (s *Server) leadersList(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := httpx.NewQuery(r)
	limit := q.Int("limit", 1, minsheng.MaxPage, 100)
	if err := q.Err(); err != nil {
		return err
	}
	v, err := s.svc.LeadersList(r.Context(), u, limit)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) listCampaigns(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	v, err := s.svc.Campaigns(r.Context(), u)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}

func (s *Server) createCampaign(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var in service.NewCampaign
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.svc.CreateCampaign(r.Context(), u, in)
	if err != nil {
		return err
	}
	return reply(w, true, v)
}

func (s *Server) getCampaign(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	v, err := s.svc.Campaign(r.Context(), u, id)
	if err != nil {
		return err
	}
	return reply(w, false, v)
}

func (s *Server) addCampaignCases(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	var in service.CampaignCases
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.svc.AddCampaignCases(r.Context(), u, id, in)
	if err != nil {
		return err
	}
	return reply(w, false, v)
}

func (s *Server) reportCampaign(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	var in service.CampaignReport
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.svc.ReportCampaign(r.Context(), u, id, in)
	if err != nil {
		return err
	}
	return reply(w, true, v)
}

func (s *Server) closeCampaign(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "campaign")
	if err != nil {
		return err
	}
	var in service.CampaignClose
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	v, err := s.svc.CloseCampaign(r.Context(), u, id, in)
	if err != nil {
		return err
	}
	return reply(w, false, v)
}

func (s *Server) disputeCounts(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := httpx.NewQuery(r)
	from, to := q.Time("from"), q.Time("to")
	if err := q.Err(); err != nil {
		return err
	}
	v, err := s.svc.DisputeCounts(r.Context(), u, from, to)
	if err != nil {
		return err
	}
	return reply(w, false, list(v))
}
