package api

import (
	"net/http"

	"minsheng"
	"minsheng/httpx"
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
	name, body, err := s.svc.FeedbackWorkbook(r.Context(), u, id)
	if err != nil {
		return err
	}
	httpx.Download(w, httpx.XLSX, name, body)
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
