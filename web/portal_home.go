package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"minsheng"
	"minsheng/service"
)

// portalPage is the citizens' submit form at /.
type portalPage struct {
	Base
	Categories []catOption
	Form       portalForm
	// Errors maps a field name to its message, shown under the field.
	Errors map[string]string
	// Problem is a message for the whole form (throttled, out of date).
	Problem string
}

// portalForm is what the citizen typed, kept when the form comes back.
type portalForm struct {
	CategoryID                           int64
	Title, Content, Address, Name, Phone string
	WantsReply                           bool
	// MayPublish: the citizen lets the hotline publish the reply.
	MayPublish bool
}

// catOption is a category in the select, indented under its parent.
type catOption struct {
	ID    int64
	Label string
	Top   bool // a 大类, so the list reads as a tree
}

func (s *Server) portalHome(w http.ResponseWriter, r *http.Request) {
	s.showPortal(w, r, http.StatusOK, portalForm{WantsReply: true}, nil, "")
}

func (s *Server) showPortal(w http.ResponseWriter, r *http.Request, status int, f portalForm, errs map[string]string, problem string) {
	cats, err := s.svc.PortalCategories(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, status, "portal_home", &portalPage{Base: s.base(w, r, "portal.title"),
		Categories: categoryOptions(cats), Form: f, Errors: errs, Problem: problem})
}

// portalSubmit records the request and sends the browser to its tracking
// page, so that reloading the receipt does not submit twice.
func (s *Server) portalSubmit(w http.ResponseWriter, r *http.Request) {
	lang := pickLang(w, r)
	post, err := readPortalPost(w, r, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	r.PostForm, r.Form = post.Values, post.Values // the CSRF check reads them
	f := portalForm{Title: post.get("title"), Content: post.get("content"), Address: post.get("address"), Name: post.get("name"),
		Phone: post.get("phone"), WantsReply: post.get("wants_reply") == "1", MayPublish: post.get("publish_consent") == "1"}
	f.CategoryID, _ = strconv.ParseInt(post.get("category_id"), 10, 64)
	if !anonCSRFOK(r) {
		s.showPortal(w, r, http.StatusForbidden, f, nil, translate(lang, "form.stale"))
		return
	}
	errs := map[string]string{}
	if f.Content == "" {
		errs["content"] = translate(lang, "portal.err.content")
	}
	if f.CategoryID == 0 {
		errs["category_id"] = translate(lang, "portal.err.category")
	}
	var photos []*minsheng.Photo
	if post.PhotoErr != "" {
		errs[portalPhotoField] = post.PhotoErr
	} else if post.Photo != nil {
		ph, err := service.NewPhoto(post.Photo)
		if err != nil {
			errs[portalPhotoField] = translate(lang, "portal.err.photo.type")
		} else {
			photos = append(photos, ph)
		}
	}
	if len(errs) > 0 {
		if photos != nil { // a browser never sends a file field back filled in
			errs[portalPhotoField] = translate(lang, "portal.err.photo.again")
		}
		s.showPortal(w, r, http.StatusUnprocessableEntity, f, errs, "")
		return
	}
	in := service.Intake{Title: f.Title, Content: f.Content, Address: f.Address, CategoryID: f.CategoryID,
		Citizen:    minsheng.Citizen{Name: f.Name, Phone: f.Phone, Anonymous: f.Name == "" && f.Phone == ""},
		WantsReply: &f.WantsReply, PublishConsent: &f.MayPublish}
	c, err := s.svc.SubmitPublic(r.Context(), clientIP(r), in, photos...)
	if err != nil {
		switch minsheng.ErrorCode(err) {
		case minsheng.EINVALID:
			field := minsheng.ErrorField(err)
			key := "portal.err." + field
			msg := translate(lang, key)
			if msg == key {
				msg = fieldMessage(lang, err)
			}
			s.showPortal(w, r, http.StatusUnprocessableEntity, f, map[string]string{formField(field): msg}, "")
		case minsheng.ERATELIMIT:
			s.showPortal(w, r, http.StatusTooManyRequests, f, nil, translate(lang, "portal.err.throttled"))
		default:
			s.fail(w, r, err)
		}
		return
	}
	http.Redirect(w, r, "/track/"+url.PathEscape(c.TrackingCode)+"?new=1", http.StatusSeeOther)
}

// formField maps the service's field names to the form's.
func formField(f string) string {
	switch f {
	case "citizen.name":
		return "name"
	case "citizen.phone":
		return "phone"
	}
	return f
}

// categoryOptions orders the tree depth first: each 大类 as a heading with
// its 中类 and 小类 below it, indented.
func categoryOptions(cats []minsheng.Category) []catOption {
	kids := map[int64][]minsheng.Category{}
	for _, c := range cats {
		kids[c.ParentID] = append(kids[c.ParentID], c)
	}
	var out []catOption
	var walk func(parent int64, depth int)
	walk = func(parent int64, depth int) {
		for _, c := range kids[parent] {
			out = append(out, catOption{ID: c.ID, Label: strings.Repeat("\u3000", depth) + c.Name, Top: depth == 0})
			walk(c.ID, depth+1)
		}
	}
	walk(0, 0)
	return out
}
