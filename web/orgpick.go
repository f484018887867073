package web

import (
	"strings"

	"minsheng"
)

// orgNode is an organisation in a select or the org-tree picker,
// indented under its parent.
type orgNode struct {
	ID    int64
	Name  string
	Depth int
	Kind  minsheng.OrgKind
}

// Label is the name indented by depth, for a plain select.
func (o orgNode) Label() string { return strings.Repeat("\u3000", o.Depth) + o.Name }

// orgTree orders the organisation tree depth first, leaving out
// disabled units.
func orgTree(orgs []*minsheng.Org) []orgNode {
	kids := map[int64][]*minsheng.Org{}
	for _, o := range orgs {
		if !o.Disabled {
			kids[o.ParentID] = append(kids[o.ParentID], o)
		}
	}
	var out []orgNode
	var walk func(parent int64, depth int)
	walk = func(parent int64, depth int) {
		for _, o := range kids[parent] {
			out = append(out, orgNode{ID: o.ID, Name: o.Name, Depth: depth, Kind: o.Kind})
			walk(o.ID, depth+1)
		}
	}
	walk(0, 0)
	return out
}
