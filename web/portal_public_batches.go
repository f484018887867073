package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

// feedbackPage is where the hotline's supervisors publish a batch of
// answered cases (媒体集中反馈) and export earlier batches for the media.
type feedbackPage struct {
	Base
	Batches []*minsheng.FeedbackBatch
	// Name and Cases keep what was typed after a refusal; NameErr and
	// CasesErr sit under their fields.
	Name, Cases       string
	NameErr, CasesErr string
	Done              string
}

// CanPublish reports whether the user publishes answers, for the link in
// the left column; the permission table decides.
func (b *Base) CanPublish() bool {
	return b.User != nil && minsheng.Permit(b.User.Role, minsheng.OpFeedbackWrite) != minsheng.ScopeNone
}

func (s *Server) feedbackForm(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	return s.feedbackRender(w, r, u, &feedbackPage{Done: r.URL.Query().Get("done")}, http.StatusOK)
}

func (s *Server) feedbackRender(w http.ResponseWriter, r *http.Request, u *minsheng.User, p *feedbackPage, status int) error {
	b, err := s.staffBase(w, r, u, "feedback.title")
	if err != nil {
		return err
	}
	bs, err := s.svc.FeedbackBatches(r.Context(), u)
	if err != nil {
		return err
	}
	p.Base, p.Batches = b, bs
	if p.Done != "" {
		if id, err := strconv.ParseInt(p.Done, 10, 64); err == nil {
			for _, x := range bs {
				if x.ID == id {
					p.Done = b.T("feedback.published", x.ID, x.Count)
				}
			}
		}
	}
	s.render(w, r, status, "feedback", p)
	return nil
}

// feedbackPublish publishes the batch and goes back to the list, or shows
// the form again with the refusal under its field.
func (s *Server) feedbackPublish(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	name, cases := r.PostFormValue("name"), r.PostFormValue("cases")
	req := service.NewFeedbackBatch{Name: name, Cases: strings.Fields(strings.NewReplacer(",", " ", "，", " ", "、", " ").Replace(cases))}
	b, err := s.svc.PublishFeedback(r.Context(), u, req)
	if minsheng.ErrorCode(err) == minsheng.EINVALID {
		p := &feedbackPage{Name: name, Cases: cases}
		msg := minsheng.ErrorMessage(err)
		if minsheng.ErrorField(err) == "name" {
			p.NameErr = msg
		} else {
			p.CasesErr = msg
		}
		return s.feedbackRender(w, r, u, p, http.StatusBadRequest)
	}
	if err != nil {
		return err
	}
	http.Redirect(w, r, fmt.Sprintf("/w/feedback?done=%d", b.ID), http.StatusSeeOther)
	return nil
}

// feedbackExport sends a batch as the media's workbook.
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
