package service

import (
	"context"

	"minsheng"
	"minsheng/auth"
)

// audit logs a configuration change with who made it.
func (s *Service) audit(u *minsheng.User, what string, id int64) {
	s.log.Info("admin change", "what", what, "id", id, "by", u.Username, "user_id", u.ID)
}

// Orgs returns the organisation tree, parents before children.
func (s *Service) Orgs(ctx context.Context, u *minsheng.User) ([]*minsheng.Org, error) {
	if err := allow(u, minsheng.OpOrgRead); err != nil {
		return nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	return orgs.List(), nil
}

// NewOrg is an organisation to add under its parent.
type NewOrg struct {
	ParentID     int64            `json:"parent_id"`
	Name         string           `json:"name"`
	Kind         minsheng.OrgKind `json:"kind"`
	LeadApproval bool             `json:"lead_approval"`
	Disabled     bool             `json:"disabled"`
}

// CreateOrg adds an organisation.
func (s *Service) CreateOrg(ctx context.Context, u *minsheng.User, in NewOrg) (*minsheng.Org, error) {
	if err := allow(u, minsheng.OpOrgWrite); err != nil {
		return nil, err
	}
	o := &minsheng.Org{ParentID: in.ParentID, Name: in.Name, Kind: in.Kind, LeadApproval: in.LeadApproval, Disabled: in.Disabled}
	if err := s.store.CreateOrg(ctx, o); err != nil {
		return nil, err
	}
	s.audit(u, "create organisation", o.ID)
	return o, nil
}

// OrgPatch changes some fields of an organisation; nil fields stay as they
// are. An organisation does not move in the tree: cases keep their paths.
type OrgPatch struct {
	Name         *string           `json:"name"`
	Kind         *minsheng.OrgKind `json:"kind"`
	LeadApproval *bool             `json:"lead_approval"`
	Disabled     *bool             `json:"disabled"`
}

// UpdateOrg applies a patch to an organisation.
func (s *Service) UpdateOrg(ctx context.Context, u *minsheng.User, id int64, p OrgPatch) (*minsheng.Org, error) {
	if err := allow(u, minsheng.OpOrgWrite); err != nil {
		return nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	cur := orgs.Org(id)
	if cur == nil {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such organisation")
	}
	o := *cur
	set(&o.Name, p.Name)
	set(&o.Kind, p.Kind)
	set(&o.LeadApproval, p.LeadApproval)
	set(&o.Disabled, p.Disabled)
	if err := s.store.UpdateOrg(ctx, &o); err != nil {
		return nil, err
	}
	s.audit(u, "update organisation", o.ID)
	return &o, nil
}

// set copies a patch field when it was sent.
func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// Users lists every account.
func (s *Service) Users(ctx context.Context, u *minsheng.User) ([]UserView, error) {
	if err := allow(u, minsheng.OpUserRead); err != nil {
		return nil, err
	}
	users, err := s.store.Users(ctx)
	if err != nil {
		return nil, err
	}
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]UserView, len(users))
	for i, x := range users {
		out[i] = userView(x, orgs)
	}
	return out, nil
}

// NewUser is a staff account to create, with its first password.
type NewUser struct {
	Username string        `json:"username"`
	Name     string        `json:"name"`
	Role     minsheng.Role `json:"role"`
	OrgID    int64         `json:"org_id"`
	Password string        `json:"password"`
}

// CreateUser adds an account.
func (s *Service) CreateUser(ctx context.Context, u *minsheng.User, in NewUser) (*UserView, error) {
	if err := allow(u, minsheng.OpUserWrite); err != nil {
		return nil, err
	}
	nu := &minsheng.User{Username: in.Username, Name: in.Name, Role: in.Role, OrgID: in.OrgID}
	if err := nu.Validate(); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	nu.PasswordHash = hash
	if err := s.store.CreateUser(ctx, nu); err != nil {
		return nil, err
	}
	s.audit(u, "create user "+nu.Username, nu.ID)
	return s.userView(ctx, nu)
}

func (s *Service) userView(ctx context.Context, x *minsheng.User) (*UserView, error) {
	orgs, err := s.store.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	v := userView(x, orgs)
	return &v, nil
}

// UserPatch changes some fields of an account; nil fields stay as they are.
// A new password ends the account's sessions.
type UserPatch struct {
	Name     *string        `json:"name"`
	Role     *minsheng.Role `json:"role"`
	OrgID    *int64         `json:"org_id"`
	Disabled *bool          `json:"disabled"`
	Password *string        `json:"password"`
}

// UpdateUser applies a patch to an account. Role, organisation and disabled
// changes apply from the account's next request on every node.
func (s *Service) UpdateUser(ctx context.Context, u *minsheng.User, id int64, p UserPatch) (*UserView, error) {
	if err := allow(u, minsheng.OpUserWrite); err != nil {
		return nil, err
	}
	cur, err := s.store.User(ctx, id)
	if minsheng.ErrorCode(err) == minsheng.ENOTFOUND {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such user")
	}
	if err != nil {
		return nil, err
	}
	set(&cur.Name, p.Name)
	set(&cur.Role, p.Role)
	set(&cur.OrgID, p.OrgID)
	set(&cur.Disabled, p.Disabled)
	if p.Password != nil {
		if cur.PasswordHash, err = auth.HashPassword(*p.Password); err != nil {
			return nil, err
		}
	}
	if err := s.store.UpdateUser(ctx, cur); err != nil {
		return nil, err
	}
	s.audit(u, "update user "+cur.Username, cur.ID)
	return s.userView(ctx, cur)
}
