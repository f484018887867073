package web

import (
	"net/http"
	"slices"
	"strconv"

	"minsheng"
	"minsheng/service"
)

// trendsPage lists the surge alerts and hot topics of the last days: where
// a surge notification leads (/w/trends#surge-ID).
type trendsPage struct {
	Base
	Days   int
	Spans  []int
	Surges []service.SurgeAlert
	Hot    *service.Hotspots
}

// CanTrends reports whether the user reads hotspots and surges, for the
// link in the left column; the permission table decides.
func (b *Base) CanTrends() bool {
	return b.User != nil && minsheng.Permit(b.User.Role, minsheng.OpTrendRead) != minsheng.ScopeNone
}

// TrendsURL is the trends page anchored at a surge alert, where its
// notification leads.
func (b *Base) TrendsURL(alertID int64) string { return trendsURL(alertID) }

func trendsURL(alertID int64) string {
	return "/w/trends#surge-" + strconv.FormatInt(alertID, 10)
}

func (s *Server) trends(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	b, err := s.staffBase(w, r, u, "trend.title")
	if err != nil {
		return err
	}
	days := 30
	if v := r.URL.Query().Get("days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || !slices.Contains(service.HotspotDays, n) {
			return minsheng.Invalid("days", "days must be one of %v", service.HotspotDays)
		}
		days = n
	}
	surges, err := s.svc.Surges(r.Context(), u, days)
	if err != nil {
		return err
	}
	hot, err := s.svc.Hotspots(r.Context(), u, days)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "trends", &trendsPage{Base: b, Days: days, Spans: service.HotspotDays, Surges: surges, Hot: hot})
	return nil
}

// surgePage is one surge alert with the cases it counted.
type surgePage struct {
	Base
	*service.SurgeDetail
}

// SurgeURL is the page of a surge alert's cases.
func (b *Base) SurgeURL(alertID int64) string {
	return "/w/trends/surges/" + strconv.FormatInt(alertID, 10)
}

func (s *Server) surgeCases(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := pathID(r, "surge alert")
	if err != nil {
		return err
	}
	d, err := s.svc.SurgeCases(r.Context(), u, id)
	if err != nil {
		return err
	}
	b, err := s.staffBase(w, r, u, "trend.title")
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "surge", &surgePage{Base: b, SurgeDetail: d})
	return nil
}
