package minsheng

import (
	"slices"
	"strings"
)

// Op names one thing a signed-in user can ask of minsheng: a case action
// ("case.dispatch"), reading cases, or a piece of configuration. Every route of
// every surface names its Op, so that one table decides who may do what.
type Op string

// The operations outside the case lifecycle. Case actions are CaseOp(action).
const (
	OpSession       Op = "session"            // who am I, log out, change my own password
	OpCaseCreate    Op = "case.create"        // record a new request
	OpCaseRead      Op = "case.read"          // lists, search, detail, queues
	OpPersonalData  Op = "case.personal_data" // see citizens' names and phones unmasked, find cases by phone
	OpOrgRead       Op = "org.read"
	OpOrgWrite      Op = "org.write"
	OpUserRead      Op = "user.read"
	OpUserWrite     Op = "user.write"
	OpCategoryRead  Op = "category.read"
	OpCategoryWrite Op = "category.write"
	OpRuleRead      Op = "rule.read"
	OpRuleWrite     Op = "rule.write"
	OpHolidayRead   Op = "holiday.read"
	OpHolidayWrite  Op = "holiday.write"
	OpArticleRead   Op = "article.read"
	OpArticleWrite  Op = "article.write"
	OpAPIKeyRead    Op = "apikey.read"  // list client systems' API keys
	OpAPIKeyWrite   Op = "apikey.write" // create and revoke them
	OpStatsRead     Op = "stats.read"   // KPIs and their exports

	// Imports (issue 10): reading other channels' exported files into cases.
	OpCaseImport Op = "case.import" // import cases from files and keep each source's column mapping
	// The outbox and field intake (issue 10).
	OpOutboxRead  Op = "outbox.read"  // notifications, dead letters and webhooks
	OpOutboxWrite Op = "outbox.write" // register webhooks, send a dead letter again
	OpFieldReport Op = "case.field"   // record a request met in the field, with photos
	OpPhotoRead   Op = "case.photo"   // see a case's photos
	// Hotspots and surges.
	OpTrendRead Op = "stats.trends" // hotspots and surge alerts over every organisation
	// Supervision and escalation (issue 9).
	OpEscalationRead   Op = "escalation.read"     // the escalation rules
	OpEscalationWrite  Op = "escalation.write"    // change them
	OpNotificationRead Op = "notification.read"   // one's own reminders and escalations, and marking them read
	OpLeadersList      Op = "supervision.leaders" // the leaders' list: cases at level 2 and up, and leaders' cases
	OpCampaignRead     Op = "campaign.read"       // topic campaigns (专题)
	OpCampaignWrite    Op = "campaign.write"      // start one, add cases, close it
	OpCampaignReport   Op = "campaign.report"     // report a campaign's progress
	OpDisputeRead      Op = "dispute.read"        // responsibility disputes counted per department
	// Dashboards, the monthly report and public feedback (issue 9).
	OpAnalysis      Op = "stats.analysis" // the dashboards and the monthly report, over every organisation
	OpFeedbackWrite Op = "feedback.write" // choose answered cases to publish (媒体集中反馈) and export them
	// Operational pages (webops).
	OpBoardRead Op = "board.read" // the supervision board: overdue, supervised, long-unresolved, repeated
	// The operator's log (webadmin).
	OpSeatLogRead  Op = "seatlog.read"  // read the operator's log 接线民情日志
	OpSeatLogWrite Op = "seatlog.write" // write an entry from the seat
)

// CaseOp is the operation of a lifecycle action ("dispatch" → "case.dispatch").
func CaseOp(action string) Op { return Op("case." + action) }

// Scope is how far a permission reaches over cases.
type Scope int

// The scopes, from none to every case.
const (
	// ScopeNone: the role may not do this at all.
	ScopeNone Scope = iota
	// ScopeLead: cases the user's unit (or a unit below it) handles as lead
	// unit (主办); not cases it only co-handles.
	ScopeLead
	// ScopeUnit: cases the unit handles or co-handles, cases the user
	// collected (a field worker's uploads), and cases referred to the unit
	// as discipline clues (an inspector's).
	ScopeUnit
	// ScopeAll: every case (the hotline office), or, for configuration,
	// simply allowed.
	ScopeAll
)

// String names the scope for error messages and the permission listing.
func (s Scope) String() string {
	return [...]string{"none", "lead", "unit", "all"}[s]
}

// Shorthands for the table below.
const (
	nA = ScopeAll
	nU = ScopeUnit
	nL = ScopeLead
)

var (
	everyone = func(s Scope) map[Role]Scope {
		m := map[Role]Scope{}
		for _, r := range Roles {
			m[r] = s
		}
		return m
	}
	adminOnly = map[Role]Scope{RoleAdmin: nA}
)

