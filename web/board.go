package web

import (
	"net/http"
	"net/url"
	"time"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

// boardPage is the supervision board: four short lists of what to chase.
type boardPage struct {
	Base
	Sections []boardSection
}

// boardSection is one list with its category names and the link to all
// of its cases on the search page ("" when search has no such filter).
type boardSection struct {
	service.BoardSection
	Rows []caseRow
	More string
}

func (s *Server) board(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	b, err := s.staffBase(w, r, u, "board.title")
	if err != nil {
		return err
	}
	b.Current = boardQueue
	secs, err := s.svc.Board(r.Context(), u)
	if err != nil {
		return err
	}
	names, err := s.categoryNames(r, u)
	if err != nil {
		return err
	}
	p := &boardPage{Base: b}
	for _, sec := range secs {
		bs := boardSection{BoardSection: sec, More: boardMore(sec)}
		for _, c := range sec.Cases {
			bs.Rows = append(bs.Rows, caseRow{CaseView: c, Category: names[c.CategoryID]})
		}
		p.Sections = append(p.Sections, bs)
	}
	s.render(w, r, http.StatusOK, "board", p)
	return nil
}

// boardQueue marks the board as the current entry of the left column.
const boardQueue minsheng.Queue = "board"

// boardMore links a section to the search page with the same selection.
func boardMore(sec service.BoardSection) string {
	v := url.Values{}
	switch sec.Name {
	case "overdue":
		v.Set("overdue", "1")
	case "supervised":
		v.Set("supervised", "1")
	case "long_open":
		v.Set("created_until", sec.Filter.To.In(httpx.CST).AddDate(0, 0, -1).Format(time.DateOnly))
	default:
		return ""
	}
	return "/w/search?" + v.Encode()
}

// CanBoard reports whether the user has the supervision board, for the
// left column's link; the permission table decides.
func (b *Base) CanBoard() bool {
	return b.User != nil && minsheng.Permit(b.User.Role, minsheng.OpBoardRead) != minsheng.ScopeNone
}
