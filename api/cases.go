package api

import (
	"net/http"
	"strconv"
	"strings"
	"time"

	"minsheng"
	"minsheng/assist"
)

// intakeRoles may record new requests: call-takers, dispatchers, and field
// workers uploading on a citizen's behalf.
var intakeRoles = []minsheng.Role{minsheng.RoleAgent, minsheng.RoleDispatcher, minsheng.RoleFieldWorker}

// createdJSON answers an intake: what the agent tells the citizen (number,
// tracking code, deadline) and what helps screen it.
type createdJSON struct {
	ID                 int64               `json:"id"`
	Number             string              `json:"number"`
	TrackingCode       string              `json:"tracking_code"`
	Status             minsheng.Status     `json:"status"`
	Track              minsheng.Track      `json:"track"`
	DueAt              time.Time           `json:"due_at"`
	CreatedAt          time.Time           `json:"created_at"`
	Suggestions        *assist.Suggestions `json:"suggestions,omitempty"`
	PossibleDuplicates []duplicateJSON     `json:"possible_duplicates,omitempty"`
}

type createCaseRequest struct {
	Channel    minsheng.Channel `json:"channel"`
	ChannelRef string           `json:"channel_ref"`
	Citizen    minsheng.Citizen `json:"citizen"`
	Title      string           `json:"title"`
	Content    string           `json:"content"`
	CategoryID int64            `json:"category_id"`
	Address    string           `json:"address"`
	Lat        *float64         `json:"lat"`
	Lng        *float64         `json:"lng"`
	Urgency    minsheng.Urgency `json:"urgency"`
	WantsReply *bool            `json:"wants_reply"`
}

func (s *Server) createCase(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	if err := require(u, intakeRoles...); err != nil {
		s.fail(w, r, err)
		return
	}
	var req createCaseRequest
	if err := decode(w, r, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	key := r.Header.Get("Idempotency-Key")
	if len(key) > 200 {
		s.fail(w, r, minsheng.Invalid("Idempotency-Key", "at most 200 characters"))
		return
	}
	c := &minsheng.Case{Channel: req.Channel, ChannelRef: req.ChannelRef, Citizen: req.Citizen, Title: req.Title,
		Content: req.Content, CategoryID: req.CategoryID, Address: req.Address, Lat: req.Lat, Lng: req.Lng,
		Urgency: req.Urgency, WantsReply: req.WantsReply == nil || *req.WantsReply}
	if c.Channel == "" {
		c.Channel = "phone"
	}
	if err := c.Validate(); err != nil { // before any work is spent on it
		s.fail(w, r, err)
		return
	}
	pending := s.screen(r, c)
	created, err := s.store.CreateCase(r.Context(), c, minsheng.ActorOf(u), key)
	scr := pending.result()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	status := http.StatusCreated
	if !created {
		status = http.StatusOK
	}
	out := createdJSON{ID: c.ID, Number: c.Number, TrackingCode: c.TrackingCode, Status: c.Status, Track: c.Track,
		DueAt: c.DueAt, CreatedAt: c.CreatedAt}
	if scr != nil {
		if created {
			s.assist.Admit(scr, c.ID)
		}
		// The case is committed whatever happens here: a failure only
		// leaves the duplicates out.
		others := scr.Duplicates[:0:0] // a retried request must not list itself
		for _, d := range scr.Duplicates {
			if d.ID != c.ID {
				others = append(others, d)
			}
		}
		dups, err := s.duplicateViews(r.Context(), others)
		if err != nil {
			s.log.Warn("possible duplicates of a new case", "case", c.ID, "err", err)
		}
		out.Suggestions, out.PossibleDuplicates = &scr.Suggestions, dups
	}
	w.Header().Set("Location", "/api/v1/cases/"+itoa(c.ID))
	writeJSON(w, status, out)
}

// screening is the assistant's look at a new request, running while the
// request is stored so that its work overlaps the commit wait.
type screening struct {
	done chan struct{}
	scr  *assist.Screening
}

// result waits for the screening; it is nil without an assistant.
func (p *screening) result() *assist.Screening {
	<-p.done
	return p.scr
}

func (s *Server) screen(r *http.Request, c *minsheng.Case) *screening {
	p := &screening{done: make(chan struct{})}
	orgs, err := s.store.Orgs(r.Context())
	if s.assist == nil || err != nil {
		close(p.done)
		return p
	}
	probe := *c
	probe.CreatedAt = time.Now()
	go func() {
		defer close(p.done)
		p.scr = s.assist.Screen(&probe, orgs, 5)
	}()
	return p
}

// parseFilter reads the list filters from the query string.
func parseFilter(r *http.Request, u *minsheng.User) (minsheng.CaseFilter, error) {
	q := r.URL.Query()
	f := minsheng.CaseFilter{Query: strings.TrimSpace(q.Get("q")), Phone: q.Get("citizen_phone")}
	if len([]rune(f.Query)) > 100 {
		return f, minsheng.Invalid("q", "at most 100 characters")
	}
	for _, s := range strings.Split(q.Get("status"), ",") {
		if s == "" {
			continue
		}
		if !minsheng.Status(s).Valid() {
			return f, minsheng.Invalid("status", "unknown status %q", s)
		}
		f.Status = append(f.Status, minsheng.Status(s))
	}
	if t := q.Get("track"); t != "" {
		if f.Track = minsheng.Track(t); !f.Track.Valid() {
			return f, minsheng.Invalid("track", "unknown track %q", t)
		}
	}
	if c := q.Get("channel"); c != "" {
		if f.Channel = minsheng.Channel(c); !f.Channel.Valid() {
			return f, minsheng.Invalid("channel", "unknown channel %q", c)
		}
	}
	var err error
	ints := []struct {
		name string
		dst  *int64
	}{{"org_id", &f.OrgID}, {"category_id", &f.CategoryID}, {"cursor", &f.After}}
	for _, p := range ints {
		if v := q.Get(p.name); v != "" {
			if *p.dst, err = strconv.ParseInt(v, 10, 64); err != nil || *p.dst < 0 {
				return f, minsheng.Invalid(p.name, "must be a positive integer")
			}
		}
	}
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > minsheng.MaxPage {
			return f, minsheng.Invalid("limit", "1 to %d", minsheng.MaxPage)
		}
		f.Limit = n
	}
	f.Overdue, f.Supervised = q.Get("overdue") == "true", q.Get("supervised") == "true"
	for _, p := range []struct {
		name string
		dst  *time.Time
	}{{"created_from", &f.From}, {"created_to", &f.To}} {
		if v := q.Get(p.name); v != "" {
			if *p.dst, err = parseTime(v); err != nil {
				return f, minsheng.Invalid(p.name, "use YYYY-MM-DD or RFC 3339")
			}
		}
	}
	if !u.Role.HotlineWide() {
		a := minsheng.ActorOf(u)
		f.Scope = &a
	}
	return f, nil
}

