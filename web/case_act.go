package web

import (
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"minsheng"
	"minsheng/lifecycle"
)

// caseAct takes one lifecycle action from its form. The form carries the
// version the user saw, passed as If-Match: if someone acted first the
// service refuses, and the page says who, instead of overwriting their work.
func (s *Server) caseAct(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return minsheng.Errorf(minsheng.ENOTFOUND, "no such case")
	}
	action := r.PathValue("action")
	req, err := parseAction(r.PostForm, action)
	if err == nil {
		_, err = s.svc.Act(r.Context(), u, id, req, true)
	}
	if err == nil {
		next := fmt.Sprintf("/w/cases/%d?done=%s", id, url.QueryEscape(action))
		if back := r.PostForm.Get("next"); strings.HasPrefix(back, "/w/queues/") {
			next = back // a decision taken in a queue's row goes back to the queue
		}
		http.Redirect(w, r, next, http.StatusSeeOther)
		return nil
	}
	code := minsheng.ErrorCode(err)
	if code != minsheng.EINVALID && code != minsheng.ECONFLICT && code != minsheng.EPRECONDITION {
		return err
	}
	// Show the case as it is now, with the form open and what was typed.
	p, lerr := s.loadCase(w, r, u)
	if lerr != nil {
		return lerr
	}
	p.Open, p.Typed = action, r.PostForm
	status := http.StatusUnprocessableEntity
	switch code {
	case minsheng.EINVALID:
		field := minsheng.ErrorField(err)
		msg := fieldMessage(p.Lang, err)
		if slices.Contains(actionFields[action], field) || field == "confirm" {
			p.FieldErrs = map[string]string{field: msg}
			p.Problem = p.T("act.fix")
		} else {
			p.Problem = p.T("act.invalid", msg)
		}
	default:
		status = http.StatusConflict
		p.Problem = p.T("act.stale")
		if n := len(p.Timeline); n > 0 {
			last := p.Timeline[n-1]
			p.Problem = p.T("act.stale_by", last.Who, last.Action, last.At)
		}
		p.Typed.Del("version") // the reloaded page carries the new one
	}
	s.render(w, r, status, "case", p)
	return nil
}

// atLeast matches the lifecycle's message for a text that is too short.
var atLeast = regexp.MustCompile(`^at least (\d+) characters`)

// knownMessages maps the lifecycle's fixed messages to catalogue keys.
var knownMessages = map[string]string{
	"must be at least one hour from now": "act.err.due_ahead",
	"must be within a year from now":     "act.err.due_year",
	"no such active organisation":        "act.err.org",
}

// fieldMessage says what is wrong with an input in the page's language: the
// common lifecycle messages are in the catalogue, the rest show as the
// service wrote them.
func fieldMessage(lang string, err error) string {
	if msg, ok := localMessage(lang, err); ok {
		return msg
	}
	msg := strings.TrimPrefix(minsheng.ErrorMessage(err), minsheng.ErrorField(err)+": ")
	switch {
	case minsheng.ErrorField(err) == "confirm":
		return translate(lang, "act.err.confirm")
	case msg == "required" || strings.HasPrefix(msg, "required:"):
		return translate(lang, "act.err.required")
	case knownMessages[msg] != "":
		return translate(lang, knownMessages[msg])
	case atLeast.MatchString(msg):
		n, _ := strconv.Atoi(atLeast.FindStringSubmatch(msg)[1])
		return translate(lang, "act.err.at_least", n)
	case lang != langEN:
		return translate(lang, "err.untranslated", msg) // says it is wrong, in Chinese, and keeps the detail
	}
	return msg
}

// parseAction reads an action's form into the service's request. Only the
// inputs the action has are read; the version is required.
func parseAction(f url.Values, action string) (lifecycle.Request, error) {
	req := lifecycle.Request{Action: lifecycle.Action(action)}
	v, err := strconv.Atoi(f.Get("version"))
	if err != nil || v <= 0 {
		return req, minsheng.Invalid("version", "the form has no case version; reload the page")
	}
	req.Version = v
	fields, ok := actionFields[action]
	if !ok {
		return req, minsheng.Errorf(minsheng.ENOTFOUND, "unknown action %q", action)
	}
	if dangerous[action] && f.Get("confirm") != "1" {
		return req, minsheng.Invalid("confirm", "confirm first: this cannot be taken back")
	}
	num := func(name string) (int64, error) {
		s := strings.TrimSpace(f.Get(name))
		if s == "" {
			return 0, nil
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, minsheng.Invalid(name, "must be a number")
		}
		return n, nil
	}
	yes := func(name string) *bool {
		switch f.Get(name) {
		case "1":
			t := true
			return &t
		case "0":
			b := false
			return &b
		}
		return nil
	}
	for _, name := range fields {
		var n int64
		switch name {
		case "org_id", "into", "days", "level", "category_id":
			if n, err = num(name); err != nil {
				return req, err
			}
		}
		text := strings.TrimSpace(f.Get(name))
		switch name {
		case "org_id":
			req.OrgID = n
		case "co_org_ids":
			for _, v := range f["co_org_ids"] {
				id, err := strconv.ParseInt(v, 10, 64)
				if err != nil {
					return req, minsheng.Invalid("co_org_ids", "must be organisation ids")
				}
				if id != 0 {
					req.CoOrgIDs = append(req.CoOrgIDs, id)
				}
			}
		case "due_at":
			if text != "" {
				due, err := time.ParseInLocation("2006-01-02T15:04", text, cst)
				if err != nil {
					return req, minsheng.Invalid("due_at", "a date and time such as 2026-12-07T18:00")
				}
				req.DueAt = &due
			}
		case "into":
			req.Into = n
		case "days":
			req.Days = int(n)
		case "level":
			req.Level = int(n)
		case "approve":
			req.Approve = yes(name)
		case "reached":
			req.Reached = yes(name)
		case "solved":
			req.Solved = yes(name)
		case "satisfaction":
			req.Satisfaction = minsheng.Satisfaction(text)
		case "outcome":
			req.Outcome = minsheng.Outcome(text)
		case "track":
			req.Track = minsheng.Track(text)
		case "reason":
			req.Reason = text
		case "comment":
			req.Comment = text
		case "note":
			req.Note = text
		case "text":
			req.Text = text
		case "content":
			req.Content = text
		case "category_id":
			req.CategoryID = n
		case "not_ours":
			req.NotOurs = f.Get(name) == "1"
		case "update_list":
			req.UpdateList = f.Get(name) == "1"
		}
	}
	return req, nil
}
