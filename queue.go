package minsheng

import (
	"slices"
	"time"
)

// Queue is a named list a role starts its day from (to dispatch, to sign,
// overdue…), with a count shown as a badge on the home page. Each queue is a
// preset CaseFilter, so lists, totals and badges agree by construction.
type Queue string

// The queues. Their ids appear in the API.
const (
	// QueueToDispatch: new cases waiting for first screening and dispatch (待派单).
	QueueToDispatch Queue = "to_dispatch"
	// QueueReturned: cases a unit gave back, waiting for the dispatcher to
	// arbitrate and re-route (退单).
	QueueReturned Queue = "returned"
	// QueueExtensionRequests: open cases whose extension request waits for a decision.
	QueueExtensionRequests Queue = "extension_requests"
	// QueueToSign: dispatched to the unit, not yet signed for (待签收).
	QueueToSign Queue = "to_sign"
	// QueueHandling: signed for and being handled (办理中).
	QueueHandling Queue = "handling"
	// QueueDueSoon: the deadline runs and falls within the next DueSoonWindow.
	QueueDueSoon Queue = "due_soon"
	// QueueOverdue: the deadline runs and has passed (Case.Overdue).
	QueueOverdue Queue = "overdue"
	// QueueToApprove: replies waiting for the unit lead's approval.
	QueueToApprove Queue = "to_approve"
	// QueueToReview: replies waiting for the hotline's review.
	QueueToReview Queue = "to_review"
	// QueueToVisit: cases waiting for the return call (待回访).
	QueueToVisit Queue = "to_visit"
	// QueueSupervised: open cases under supervision (督办), any level.
	QueueSupervised Queue = "supervised"
	// QueueMine: cases the user recorded themselves, open or not.
	QueueMine Queue = "mine"
)

// Queues lists every queue in the order home pages show them.
var Queues = []Queue{QueueToDispatch, QueueReturned, QueueExtensionRequests, QueueToSign, QueueHandling,
	QueueDueSoon, QueueOverdue, QueueToApprove, QueueToReview, QueueToVisit, QueueSupervised, QueueMine}

// Valid reports whether q is a known queue.
func (q Queue) Valid() bool { return slices.Contains(Queues, q) }

// DueSoonWindow is how far ahead QueueDueSoon looks: a rolling 24 hours
// rather than "until midnight", so that the queue does not empty itself late
// in the day and cases due first thing tomorrow morning already show tonight.
const DueSoonWindow = 24 * time.Hour

// queuesByRole gives each role the queues of its daily work. Readers
// (analysts, admins, supervisors) get the queues that show where work is
// stuck; inspectors, who handle discipline referrals like a unit, get the
// handling queues of their unit.
var queuesByRole = map[Role][]Queue{
	RoleAgent:       {QueueMine},
	RoleFieldWorker: {QueueMine},
	RoleDispatcher: {QueueToDispatch, QueueReturned, QueueExtensionRequests, QueueDueSoon, QueueOverdue,
		QueueSupervised},
	RoleHandler:    {QueueToSign, QueueHandling, QueueDueSoon, QueueOverdue, QueueSupervised},
	RoleDeptLead:   {QueueToSign, QueueHandling, QueueToApprove, QueueDueSoon, QueueOverdue, QueueSupervised},
	RoleReviewer:   {QueueToReview},
	RoleVisitor:    {QueueToVisit},
	RoleSupervisor: {QueueOverdue, QueueDueSoon, QueueSupervised, QueueExtensionRequests, QueueReturned},
	RoleAnalyst:    {QueueOverdue, QueueDueSoon, QueueSupervised},
	RoleAdmin:      {QueueOverdue, QueueSupervised},
	RoleInspector:  {QueueHandling, QueueDueSoon, QueueOverdue},
	RoleLeader:     {QueueSupervised, QueueOverdue},
}

// QueuesFor returns the queues the role sees, in display order; none for an
// unknown role.
func QueuesFor(r Role) []Queue { return slices.Clone(queuesByRole[r]) }

// DefaultSort is the order a queue opens in: what is due first where a
// deadline drives the work, most urgent first where new work is screened,
// newest first where the order does not matter.
func (q Queue) DefaultSort() Sort {
	switch q {
	case QueueToDispatch, QueueToSign:
		return SortUrgency
	case QueueReturned, QueueMine, QueueToVisit:
		return SortReceived
	}
	return SortDue
}

// Filter is the queue as a case filter for the actor at time now: the
// queue's conditions, the actor's scope (unit roles see only their own cases,
// the same rule as every list), and the queue's default order. Callers may
// change Sort, Limit and Cursor before listing, and narrow the due bounds
// with WithDue. An unknown
// queue gives an error of kind EINVALID.
func (q Queue) Filter(a Actor, now time.Time) (CaseFilter, error) {
	f := CaseFilter{Scope: &a, Sort: q.DefaultSort()}
	switch q {
	case QueueToDispatch:
		f.Status = []Status{StatusPendingDispatch}
	case QueueReturned:
		f.Status, f.ReturnedOnly = []Status{StatusPendingDispatch}, true
	case QueueExtensionRequests:
		f.Status, f.ExtensionPending = OpenStatuses(), true
	case QueueToSign:
		f.Status = []Status{StatusDispatched}
	case QueueHandling:
		f.Status = []Status{StatusHandling}
	case QueueDueSoon:
		f.Status, f.DueAfter, f.DueBefore = DeadlineStatuses(), now, now.Add(DueSoonWindow)
	case QueueOverdue:
		// Case.Overdue as a filter, at the same now as due soon so the two
		// never overlap.
		f.Status, f.DueBefore = DeadlineStatuses(), now
	case QueueToApprove:
		f.Status = []Status{StatusPendingLead}
	case QueueToReview:
		f.Status = []Status{StatusPendingReview}
	case QueueToVisit:
		f.Status = []Status{StatusPendingVisit}
	case QueueSupervised:
		f.Status, f.Supervised = OpenStatuses(), true
	case QueueMine:
		f.CreatedBy = a.UserID
	default:
		return CaseFilter{}, Invalid("queue", "unknown queue %q", q)
	}
	return f, nil
}

// OpenStatuses lists the states in which a case still needs work
// (Status.Open), derived so that a new state joins every open queue.
func OpenStatuses() []Status {
	var out []Status
	for _, s := range Statuses {
		if s.Open() {
			out = append(out, s)
		}
	}
	return out
}
