package minsheng

// Role is what a user does in the hotline; it decides which actions they may take
// and how much personal data they see.
type Role string

// The roles of DOMAIN.md.
const (
	RoleAgent       Role = "agent"
	RoleDispatcher  Role = "dispatcher"
	RoleHandler     Role = "handler"
	RoleDeptLead    Role = "dept_lead"
	RoleReviewer    Role = "reviewer"
	RoleVisitor     Role = "visitor"
	RoleSupervisor  Role = "supervisor"
	RoleFieldWorker Role = "field_worker"
	RoleAnalyst     Role = "analyst"
	RoleInspector   Role = "inspector"
	RoleAdmin       Role = "admin"
	// RoleLeader is a leader of the city or the hotline (领导): reads every
	// case and figure, and hands cases down personally (领导交办).
	RoleLeader Role = "leader"
	// RoleCitizen is the person who made the request, acting on the portal
	// with the case's tracking code (issue 8: rating a closed case). It is
	// not in Roles: no account can have it, and Valid is false for it.
	RoleCitizen Role = "citizen"
)

// Roles lists every role, in the order the demo prints its accounts.
var Roles = []Role{RoleAgent, RoleDispatcher, RoleHandler, RoleDeptLead, RoleReviewer,
	RoleVisitor, RoleSupervisor, RoleFieldWorker, RoleAnalyst, RoleInspector, RoleAdmin,
	RoleLeader}

// Valid reports whether r is one of the known roles.
func (r Role) Valid() bool {
	for _, k := range Roles {
		if k == r {
			return true
		}
	}
	return false
}

// SeesFullPhone reports whether the role calls citizens and so needs their
// full name and phone number; everyone else sees them masked. The
// permission table decides (OpPersonalData).
func (r Role) SeesFullPhone() bool {
	return Permit(r, OpPersonalData) != ScopeNone
}

// HotlineWide reports whether the role works for the hotline office and so sees
// cases in every organisation; the others see only their organisation's
// subtree. The permission table decides (OpCaseRead with ScopeAll).
func (r Role) HotlineWide() bool {
	return Permit(r, OpCaseRead) == ScopeAll
}
