package service

import (
	"context"
	"strings"
	"time"

	"minsheng"
)

// PublicChannel is the channel whose cases the public views list. Requests
// that came in by phone, mailbox or petition were not made in public and
// are shown to their citizen only, by tracking code; requests sent through
// the open standard were.
const PublicChannel minsheng.Channel = "open311"

// ServiceCategory is a category that requests can be filed under from outside (an
// Open311 service): an enabled leaf of the tree, with its group, the
// middle category's name.
type ServiceCategory struct {
	minsheng.Category
	Group string
	// Path is the names from the top category down ("市政管理 / 道路 / 井盖").
	Path string
}

// PublicCategories lists the categories a request can be filed under: the
// enabled leaves whose ancestors are enabled too, in tree order.
func (s *Service) PublicCategories(ctx context.Context) ([]ServiceCategory, error) {
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return nil, err
	}
	byID := map[int64]minsheng.Category{}
	parents := map[int64]bool{}
	for _, c := range cats {
		byID[c.ID] = c
		parents[c.ParentID] = true
	}
	var out []ServiceCategory
	for _, c := range cats {
		if parents[c.ID] {
			continue
		}
		names, ok := []string{}, true
		for p, seen := c, 0; ; seen++ {
			if p.Disabled || seen > 10 {
				ok = false
				break
			}
			names = append([]string{p.Name}, names...)
			if p.ParentID == 0 {
				break
			}
			if p, ok = byID[p.ParentID]; !ok {
				break
			}
		}
		if !ok {
			continue
		}
		sc := ServiceCategory{Category: c, Path: strings.Join(names, " / ")}
		if len(names) > 1 {
			sc.Group = names[len(names)-2]
		}
		out = append(out, sc)
	}
	return out, nil
}

// PublicCategory returns the category a code names, if requests can be
// filed under it. Errors: ENOTFOUND.
func (s *Service) PublicCategory(ctx context.Context, code string) (*ServiceCategory, error) {
	cats, err := s.PublicCategories(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range cats {
		if c.Code == code {
			return &c, nil
		}
	}
	return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no service has the code %q", code)
}

// PublicRequest is a request as anyone may see it: what, where, in which
// state, who handles it and the published answer. It never carries the
// citizen's name, phone or tracking code, nor internal notes.
type PublicRequest struct {
	ID           int64
	Token        string // the channel's reference, handed to the client that sent it
	Open         bool
	Notes        string // the published reply, or what became of the request
	Agency       string // the handling organisation's name
	CategoryCode string
	CategoryName string
	Description  string
	Address      string
	Lat, Lng     *float64
	CreatedAt    time.Time
	UpdatedAt    time.Time
	DueAt        *time.Time // while open
}

// PublicFilter selects public requests. IDs, when given, override the rest.
type PublicFilter struct {
	IDs          []int64
	CategoryCode string
	From, To     time.Time // received; To exclusive
	Open         *bool
	Limit        int
}

// PublicRequests lists requests of the public channel, newest first.
func (s *Service) PublicRequests(ctx context.Context, pf PublicFilter) ([]PublicRequest, error) {
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	cats, err := s.store.Categories(ctx)
	if err != nil {
		return nil, err
	}
	var cases []*minsheng.Case
	if len(pf.IDs) > 0 {
		for _, id := range pf.IDs {
			c, err := s.store.Case(ctx, id)
			if minsheng.ErrorCode(err) == minsheng.ENOTFOUND || err == nil && c.Channel != PublicChannel {
				continue
			}
			if err != nil {
				return nil, err
			}
			cases = append(cases, c)
		}
	} else {
		f := minsheng.CaseFilter{Channel: PublicChannel, From: pf.From, To: pf.To, Limit: pf.Limit}
		if f.Limit <= 0 || f.Limit > minsheng.MaxPage {
			f.Limit = minsheng.MaxPage
		}
		if pf.CategoryCode != "" {
			c, err := s.PublicCategory(ctx, pf.CategoryCode)
			if err != nil {
				return nil, minsheng.Invalid("service_code", "no service has this code")
			}
			f.CategoryID = c.ID
		}
		if pf.Open != nil {
			for _, st := range minsheng.Statuses {
				if st.Open() == *pf.Open {
					f.Status = append(f.Status, st)
				}
			}
		}
		if err := f.Validate(); err != nil {
			return nil, err
		}
		p, err := s.store.PageCases(ctx, f)
		if err != nil {
			return nil, err
		}
		cases = p.Cases
	}
	out := make([]PublicRequest, 0, len(cases))
	for _, c := range cases {
		out = append(out, s.publicRequest(ctx, c, orgs, cats))
	}
	return out, nil
}

// PublicRequestByID returns one request of the public channel. Errors: ENOTFOUND.
func (s *Service) PublicRequestByID(ctx context.Context, id int64) (*PublicRequest, error) {
	rs, err := s.PublicRequests(ctx, PublicFilter{IDs: []int64{id}})
	if err != nil {
		return nil, err
	}
	if len(rs) == 0 {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such request")
	}
	return &rs[0], nil
}

// PublicRequestByToken finds a request by the token its client was given.
// Errors: ENOTFOUND.
func (s *Service) PublicRequestByToken(ctx context.Context, token string) (*PublicRequest, error) {
	c, err := s.store.CaseByChannelRef(ctx, PublicChannel, token)
	if err != nil {
		if minsheng.ErrorCode(err) == minsheng.ENOTFOUND {
			return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no request has this token")
		}
		return nil, err
	}
	return s.PublicRequestByID(ctx, c.ID)
}

// publicRequest maps a case to its public view. A merged duplicate shows
// its master's progress, as the tracking page does.
func (s *Service) publicRequest(ctx context.Context, c *minsheng.Case, orgs *minsheng.OrgTree, cats []minsheng.Category) PublicRequest {
	r := PublicRequest{ID: c.ID, Token: c.ChannelRef, Description: c.Content, Address: c.Address,
		Lat: c.Lat, Lng: c.Lng, CreatedAt: c.CreatedAt, UpdatedAt: c.UpdatedAt}
	for _, k := range cats {
		if k.ID == c.CategoryID {
			r.CategoryCode, r.CategoryName = k.Code, k.Name
		}
	}
	src := c
	if c.MergedInto != 0 {
		if m, err := s.store.Case(ctx, c.MergedInto); err == nil {
			src = m
			r.Notes = "与同一问题的另一诉求合并办理。"
		}
	}
	r.Open = src.Status.Open()
	if r.Open {
		due := src.DueAt
		r.DueAt = &due
	}
	if o := orgs.Org(src.OrgID); o != nil {
		r.Agency = o.Name
	}
	if ReplyPublished(src) {
		r.Notes = strings.TrimSpace(r.Notes + " " + src.Reply)
	} else if src.Status == minsheng.StatusReferred {
		r.Notes = strings.TrimSpace(r.Notes + " 已转交" + r.Agency + "办理。")
	}
	if src.UpdatedAt.After(r.UpdatedAt) {
		r.UpdatedAt = src.UpdatedAt
	}
	return r
}