// permissions is the one table of role × operation × scope. Unit roles
// (handler, dept_lead, field_worker, inspector) read only their own cases;
// analysts and admins read but never change a case (DOMAIN.md, "Who may do what").
var permissions = map[Op]map[Role]Scope{
	OpSession:       everyone(nA),
	OpCaseCreate:    {RoleAgent: nA, RoleDispatcher: nA, RoleFieldWorker: nA},
	OpCaseRead:      caseReaders,
	OpPersonalData:  {RoleAgent: nA, RoleDispatcher: nA, RoleVisitor: nA},
	OpOrgRead:       everyone(nA),
	OpOrgWrite:      adminOnly,
	OpUserRead:      adminOnly,
	OpUserWrite:     adminOnly,
	OpCategoryRead:  everyone(nA),
	OpCategoryWrite: adminOnly,
	OpRuleRead:      everyone(nA),
	OpRuleWrite:     adminOnly,
	OpHolidayRead:   everyone(nA),
	OpHolidayWrite:  adminOnly,
	OpArticleRead:   everyone(nA),
	OpArticleWrite:  adminOnly,
	OpAPIKeyRead:    adminOnly,
	OpAPIKeyWrite:   adminOnly,
	// The hotline office, analysts, leaders and admins
	// read every organisation's figures; a unit's lead and staff read their
	// own subtree's, to see where they stand.
	OpStatsRead: {RoleAnalyst: nA, RoleSupervisor: nA, RoleAdmin: nA, RoleDispatcher: nA, RoleReviewer: nA,
		RoleDeptLead: nU, RoleHandler: nU, RoleLeader: nA},
	// Hotspots and surges: topics and alerts span the whole city and quote
	// requests' titles, so only the hotline's analysts, leaders, supervisors
	// and admins read them.
	OpTrendRead: {RoleAnalyst: nA, RoleSupervisor: nA, RoleAdmin: nA, RoleLeader: nA},
	// Dashboards and public feedback (issue 9): the analysts, leaders, the
	// supervisors who chase what the figures show and admins read the whole
	// city; the hotline office's supervisors choose what is published.
	OpAnalysis:      {RoleAnalyst: nA, RoleSupervisor: nA, RoleAdmin: nA, RoleLeader: nA},
	OpFeedbackWrite: {RoleSupervisor: nA, RoleAdmin: nA},
	// Operational pages (webops): the hotline's supervisors chase cases
	// across the city from the board; a unit's lead sees their own subtree's.
	OpBoardRead: {RoleSupervisor: nA, RoleDispatcher: nA, RoleDeptLead: nU},

	// Case actions. The lead unit (主办) signs, passes down, returns, asks for
	// more time or a pause, and replies (ScopeLead); a co-handling unit (协办)
	// sees the case, comments and adds its opinion (ScopeUnit). The hotline
	// re-routes, pauses and decides requests; supervisors chase but do not
	// handle; analysts and admins read and never change a case.
	CaseOp("answer"):            {RoleAgent: nA, RoleDispatcher: nA, RoleFieldWorker: nU}, // field: solved on the spot
	CaseOp("triage"):            {RoleDispatcher: nA},
	CaseOp("dispatch"):          {RoleDispatcher: nA, RoleSupervisor: nA},
	CaseOp("accept"):            {RoleHandler: nL, RoleDeptLead: nL},
	CaseOp("subdispatch"):       {RoleHandler: nL, RoleDeptLead: nL},
	CaseOp("return"):            {RoleHandler: nL, RoleDeptLead: nL, RoleInspector: nL},
	CaseOp("reroute"):           {RoleDispatcher: nA},
	CaseOp("request_extension"): {RoleHandler: nL, RoleDeptLead: nL},
	CaseOp("decide_extension"):  {RoleDispatcher: nA, RoleSupervisor: nA},
	CaseOp("reply"):             {RoleHandler: nL, RoleDeptLead: nL, RoleInspector: nL},
	CaseOp("lead_approve"):      {RoleDeptLead: nL},
	CaseOp("review"):            {RoleReviewer: nA},
	CaseOp("visit"):             {RoleVisitor: nA},
	CaseOp("pause"):             {RoleDispatcher: nA},
	CaseOp("request_pause"):     {RoleHandler: nL, RoleDeptLead: nL},
	CaseOp("decide_pause"):      {RoleDispatcher: nA, RoleSupervisor: nA},
	CaseOp("resume"):            {RoleHandler: nL, RoleDeptLead: nL, RoleDispatcher: nA},
	CaseOp("reopen"):            {RoleAgent: nA, RoleDispatcher: nA, RoleSupervisor: nA},
	CaseOp("merge"):             {RoleDispatcher: nA},
	CaseOp("supervise"):         {RoleSupervisor: nA},
	CaseOp("comment"): {RoleAgent: nA, RoleDispatcher: nA, RoleReviewer: nA, RoleVisitor: nA, RoleSupervisor: nA,
		RoleHandler: nU, RoleDeptLead: nU, RoleFieldWorker: nU, RoleInspector: nU},
	CaseOp("opinion"): {RoleHandler: nU, RoleDeptLead: nU},

	// Imports (issue 10): the hotline office takes in other channels' files.
	OpCaseImport: {RoleDispatcher: nA},
	// The outbox and field intake (issue 10). A field worker records a
	// request on a citizen's behalf and may close it when solved on the spot
	// (answer, on the cases they collected); a department records what it met
	// in the field for another department. Photos are seen by whoever reads
	// the case.
	OpOutboxRead:  adminOnly,
	OpOutboxWrite: adminOnly,
	OpFieldReport: {RoleFieldWorker: nA, RoleHandler: nA, RoleDeptLead: nA},
	OpPhotoRead:   caseReaders,
	// Supervision and escalation (issue 9): the rules are the hotline's
	// configuration, read by those who chase cases; everyone has a list of
	// notifications addressed to them.
	OpEscalationRead:   {RoleAdmin: nA, RoleSupervisor: nA, RoleDispatcher: nA},
	OpEscalationWrite:  adminOnly,
	OpNotificationRead: everyone(nA),
	OpLeadersList:      {RoleLeader: nA, RoleSupervisor: nA, RoleAnalyst: nA, RoleDispatcher: nA, RoleAdmin: nA},
	// A leader hands a case down personally (领导交办): the one change to a
	// case a leader makes.
	CaseOp("leader_assign"): {RoleLeader: nA},
	// Topic campaigns (专题): supervisors run them; the lead and
	// co-departments read theirs and report progress; closing one answers
	// its cases (case.campaign_answer, only for cases in a campaign).
	OpCampaignRead: {RoleSupervisor: nA, RoleDispatcher: nA, RoleAnalyst: nA, RoleLeader: nA, RoleAdmin: nA,
		RoleHandler: nU, RoleDeptLead: nU},
	OpCampaignWrite:           {RoleSupervisor: nA},
	OpCampaignReport:          {RoleSupervisor: nA, RoleHandler: nU, RoleDeptLead: nU},
	CaseOp("campaign_answer"): {RoleSupervisor: nA},
	// Responsibility disputes: the hotline arbitrates; those who chase and
	// analyse read the count per department.
	CaseOp("arbitrate"): {RoleDispatcher: nA},
	// Discipline clues: supervisors and reviewers refer misconduct to the
	// discipline body, whose inspectors then read the case (ScopeUnit
	// includes cases referred to the unit).
	CaseOp("refer_clue"): {RoleSupervisor: nA, RoleReviewer: nA},
	OpDisputeRead:        {RoleDispatcher: nA, RoleSupervisor: nA, RoleAnalyst: nA, RoleLeader: nA, RoleAdmin: nA},
	// The operator's log (webadmin): the seats write it; the hotline's
	// office, supervisors, leaders (analysts) and admins read it.
	OpSeatLogWrite: {RoleAgent: nA, RoleDispatcher: nA},
	OpSeatLogRead:  {RoleAgent: nA, RoleDispatcher: nA, RoleSupervisor: nA, RoleAnalyst: nA, RoleAdmin: nA},
	// The citizen's rating (issue 8): only the person holding the tracking
	// code rates a closed case; ScopeAll because the service finds the case
	// by that code, never by id, so the code is the scope.
	CaseOp("rate"): {RoleCitizen: nA},
}

