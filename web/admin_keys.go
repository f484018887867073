package web

import (
	"net/http"
	"strings"

	"minsheng"
	"minsheng/service"
)

// keysPage lists client systems' API keys. Right after one is made, Issued
// holds it: the only time the key itself is shown.
type keysPage struct {
	adminPage
	Keys     []*minsheng.APIKey
	Orgs     []orgOpt
	OrgNames map[int64]string
	Roles    []minsheng.Role
	Form     service.NewAPIKey
	Issued   *service.IssuedKey
}

func (s *Server) keysData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*keysPage, error) {
	p, err := s.adminBase(w, r, u, "admin.keys")
	if err != nil {
		return nil, err
	}
	keys, err := s.svc.APIKeys(r.Context(), u)
	if err != nil {
		return nil, err
	}
	orgs, err := s.svc.Orgs(r.Context(), u)
	if err != nil {
		return nil, err
	}
	names := map[int64]string{}
	for _, o := range orgs {
		names[o.ID] = o.Name
	}
	roles := []minsheng.Role{}
	for _, x := range minsheng.Roles {
		if x != minsheng.RoleAdmin { // a machine never administers
			roles = append(roles, x)
		}
	}
	return &keysPage{adminPage: p, Keys: keys, Orgs: orgTreeOptions(orgs), OrgNames: names, Roles: roles,
		Form: service.NewAPIKey{Role: service.DefaultKeyRole}}, nil
}

func (s *Server) adminKeys(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.keysData(w, r, u)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "admin_keys", p)
	return nil
}

// adminKeyCreate makes a key and shows it in the answer itself, not after a
// redirect, so it is never stored anywhere a reload could show it again.
func (s *Server) adminKeyCreate(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	in := service.NewAPIKey{Name: strings.TrimSpace(r.PostFormValue("name")), Role: minsheng.Role(r.PostFormValue("role"))}
	org, err := formInt(r, "org_id")
	in.OrgID = org
	var k *service.IssuedKey
	if err == nil {
		k, err = s.svc.CreateAPIKey(r.Context(), u, in)
	}
	p, lerr := s.keysData(w, r, u)
	if lerr != nil {
		return lerr
	}
	if err == nil {
		p.Issued = k
		s.render(w, r, http.StatusCreated, "admin_keys", p)
		return nil
	}
	if err := p.formError(err); err != nil {
		return err
	}
	p.Form = in
	s.render(w, r, http.StatusUnprocessableEntity, "admin_keys", p)
	return nil
}

func (s *Server) adminKeyRevoke(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	id, err := pathID(r, "API key")
	if err != nil {
		return err
	}
	if _, err := s.svc.RevokeAPIKey(r.Context(), u, id); err != nil {
		return err
	}
	saved(w, r, "/w/admin/keys")
	return nil
}
