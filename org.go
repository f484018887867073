package minsheng

import (
	"strconv"
	"strings"
)

// OrgKind says what sort of body an organisation is; the kind decides the
// screening track of cases dispatched to it.
type OrgKind string

// The organisation kinds of the tree.
const (
	OrgHotline    OrgKind = "hotline"
	OrgDepartment OrgKind = "department"
	OrgDistrict   OrgKind = "district"
	OrgStreet     OrgKind = "street"
	OrgCommunity  OrgKind = "community"
	OrgCompany    OrgKind = "company" // public utilities: water, heating, gas
	OrgMedia      OrgKind = "media"
	OrgPetition   OrgKind = "petition"
	OrgDiscipline OrgKind = "discipline"
)

// Valid reports whether k is a known kind.
func (k OrgKind) Valid() bool {
	switch k {
	case OrgHotline, OrgDepartment, OrgDistrict, OrgStreet, OrgCommunity, OrgCompany, OrgMedia, OrgPetition, OrgDiscipline:
		return true
	}
	return false
}

// Track returns the screening track whose cases go to bodies of this kind.
func (k OrgKind) Track() Track {
	switch k {
	case OrgMedia:
		return TrackMedia
	case OrgPetition:
		return TrackPetition
	case OrgDiscipline:
		return TrackDiscipline
	}
	return TrackService
}

// Org is one body in the single organisation tree. Path is the materialised
// path of ids ("/1/4/17/") so that a subtree is a prefix match in any database.
type Org struct {
	ID       int64   `json:"id"`
	ParentID int64   `json:"parent_id,omitempty"`
	Name     string  `json:"name"`
	Kind     OrgKind `json:"kind"`
	Path     string  `json:"path"`
	// LeadApproval means replies must be approved by the unit's lead before
	// they leave the organisation (the pending_lead state).
	LeadApproval bool `json:"lead_approval"`
	Disabled     bool `json:"disabled"`
}

// ChildPath returns the path a child with the given id would have.
func (o *Org) ChildPath(id int64) string {
	p := o.Path
	if p == "" {
		p = "/"
	}
	return p + strconv.FormatInt(id, 10) + "/"
}

// Contains reports whether other is o or one of its descendants.
func (o *Org) Contains(otherPath string) bool {
	return o.Path != "" && strings.HasPrefix(otherPath, o.Path)
}

// Validate checks the fields an admin supplies.
func (o *Org) Validate() error {
	if err := checkText("name", o.Name); err != nil {
		return err
	}
	if o.ParentID < 0 {
		return Invalid("parent_id", "no such organisation")
	}
	if strings.TrimSpace(o.Name) == "" {
		return Invalid("name", "must not be empty")
	}
	if len([]rune(o.Name)) > 100 {
		return Invalid("name", "at most 100 characters")
	}
	if !o.Kind.Valid() {
		return Invalid("kind", "unknown organisation kind %q", o.Kind)
	}
	return nil
}