// caseReaders are who read a case, and so its photos: the hotline office,
// supervisors, analysts, leaders and admins every case; a unit's staff their
// own unit's (and the cases they collected or were referred).
var caseReaders = map[Role]Scope{RoleAgent: ScopeAll, RoleDispatcher: ScopeAll, RoleReviewer: ScopeAll,
	RoleVisitor: ScopeAll, RoleSupervisor: ScopeAll, RoleAnalyst: ScopeAll, RoleAdmin: ScopeAll, RoleLeader: ScopeAll,
	RoleHandler: ScopeUnit, RoleDeptLead: ScopeUnit, RoleFieldWorker: ScopeUnit, RoleInspector: ScopeUnit}

// Permit returns how far the role may do op; ScopeNone when it may not.
func Permit(r Role, op Op) Scope { return permissions[op][r] }

// Ops lists every operation of the table, sorted, for tests that hold the
// routes against it.
func Ops() []Op {
	out := make([]Op, 0, len(permissions))
	for op := range permissions {
		out = append(out, op)
	}
	slices.Sort(out)
	return out
}

// Forbidden is the error for a role that may not do op.
func Forbidden(r Role, op Op) *Error {
	return Errorf(EFORBIDDEN, "role %s may not %s", r, strings.ReplaceAll(string(op), ".", " "))
}
