package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minsheng"
)

type orgCache = minsheng.OrgTree

// cacheTTL bounds how stale another node's configuration change can be here.
const cacheTTL = 30 * time.Second

// Orgs returns the cached organisation tree, reloading it when stale.
func (s *Store) Orgs(ctx context.Context) (*minsheng.OrgTree, error) {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.orgsCache != nil && time.Since(s.orgsCache.At) < cacheTTL {
		return s.orgsCache, nil
	}
	rows, err := s.rdb(ctx).rows("SELECT id, parent_id, name, kind, path, lead_approval, disabled FROM orgs ORDER BY path")
	if err != nil {
		return nil, fmt.Errorf("load organisations: %w", err)
	}
	defer rows.Close()
	var list []*minsheng.Org
	for rows.Next() {
		var o minsheng.Org
		var parent sql.NullInt64
		if err := rows.Scan(&o.ID, &parent, &o.Name, &o.Kind, &o.Path, &o.LeadApproval, &o.Disabled); err != nil {
			return nil, fmt.Errorf("load organisations: %w", err)
		}
		o.ParentID = parent.Int64
		list = append(list, &o)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	s.orgsCache = minsheng.NewOrgTree(list, time.Now())
	return s.orgsCache, nil
}

// invalidate drops the caches after a configuration change on this node.
func (s *Store) invalidate() {
	s.cacheMu.Lock()
	s.orgsCache, s.policy = nil, nil
	s.cacheMu.Unlock()
}

// CreateOrg adds an organisation under its parent. Errors: EINVALID, naming
// parent_id when there is no such parent.
func (s *Store) CreateOrg(ctx context.Context, o *minsheng.Org) error {
	if err := o.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		parentPath := "/"
		if o.ParentID != 0 {
			if err := b.row("SELECT path FROM orgs WHERE id = ?", o.ParentID).Scan(&parentPath); errors.Is(err, sql.ErrNoRows) {
				return minsheng.Invalid("parent_id", "no such organisation")
			} else if err != nil {
				return fmt.Errorf("load parent organisation: %w", err)
			}
		}
		id, err := b.insert("INSERT INTO orgs (parent_id, name, kind, lead_approval, disabled, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			nullID(o.ParentID), o.Name, o.Kind, o.LeadApproval, o.Disabled, ms(s.now()))
		if err != nil {
			return err
		}
		o.ID = id
		o.Path = fmt.Sprintf("%s%d/", parentPath, id)
		_, err = b.exec("UPDATE orgs SET path = ? WHERE id = ?", o.Path, id)
		return err
	})
	s.invalidate()
	if err != nil {
		return fmt.Errorf("create organisation: %w", invalidRef(err, "parent_id", "organisation"))
	}
	return nil
}

// UpdateOrg changes an organisation's name, kind, lead-approval setting or
// disabled flag. Moving it in the tree is not supported (cases keep their
// paths), so a ParentID other than 0 or the current parent is refused; on
// success o's ParentID and Path are the stored ones.
// Errors: ENOTFOUND, EINVALID (naming parent_id for a missing parent or a move).
func (s *Store) UpdateOrg(ctx context.Context, o *minsheng.Org) error {
	if err := o.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		var parent sql.NullInt64
		var path string
		err := b.row("SELECT parent_id, path FROM orgs WHERE id = ?", o.ID).Scan(&parent, &path)
		if errors.Is(err, sql.ErrNoRows) {
			return minsheng.ErrNotFound
		}
		if err != nil {
			return fmt.Errorf("load organisation: %w", err)
		}
		if o.ParentID != 0 && o.ParentID != parent.Int64 {
			if err := orgExists(b, o.ParentID, "parent_id"); err != nil {
				return err
			}
			return minsheng.Invalid("parent_id", "moving an organisation in the tree is not supported")
		}
		o.ParentID, o.Path = parent.Int64, path
		return b.updateOne("UPDATE orgs SET name = ?, kind = ?, lead_approval = ?, disabled = ? WHERE id = ?",
			o.Name, o.Kind, o.LeadApproval, o.Disabled, o.ID)
	})
	s.invalidate()
	if err != nil {
		return fmt.Errorf("update organisation %d: %w", o.ID, err)
	}
	return nil
}

// orgExists checks an organisation reference, answering EINVALID naming field
// when there is no such organisation.
func orgExists(b db, id int64, field string) error {
	var one int
	err := b.row("SELECT 1 FROM orgs WHERE id = ?", id).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return minsheng.Invalid(field, "no such organisation")
	}
	if err != nil {
		return fmt.Errorf("check organisation %d: %w", id, err)
	}
	return nil
}
