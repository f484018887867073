package api

import (
	"net/http"
	"strconv"

	"minsheng"
	"minsheng/auth"
)

// pathID reads the {id} path value; a malformed id is simply not found.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, minsheng.ErrNotFound
	}
	return id, nil
}

func (s *Server) listOrgs(w http.ResponseWriter, r *http.Request, _ *minsheng.User) {
	orgs, ok := s.orgTree(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": orgs.List()})
}

func (s *Server) createOrg(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	var o minsheng.Org
	if err := adminDecode(w, r, u, &o); err != nil {
		s.fail(w, r, err)
		return
	}
	o.ID = 0
	if err := s.store.CreateOrg(r.Context(), &o); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusCreated, o)
}

func (s *Server) updateOrg(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	orgs, ok := s.orgTree(w, r)
	if !ok {
		return
	}
	cur := orgs.Org(id)
	if cur == nil {
		s.fail(w, r, minsheng.ErrNotFound)
		return
	}
	o := *cur
	if err := adminDecode(w, r, u, &o); err != nil {
		s.fail(w, r, err)
		return
	}
	o.ID, o.ParentID, o.Path = cur.ID, cur.ParentID, cur.Path
	if err := s.store.UpdateOrg(r.Context(), &o); err != nil {
		s.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, o)
}

// adminDecode checks the admin role, then decodes the body.
func adminDecode(w http.ResponseWriter, r *http.Request, u *minsheng.User, v any) error {
	if err := require(u, minsheng.RoleAdmin); err != nil {
		return err
	}
	return decode(w, r, v)
}

type userRequest struct {
	Username string        `json:"username"`
	Name     string        `json:"name"`
	Role     minsheng.Role `json:"role"`
	OrgID    int64         `json:"org_id"`
	Password string        `json:"password"`
	Disabled *bool         `json:"disabled"`
}

func (s *Server) listUsers(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	if err := require(u, minsheng.RoleAdmin); err != nil {
		s.fail(w, r, err)
		return
	}
	users, err := s.store.Users(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	orgs, ok := s.orgTree(w, r)
	if !ok {
		return
	}
	items := make([]userJSON, len(users))
	for i, x := range users {
		items[i] = userView(x, orgs)
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (s *Server) createUser(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	var req userRequest
	if err := adminDecode(w, r, u, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	nu := &minsheng.User{Username: req.Username, Name: req.Name, Role: req.Role, OrgID: req.OrgID}
	if err := nu.Validate(); err != nil {
		s.fail(w, r, err)
		return
	}
	hash, err := auth.HashPassword(req.Password)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	nu.PasswordHash = hash
	if err := s.store.CreateUser(r.Context(), nu); err != nil {
		s.fail(w, r, err)
		return
	}
	orgs, ok := s.orgTree(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusCreated, userView(nu, orgs))
}

func (s *Server) updateUser(w http.ResponseWriter, r *http.Request, u *minsheng.User) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var req userRequest
	if err := adminDecode(w, r, u, &req); err != nil {
		s.fail(w, r, err)
		return
	}
	cur, err := s.store.User(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if req.Name != "" {
		cur.Name = req.Name
	}
	if req.Role != "" {
		cur.Role = req.Role
	}
	if req.OrgID != 0 {
		cur.OrgID = req.OrgID
	}
	if req.Disabled != nil {
		cur.Disabled = *req.Disabled
	}
	if req.Password != "" {
		if cur.PasswordHash, err = auth.HashPassword(req.Password); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	if err := s.store.UpdateUser(r.Context(), cur); err != nil {
		s.fail(w, r, err)
		return
	}
	orgs, ok := s.orgTree(w, r)
	if !ok {
		return
	}
	writeJSON(w, http.StatusOK, userView(cur, orgs))
}
