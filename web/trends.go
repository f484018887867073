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
