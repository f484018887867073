package web

import (
	"crypto/rand"
	"encoding/hex"
	"net/http"
	"strconv"
	"strings"

	"minsheng"
	"minsheng/service"
)

// seatPage is the call-taker's new-call form: one screen, the phone number
// first, the caller's history and knowledge-base hits beside it.
type seatPage struct {
	Base
	Categories []catOption
	Form       seatForm
	Errors     map[string]string
	Problem    string
	// Saved is the case just recorded, to read its number out to the caller.
	Saved *service.Detail
	// Key makes a double-submitted form record one case, not two.
	Key string
	// Seat is the agent's special seat ("" for an ordinary one); Log is the
	// operator's log form beside the new-call form (webadmin).
	Seat minsheng.SeatType
	Log  *seatLogPage
}

// seatForm is what the agent typed, kept when the form comes back.
type seatForm struct {
	Phone, Name, Title, Content, Address string
	CategoryID                           int64
	Urgency                              minsheng.Urgency
}

func newKey() string {
	var b [12]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

func (s *Server) seat(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.seatData(w, r, u)
	if err != nil {
		return err
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("saved"), 10, 64); err == nil {
		if d, err := s.svc.Case(r.Context(), u, id); err == nil {
			p.Saved = d
			if p.Log != nil {
				p.Log.CaseNum = d.Number // a notable call is most often the one just taken
			}
		}
	}
	s.render(w, r, http.StatusOK, "seat", p)
	return nil
}

func (s *Server) seatData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*seatPage, error) {
	b, err := s.staffBase(w, r, u, "seat.title")
	if err != nil {
		return nil, err
	}
	cats, err := s.svc.Categories(r.Context(), u)
	if err != nil {
		return nil, err
	}
	p := &seatPage{Base: b, Categories: categoryOptions(enabled(cats)), Key: newKey(),
		Form: seatForm{Urgency: minsheng.UrgencyNormal}, Seat: u.SeatType}
	if minsheng.Permit(u.Role, minsheng.OpSeatLogWrite) != minsheng.ScopeNone {
		p.Log = &seatLogPage{Base: b, Kinds: minsheng.SeatLogKinds, Form: service.NewSeatLog{Kind: minsheng.LogPublicOpinion},
			Errors: map[string]string{}, Saved: r.URL.Query().Get("logged") == "1"}
	}
	return p, nil
}

func enabled(cats []minsheng.Category) []minsheng.Category {
	out := cats[:0:0]
	for _, c := range cats {
		if !c.Disabled {
			out = append(out, c)
		}
	}
	return out
}

// seatSave records the call and clears the form for the next one, showing
// the new case number; on a mistake the form comes back as typed.
func (s *Server) seatSave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	f := seatForm{Phone: strings.TrimSpace(r.PostFormValue("phone")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Title: strings.TrimSpace(r.PostFormValue("title")), Content: strings.TrimSpace(r.PostFormValue("content")),
		Address: strings.TrimSpace(r.PostFormValue("address")), Urgency: minsheng.Urgency(r.PostFormValue("urgency"))}
	f.CategoryID, _ = strconv.ParseInt(r.PostFormValue("category_id"), 10, 64)
	key := r.PostFormValue("key")
	in := service.Intake{Channel: seatChannel(u.Role), Citizen: minsheng.Citizen{Name: f.Name, Phone: f.Phone, Anonymous: f.Phone == "" && f.Name == ""},
		Title: f.Title, Content: f.Content, CategoryID: f.CategoryID, Address: f.Address, Urgency: f.Urgency}
	lang := pickLang(w, r)
	errs := map[string]string{}
	if f.Content == "" {
		errs["content"] = translate(lang, "portal.err.content")
	}
	var err error
	if len(errs) == 0 {
		var c *service.Created
		if c, err = s.svc.CreateCase(r.Context(), u, in, key); err == nil {
			http.Redirect(w, r, "/w/new?saved="+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
			return nil
		}
		if minsheng.ErrorCode(err) != minsheng.EINVALID {
			return err
		}
		field := formField(minsheng.ErrorField(err))
		msg := translate(lang, "portal.err."+field)
		if msg == "portal.err."+field {
			msg = fieldMessage(lang, err)
		}
		errs[field] = msg
	}
	p, lerr := s.seatData(w, r, u)
	if lerr != nil {
		return lerr
	}
	p.Form, p.Errors, p.Key = f, errs, key
	s.render(w, r, http.StatusUnprocessableEntity, "seat", p)
	return nil
}

// seatChannel is where a request taken at the seat came in: a field worker
// collects it door to door (民情书记), everyone else takes it on the phone.
func seatChannel(r minsheng.Role) minsheng.Channel {
	if r == minsheng.RoleFieldWorker {
		return "field"
	}
	return "phone"
}
