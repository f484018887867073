package minsheng

import (
	"sort"
	"time"
)

// OrgTree is a snapshot of the organisation tree. Every action, scope check and
// suggestion needs it and it changes rarely, so stores hand out cached snapshots.
type OrgTree struct {
	byID map[int64]*Org
	list []*Org
	// At is when the snapshot was read.
	At time.Time
}

// NewOrgTree builds a snapshot from every organisation.
func NewOrgTree(orgs []*Org, at time.Time) *OrgTree {
	t := &OrgTree{byID: make(map[int64]*Org, len(orgs)), list: append([]*Org(nil), orgs...), At: at}
	for _, o := range orgs {
		t.byID[o.ID] = o
	}
	sort.SliceStable(t.list, func(i, j int) bool { return len(t.list[i].Path) < len(t.list[j].Path) })
	return t
}

// Org returns one organisation of the snapshot, or nil.
func (t *OrgTree) Org(id int64) *Org { return t.byID[id] }

// List returns every organisation, parents before children.
func (t *OrgTree) List() []*Org { return t.list }
