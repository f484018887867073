package web

import (
	"net/http"
	"slices"
	"strconv"

	"minsheng"
	"minsheng/service"
)

// comparePage sets a case beside a possible duplicate, so a dispatcher
// can see they are one problem before merging with one click.
type comparePage struct {
	Base
	A, B       *service.Detail
	CatA, CatB string
	// Score is the assistant's similarity of B to A, 0 when B was not
	// among A's suggested duplicates.
	Score     float64
	SamePlace bool
	// MergeAB and MergeBA say which way the user may merge now.
	MergeAB, MergeBA bool
}

// compare loads both cases through the use cases, so each is in the
// user's scope, and renders them side by side.
func (s *Server) compare(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	var ids [2]int64
	for i, name := range []string{"id", "other"} {
		n, err := strconv.ParseInt(r.PathValue(name), 10, 64)
		if err != nil || n <= 0 {
			return minsheng.Errorf(minsheng.ENOTFOUND, "no such case")
		}
		ids[i] = n
	}
	if ids[0] == ids[1] {
		return minsheng.Errorf(minsheng.ENOTFOUND, "a case is not its own duplicate")
	}
	b, err := s.staffBase(w, r, u, "compare.title")
	if err != nil {
		return err
	}
	p := &comparePage{Base: b}
	if p.A, err = s.svc.Case(r.Context(), u, ids[0]); err != nil {
		return err
	}
	if p.B, err = s.svc.Case(r.Context(), u, ids[1]); err != nil {
		return err
	}
	names, err := s.categoryNames(r, u)
	if err != nil {
		return err
	}
	p.CatA, p.CatB = names[p.A.CategoryID], names[p.B.CategoryID]
	for _, d := range p.A.PossibleDuplicates {
		if d.ID == p.B.ID {
			p.Score, p.SamePlace = d.Score, d.SamePlace
		}
	}
	p.MergeAB = slices.Contains(p.A.AllowedActions, "merge") && p.B.Status.Open()
	p.MergeBA = slices.Contains(p.B.AllowedActions, "merge") && p.A.Status.Open()
	s.render(w, r, http.StatusOK, "compare", p)
	return nil
}

// compareSide is one column of the compare page: the case, its category,
// the other case and whether this one may be merged into it.
type compareSide struct {
	P     *comparePage
	D     *service.Detail
	Cat   string
	Other *service.Detail
	Merge bool
}
