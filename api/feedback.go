package api

import (
	"fmt"
	"net/http"
	"strconv"

	"minsheng"
	"minsheng/httpx"
	"minsheng/report"
	"minsheng/service"
)

// publishFeedback publishes a batch of answered cases (媒体集中反馈).
func (s *Server) publishFeedback(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var in service.NewFeedbackBatch
	if err := httpx.Decode(w, r, &in); err != nil {
		return err
	}
	b, err := s.svc.PublishFeedback(r.Context(), u, in)
	if err != nil {
		return err
	}
	return reply(w, true, b)
}

func (s *Server) feedbackBatches(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	bs, err := s.svc.FeedbackBatches(r.Context(), u)
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, list(bs))
	return nil
}

// feedbackExport sends a published batch as the workbook given to the media.
func (s *Server) feedbackExport(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := httpx.PathID(r, "id", "feedback batch")
	if err != nil {
		return err
	}
	b, err := s.svc.FeedbackBatch(r.Context(), u, id)
	if err != nil {
		return err
	}
	body, err := report.FeedbackWorkbook(b)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("Content-Type", xlsxType)
	h.Set("Content-Disposition", fmt.Sprintf(`attachment; filename="feedback-%d.xlsx"`, b.ID))
	h.Set("Content-Length", strconv.Itoa(len(body)))
	w.WriteHeader(http.StatusOK)
	_, err = w.Write(body)
	if err != nil {
		s.log.Debug("feedback workbook not delivered", "err", err)
	}
	return nil
}

// publicAnswers lists the published answers; no sign-in, no personal data.
func (s *Server) publicAnswers(w http.ResponseWriter, r *http.Request, _ *minsheng.User) error {
	items, err := s.svc.PublicAnswers(r.Context())
	if err != nil {
		return err
	}
	httpx.JSON(w, http.StatusOK, list(items))
	return nil
}
