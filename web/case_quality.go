package web

import (
	"net/http"
	"strconv"

	"minsheng"
	"minsheng/textmine/quality"
)

// qualityFragment is the score of a reply being typed, swapped in under
// the reply form by htmx.
type qualityFragment struct {
	Base
	Score *quality.Score
}

// replyQuality scores the draft in the reply form; an empty draft shows
// nothing.
func (s *Server) replyQuality(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return minsheng.Errorf(minsheng.ENOTFOUND, "no such case")
	}
	p := &qualityFragment{Base: s.base(w, r, "")}
	p.Score, err = s.svc.DraftQuality(r.Context(), u, id, r.URL.Query().Get("content"))
	if err != nil && minsheng.ErrorCode(err) != minsheng.EINVALID {
		return err
	}
	s.render(w, r, http.StatusOK, "quality", p)
	return nil
}

// translator is any page data: it has the catalogue's T.
type translator interface {
	T(key string, args ...any) string
}

// qualityCard is what the "qualityCard" template shows: a score, in the
// words of the page it sits on.
type qualityCard struct {
	B translator
	S *quality.Score
}

func qualityOf(b translator, s *quality.Score) qualityCard { return qualityCard{B: b, S: s} }
