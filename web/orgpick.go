package web

import (
	"strings"

	"minsheng"
)

// orgNode is an organisation in a select or the org-tree picker,
// indented under its parent; Path names its ancestors too, so typing
// "住建" in the picker's filter also finds the bureau's sections.
type orgNode struct {
	ID    int64
	Name  string
	Path  string
	Depth int
}

// Label is the name indented by depth, for a plain select.
func (o orgNode) Label() string { return strings.Repeat("\u3000", o.Depth) + o.Name }

// orgTree orders the organisation tree depth first, leaving out disabled
// units, and the units skip picks (their children stay, one level up).
func orgTree(orgs []*minsheng.Org, skip func(*minsheng.Org) bool) []orgNode {
	kids := map[int64][]*minsheng.Org{}
	for _, o := range orgs {
		if !o.Disabled {
			kids[o.ParentID] = append(kids[o.ParentID], o)
		}
	}
	var out []orgNode
	var walk func(parent int64, depth int, path string)
	walk = func(parent int64, depth int, path string) {
		for _, o := range kids[parent] {
			if skip != nil && skip(o) {
				walk(o.ID, depth, path)
				continue
			}
			p := o.Name
			if path != "" {
				p = path + " / " + o.Name
			}
			out = append(out, orgNode{ID: o.ID, Name: o.Name, Path: p, Depth: depth})
			walk(o.ID, depth+1, p)
		}
	}
	walk(0, 0, "")
	return out
}

// notDispatchable are the units a case is never sent to: the root and the
// hotline itself.
func notDispatchable(o *minsheng.Org) bool { return o.ParentID == 0 || o.Kind == minsheng.OrgHotline }
