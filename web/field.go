package web

import (
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"strconv"
	"strings"

	"minsheng"
	"minsheng/httpx"
	"minsheng/service"
)

// The field page (issue 10): a field worker (民情书记/网格员) records a request
// door to door on a phone, with the place, a photo, and whether it was
// solved on the spot; department staff record what they met in the field for
// another department. One column, big targets, for 375 px screens.

// fieldPage is the data of the field page.
type fieldPage struct {
	Base
	Categories []catOption
	Form       fieldForm
	Errors     map[string]string
	Key        string
	// Saved is the request just recorded.
	Saved *service.Detail
	// Worker is set for field workers, who may close on the spot; a
	// department's form has no such choice.
	Worker bool
}

// fieldForm is what was typed, kept when the form comes back.
type fieldForm struct {
	Content, Address, Lat, Lng, Name, Phone, Result string
	CategoryID                                      int64
	Solved                                          bool
}

// maxFieldBody bounds the page's upload: the photo and the form around it.
const maxFieldBody = service.MaxFieldPhotos*minsheng.MaxPhotoBytes + 1<<20

// CanField reports whether the user records requests met in the field, for
// the top bar's link; the permission table decides.
func (b *Base) CanField() bool {
	return b.User != nil && minsheng.Permit(b.User.Role, minsheng.OpFieldReport) != minsheng.ScopeNone
}

func (s *Server) fieldData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*fieldPage, error) {
	b, err := s.staffBase(w, r, u, "fieldwork.title")
	if err != nil {
		return nil, err
	}
	cats, err := s.svc.Categories(r.Context(), u)
	if err != nil {
		return nil, err
	}
	return &fieldPage{Base: b, Categories: categoryOptions(enabled(cats)), Key: newKey(),
		Worker: u.Role == minsheng.RoleFieldWorker}, nil
}

func (s *Server) field(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	if err := allowField(u); err != nil {
		return err
	}
	p, err := s.fieldData(w, r, u)
	if err != nil {
		return err
	}
	if id, err := strconv.ParseInt(r.URL.Query().Get("saved"), 10, 64); err == nil {
		if d, err := s.svc.Case(r.Context(), u, id); err == nil {
			p.Saved = d
		}
	}
	s.render(w, r, http.StatusOK, "field", p)
	return nil
}

func allowField(u *minsheng.User) error {
	if minsheng.Permit(u.Role, minsheng.OpFieldReport) == minsheng.ScopeNone {
		return minsheng.Forbidden(u.Role, minsheng.OpFieldReport)
	}
	return nil
}

// fieldSave records the report; on a mistake the form comes back as typed
// with the message under its field (the photo must be chosen again).
func (s *Server) fieldSave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	if err := allowField(u); err != nil {
		return err
	}
	f := fieldForm{Content: strings.TrimSpace(r.PostFormValue("content")), Address: strings.TrimSpace(r.PostFormValue("address")),
		Lat: r.PostFormValue("lat"), Lng: r.PostFormValue("lng"), Name: strings.TrimSpace(r.PostFormValue("name")),
		Phone: strings.TrimSpace(r.PostFormValue("phone")), Result: strings.TrimSpace(r.PostFormValue("result")),
		Solved: r.PostFormValue("solved") == "yes"}
	f.CategoryID, _ = strconv.ParseInt(r.PostFormValue("category_id"), 10, 64)
	key := r.PostFormValue("key")
	lang := pickLang(w, r)
	errs := map[string]string{}
	in := service.FieldReport{Citizen: minsheng.Citizen{Name: f.Name, Phone: f.Phone, Anonymous: f.Name == "" && f.Phone == ""},
		Content: f.Content, CategoryID: f.CategoryID, Address: f.Address, SolvedOnSpot: f.Solved, Result: f.Result}
	in.Lat, in.Lng = parseCoord(f.Lat), parseCoord(f.Lng)
	photo, err := formPhoto(r)
	if err != nil {
		errs["photo"] = translate(lang, "fieldwork.err.photo")
	} else if photo != nil {
		in.Photos = [][]byte{photo}
	}
	if f.Content == "" {
		errs["content"] = translate(lang, "portal.err.content")
	}
	if len(errs) == 0 {
		c, err := s.svc.RecordFieldReport(r.Context(), u, in, key)
		if err == nil {
			http.Redirect(w, r, "/w/field?saved="+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
			return nil
		}
		if minsheng.ErrorCode(err) != minsheng.EINVALID {
			return err
		}
		field := formField(minsheng.ErrorField(err))
		msg := translate(lang, "fieldwork.err."+field)
		if msg == "fieldwork.err."+field {
			msg = minsheng.ErrorMessage(err)
		}
		errs[field] = msg
	}
	p, err := s.fieldData(w, r, u)
	if err != nil {
		return err
	}
	p.Form, p.Errors, p.Key = f, errs, key
	s.render(w, r, http.StatusUnprocessableEntity, "field", p)
	return nil
}

// formPhoto reads the optional photo of the form; nil when none was chosen.
func formPhoto(r *http.Request) ([]byte, error) {
	file, _, err := r.FormFile("photo")
	if errors.Is(err, http.ErrMissingFile) || errors.Is(err, http.ErrNotMultipart) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return readPhoto(file)
}

func readPhoto(f multipart.File) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(f, minsheng.MaxPhotoBytes+1))
	if err != nil {
		return nil, err
	}
	if len(b) == 0 {
		return nil, nil
	}
	return b, nil // the size and type are the service's to judge
}

// parseCoord reads a coordinate the page's locate button filled in.
func parseCoord(v string) *float64 {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil {
		return nil
	}
	return &f
}

// photo serves a case's photo to a signed-in user who may read the case.
func (s *Server) photo(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil {
		return minsheng.Errorf(minsheng.ENOTFOUND, "no such photo")
	}
	p, err := s.svc.Photo(r.Context(), u, id)
	if err != nil {
		return err
	}
	httpx.WritePhoto(w, p)
	return nil
}