func parseTime(v string) (time.Time, error) {
	if t, err := time.ParseInLocation("2006-01-02", v, cst); err == nil {
		return t, nil
	}
	return time.Parse(time.RFC3339, v)
}

var cst = time.FixedZone("CST", 8*3600)

func (s *Server) listCases(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	f, err := parseFilter(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f.Limit == 0 {
		f.Limit = 50
	}
	cases, err := s.store.ListCases(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	orgs, ok := s.orgTree(w, r)
	if !ok {
		return
	}
	now := time.Now()
	items := make([]caseJSON, len(cases))
	for i, c := range cases {
		items[i] = caseView(c, u, orgs, now)
	}
	next := ""
	if len(cases) == f.Limit {
		next = itoa(cases[len(cases)-1].ID)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items, "next_cursor": next})
}

// visibleCase loads a case the user may see; outside their scope it is 404.
func (s *Server) visibleCase(r *http.Request, u *minsheng.User) (*minsheng.Case, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such case")
	}
	c, err := s.store.Case(r.Context(), id)
	if err != nil {
		return nil, err
	}
	if !inScope(c, u) {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such case")
	}
	return c, nil
}

func (s *Server) getCase(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	c, err := s.visibleCase(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	evs, err := s.store.Events(r.Context(), c.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	merged, same, err := s.store.RelatedCases(r.Context(), c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	orgs, ok := s.orgTree(w, r)
	if !ok {
		return
	}
	if !u.Role.HotlineWide() {
		merged, same = visibleOnly(merged, u), visibleOnly(same, u)
	}
	d := caseDetail{caseJSON: caseView(c, u, orgs, time.Now()), Timeline: evs,
		Related: relatedJSON{Merged: refs(merged, c), SameCaller: refs(same, c)}, AllowedActions: allowedActions(c, u),
		ReplyQuality: replyQuality(c)}
	markRepeats(c, same, d.Related.SameCaller)
	if c.Status.Open() {
		if d.Suggestions, d.PossibleDuplicates, err = s.assistance(r.Context(), c, orgs); err != nil {
			s.fail(w, r, err)
			return
		}
		if !u.Role.HotlineWide() {
			d.PossibleDuplicates = nil // other units' cases are not theirs to see
		}
	}
	writeJSON(w, http.StatusOK, d)
}
