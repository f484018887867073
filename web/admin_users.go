package web

import (
	"net/http"
	"strings"

	"minsheng"
	"minsheng/service"
)

// usersPage lists the staff accounts with a form to add one, or, with Edit
// set, one account's form: name, role, unit, disabled, a new password.
type usersPage struct {
	adminPage
	Users []service.UserView
	Orgs  []orgOpt
	Roles []minsheng.Role
	Seats []minsheng.SeatType
	Form  userForm
	Edit  *service.UserView
}

// userForm is what the admin typed, kept when the form comes back; the
// password never is.
type userForm struct {
	Username, Name string
	Role           minsheng.Role
	OrgID          int64
	Disabled       bool
	Seat           minsheng.SeatType
}

func (s *Server) usersData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*usersPage, error) {
	p, err := s.adminBase(w, r, u, "admin.users")
	if err != nil {
		return nil, err
	}
	users, err := s.svc.Users(r.Context(), u)
	if err != nil {
		return nil, err
	}
	orgs, err := s.svc.Orgs(r.Context(), u)
	if err != nil {
		return nil, err
	}
	return &usersPage{adminPage: p, Users: users, Orgs: orgTreeOptions(orgs), Roles: minsheng.Roles, Seats: minsheng.SeatTypes, Form: userForm{Role: minsheng.RoleAgent}}, nil
}

func (s *Server) adminUsers(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.usersData(w, r, u)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "admin_users", p)
	return nil
}

func readUserForm(r *http.Request) (userForm, error) {
	f := userForm{Username: strings.TrimSpace(r.PostFormValue("username")), Name: strings.TrimSpace(r.PostFormValue("name")),
		Role: minsheng.Role(r.PostFormValue("role")), Disabled: r.PostFormValue("disabled") == "1",
		Seat: minsheng.SeatType(r.PostFormValue("seat_type"))}
	if !f.Seat.Valid() { // checked before anything is saved
		return f, minsheng.Invalid("seat_type", "one of expert, business, guest or empty")
	}
	var err error
	f.OrgID, err = formInt(r, "org_id")
	return f, err
}

func (s *Server) adminUserCreate(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	f, err := readUserForm(r)
	if err == nil {
		var nu *service.UserView
		nu, err = s.svc.CreateUser(r.Context(), u, service.NewUser{Username: f.Username, Name: f.Name, Role: f.Role, OrgID: f.OrgID,
			Password: r.PostFormValue("password")})
		if err == nil && f.Seat != "" {
			err = s.svc.SetSeatType(r.Context(), u, nu.ID, f.Seat)
		}
		if err == nil {
			saved(w, r, "/w/admin/users")
			return nil
		}
	}
	p, lerr := s.usersData(w, r, u)
	if lerr != nil {
		return lerr
	}
	if minsheng.ErrorCode(err) == minsheng.ECONFLICT && minsheng.ErrorField(err) == "" {
		err = minsheng.Invalid("username", "this username is taken")
	}
	if err := p.formError(err); err != nil {
		return err
	}
	p.Form = f
	s.render(w, r, http.StatusUnprocessableEntity, "admin_users", p)
	return nil
}

func (s *Server) userEdit(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*usersPage, error) {
	id, err := pathID(r, "user")
	if err != nil {
		return nil, err
	}
	p, err := s.usersData(w, r, u)
	if err != nil {
		return nil, err
	}
	for i := range p.Users {
		if p.Users[i].ID == id {
			p.Edit = &p.Users[i]
		}
	}
	if p.Edit == nil {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such user")
	}
	return p, nil
}

// adminUser is one account's form.
func (s *Server) adminUser(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.userEdit(w, r, u)
	if err != nil {
		return err
	}
	e := p.Edit
	seat, err := s.svc.SeatType(r.Context(), u, e.ID)
	if err != nil {
		return err
	}
	p.Form = userForm{Username: e.Username, Name: e.Name, Role: e.Role, OrgID: e.OrgID, Disabled: e.Disabled, Seat: seat}
	s.render(w, r, http.StatusOK, "admin_users", p)
	return nil
}

// adminUserSave changes an account; a password typed in resets it and ends
// the account's sessions, an empty one leaves it.
func (s *Server) adminUserSave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.userEdit(w, r, u)
	if err != nil {
		return err
	}
	f, err := readUserForm(r)
	f.Username = p.Edit.Username
	if err == nil {
		patch := service.UserPatch{Name: &f.Name, Role: &f.Role, OrgID: &f.OrgID, Disabled: &f.Disabled}
		if pw := r.PostFormValue("password"); pw != "" {
			patch.Password = &pw
		}
		if _, err = s.svc.UpdateUser(r.Context(), u, p.Edit.ID, patch); err == nil {
			err = s.svc.SetSeatType(r.Context(), u, p.Edit.ID, f.Seat)
		}
		if err == nil {
			saved(w, r, "/w/admin/users")
			return nil
		}
	}
	if err := p.formError(err); err != nil {
		return err
	}
	p.Form = f
	s.render(w, r, http.StatusUnprocessableEntity, "admin_users", p)
	return nil
}
