package minsheng

import "time"

// EscalationRules are the hotline's standing orders for chasing cases
// (督办规则), applied by a background job so that no overdue case waits for
// somebody to notice it. An admin edits them; zero turns a rule off.
type EscalationRules struct {
	// Enabled switches the whole job on or off.
	Enabled bool `json:"enabled"`
	// DueSoonHours: a case whose deadline is at most this many hours away
	// gets a reminder to its handling unit's handlers (0: no reminders).
	DueSoonHours int `json:"due_soon_hours"`
	// OverdueLevel1: an overdue case is put under supervision level 1 (一般
	// 督办) and its unit's department lead is told.
	OverdueLevel1 bool `json:"overdue_level1"`
	// Level2OverdueDays: a case overdue by this many working days goes to
	// level 2 (重点督办), on the leaders' list (0: off).
	Level2OverdueDays int `json:"level2_overdue_days"`
	// Level2SendBacks: a case whose reply was sent back this many times goes
	// to level 2 as well (0: off).
	Level2SendBacks int       `json:"level2_send_backs"`
	UpdatedAt       time.Time `json:"updated_at"`
	UpdatedBy       int64     `json:"updated_by,omitempty"`
}

// Validate checks the rules an admin sends, naming the field at fault.
func (r *EscalationRules) Validate() error {
	switch {
	case r.DueSoonHours < 0 || r.DueSoonHours > 720:
		return Invalid("due_soon_hours", "0 (off) to 720 hours")
	case r.Level2OverdueDays < 0 || r.Level2OverdueDays > 60:
		return Invalid("level2_overdue_days", "0 (off) to 60 working days")
	case r.Level2SendBacks < 0 || r.Level2SendBacks > 20:
		return Invalid("level2_send_backs", "0 (off) to 20 send-backs")
	}
	return nil
}

// AlertKind is why the escalation job touched a case. A case gets each kind
// at most once (a reminder once per deadline), which is what keeps the job
// idempotent across runs and nodes.
type AlertKind string

// The alert kinds.
const (
	AlertDueSoon AlertKind = "due_soon" // reminder to the handlers
	AlertLevel1  AlertKind = "level1"   // overdue: supervision level 1, the dept lead told
	AlertLevel2  AlertKind = "level2"   // long overdue or sent back again: level 2, the leaders' list
	// AlertLeaderAssigned tells a unit a leader handed its case down (领导交办);
	// it is a notification only, never a rule of the job.
	AlertLeaderAssigned AlertKind = "leader_assigned"
	// AlertClue tells inspectors of a discipline clue referred to them.
	AlertClue AlertKind = "discipline_clue"
	// AlertSurge tells analysts and supervisors of a surge alert (Surge):
	// about a category in an area, not about one case.
	AlertSurge AlertKind = "surge"
)

// Level is the supervision level the alert puts the case at (0 for a reminder).
func (k AlertKind) Level() int {
	switch k {
	case AlertLevel1:
		return 1
	case AlertLevel2:
		return 2
	}
	return 0
}

// AlertQuery picks the cases a rule may apply to, leaving out those that
// already have the alert; the rule's own test (Alert.Holds) decides again
// under the write lock.
type AlertQuery struct {
	Kind AlertKind
	// DueFrom and DueBefore bound the deadline (zero: unbounded); only cases
	// whose deadline runs (minsheng.Status.DeadlineRuns) are taken then.
	DueFrom, DueBefore time.Time
	// MinSendBacks, when set, takes open cases sent back at least this often.
	MinSendBacks int
	// BelowLevel takes only cases under this supervision level.
	BelowLevel int
	Limit      int
}

// Alert is one application of a rule to a case: the reason in words for the
// timeline and the notifications, who is told, and the condition that must
// still hold when the case is locked for writing (a case closed in between
// is left alone). A reminder is keyed on the case's deadline: a new deadline
// (an extension) earns a new reminder, the same one never a second.
type Alert struct {
	CaseID     int64
	Kind       AlertKind
	Reason     string
	Recipients []int64
	Holds      func(c *Case) bool
}

// Notification is a message in a user's in-app list: a reminder, an
// escalation, news of a case addressed to them personally, or a surge alert.
type Notification struct {
	ID         int64      `json:"id"`
	UserID     int64      `json:"user_id"`
	CaseID     int64      `json:"case_id,omitempty"`
	CaseNumber string     `json:"case_number,omitempty"`
	CaseTitle  string     `json:"case_title,omitempty"`
	AlertID    int64      `json:"alert_id,omitempty"` // the surge alert it tells of (0: none)
	Kind       AlertKind  `json:"kind"`
	Level      int        `json:"level,omitempty"`
	Note       string     `json:"note"`
	CreatedAt  time.Time  `json:"created_at"`
	ReadAt     *time.Time `json:"read_at,omitempty"`
}

// Teller says who must be told of an action: given the case as the action
// left it and the action's event, it returns the notifications to add. The
// store calls it inside the action's transaction, so the action and its
// notifications commit together or not at all; an error rolls both back.
// It may be called more than once for one action (a write batch that is
// retried), so it only computes.
type Teller func(c *Case, ev Event) ([]Notification, error)

// SystemActor is who the escalation job acts as in the timeline: the rules
// themselves, with the supervisor's right to supervise.
var SystemActor = Actor{Name: "督办规则", Role: RoleSupervisor}

// DisputeCount is one department's responsibility disputes (职责争议) over a
// period: how often it returned a case as not its own, how often the
// hotline agreed (Upheld) or sent the case back to it (Rejected), and how
// many decisions changed the responsibility list.
type DisputeCount struct {
	OrgID       int64  `json:"org_id"`
	OrgName     string `json:"org_name"`
	Disputes    int    `json:"disputes"`
	Upheld      int    `json:"upheld"`
	Rejected    int    `json:"rejected"`
	ListUpdates int    `json:"list_updates"`
}
