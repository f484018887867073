package web

import (
	"net/http"

	"minsheng"
	"minsheng/service"
)

// rowNote is why a case sits in its queue, in words: who gave it back or
// asked for more time, when, and their reason.
type rowNote struct {
	Who, At, Text string
}

// queueRow is one row with its page, for the "rowNote" template.
type queueRow struct {
	P *queuePage
	R caseRow
}

// rowForms are the decisions a queue lets the dispatcher take without
// opening the case: an extension request is granted or refused in place.
var rowForms = map[minsheng.Queue]string{minsheng.QueueExtensionRequests: "decide_extension"}

// addNotes fills the reason column of the queues that have one (returned,
// extension requests, supervised) and the row forms of the user's role.
func (s *Server) addNotes(r *http.Request, u *minsheng.User, q minsheng.Queue, p *queuePage) error {
	if !service.HasQueueNotes(q) {
		return nil
	}
	views := make([]service.CaseView, len(p.Rows))
	for i, row := range p.Rows {
		views[i] = row.CaseView
	}
	notes, err := s.svc.QueueNotes(r.Context(), u, q, views)
	if err != nil {
		return err
	}
	p.NoteHead = p.T("note." + string(q))
	for i, row := range p.Rows {
		if e, ok := notes[row.ID]; ok {
			p.Rows[i].Note = &rowNote{Who: e.ActorName + orgSuffix(p, e), At: p.When(e.At), Text: why(&p.Base, e)}
		}
	}
	if f := rowForms[q]; f != "" && minsheng.Permit(u.Role, minsheng.CaseOp(f)) != minsheng.ScopeNone {
		p.RowForm = f
	}
	return nil
}

// orgSuffix names the actor's role after their name: " · 承办单位".
func orgSuffix(p *queuePage, e minsheng.Event) string {
	if e.ActorRole == "" {
		return ""
	}
	return " · " + p.Role(e.ActorRole)
}
