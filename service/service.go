// Package service holds minsheng's use cases: intake, lifecycle actions, case
// detail, lists and queues, the citizen's tracking view, sign-in, admin and the
// knowledge base. Every surface (the JSON API, the web pages, Open311, imports)
// calls these functions, so each rule — who may do what, what a role sees,
// when a reply becomes public — is written once, here or in the domain.
package service

import (
	"context"
	"log/slog"
	"time"

	"minsheng"
	"minsheng/assist"
	"minsheng/auth"
	"minsheng/calendar"
	"minsheng/lifecycle"
)

// Store is what the use cases need from storage; *store.Store implements it.
type Store interface {
	Ping(ctx context.Context) error
	CreateCase(ctx context.Context, c *minsheng.Case, a minsheng.Actor, key string, photos ...*minsheng.Photo) (bool, error)
	Case(ctx context.Context, id int64) (*minsheng.Case, error)
	CaseByTrackingCode(ctx context.Context, code string) (*minsheng.Case, error)
	Events(ctx context.Context, caseID int64) ([]minsheng.Event, error)
	PageCases(ctx context.Context, f minsheng.CaseFilter) (*minsheng.CasePage, error)
	ListPage(ctx context.Context, f minsheng.CaseFilter) (*minsheng.CasePage, error)
	CachedCategories(ctx context.Context) ([]minsheng.Category, error)
	QueueCounts(ctx context.Context, a minsheng.Actor, queues []minsheng.Queue) (map[minsheng.Queue]int, error)
	QueueFilter(a minsheng.Actor, q minsheng.Queue) (minsheng.CaseFilter, error)
	RelatedCases(ctx context.Context, c *minsheng.Case) (merged, sameCaller []*minsheng.Case, err error)
	Act(ctx context.Context, id int64, a minsheng.Actor, req lifecycle.Request) (*minsheng.Case, minsheng.Event, error)
	ActAndTell(ctx context.Context, id int64, a minsheng.Actor, req lifecycle.Request, tell minsheng.Teller) (*minsheng.Case, minsheng.Event, error)
	CaseHeads(ctx context.Context, ids []int64) (map[int64]*minsheng.Case, error)
	KPIs(ctx context.Context, q minsheng.KPIQuery) ([]minsheng.KPIItem, error)
	KPIGroups(ctx context.Context, q minsheng.KPIQuery, by ...minsheng.KPIGroupBy) ([][]minsheng.KPIItem, error)
	ClosedCases(ctx context.Context, from, to time.Time, limit int) ([]*minsheng.Case, error)
	Policy(ctx context.Context) (*lifecycle.Policy, error)

	Articles(ctx context.Context) ([]*minsheng.Article, error)
	Article(ctx context.Context, id int64) (*minsheng.Article, error)
	SaveArticle(ctx context.Context, a *minsheng.Article) error

	Orgs(ctx context.Context) (*minsheng.OrgTree, error)
	CreateOrg(ctx context.Context, o *minsheng.Org) error
	UpdateOrg(ctx context.Context, o *minsheng.Org) error
	Categories(ctx context.Context) ([]minsheng.Category, error)
	SaveCategory(ctx context.Context, c *minsheng.Category) error
	DeadlineRules(ctx context.Context) ([]minsheng.DeadlineRule, error)
	SaveDeadlineRule(ctx context.Context, r *minsheng.DeadlineRule) error
	Holidays(ctx context.Context) ([]minsheng.HolidayDay, error)
	SetHolidays(ctx context.Context, year int, days []minsheng.HolidayDay) error

	CreateUser(ctx context.Context, u *minsheng.User) error
	UpdateUser(ctx context.Context, u *minsheng.User) error
	User(ctx context.Context, id int64) (*minsheng.User, error)
	UserByName(ctx context.Context, username string) (*minsheng.User, error)
	Users(ctx context.Context) ([]*minsheng.User, error)
	CreateSession(ctx context.Context, token string, userID int64, ttl time.Duration) (time.Time, error)
	SessionUser(ctx context.Context, token string) (*minsheng.User, time.Time, error)
	RevokeSession(ctx context.Context, token string) error
	SetPassword(ctx context.Context, userID int64, hash string, keepToken string) error

	CreateAPIKey(ctx context.Context, k *minsheng.APIKey, username, keyHash string) error
	APIKeys(ctx context.Context) ([]*minsheng.APIKey, error)
	RevokeAPIKey(ctx context.Context, id int64) (*minsheng.APIKey, error)
	APIKeyUser(ctx context.Context, keyHash string) (*minsheng.APIKey, *minsheng.User, error)
	TouchAPIKey(ctx context.Context, id int64, at time.Time) error
	CaseByChannelRef(ctx context.Context, ch minsheng.Channel, ref string) (*minsheng.Case, error)

	// Imports (issue 10).
	ImportSource(ctx context.Context, name string) (*minsheng.ImportSource, error)
	ImportSources(ctx context.Context) ([]*minsheng.ImportSource, error)
	SaveImportSource(ctx context.Context, src *minsheng.ImportSource) error
	ImportChunks(ctx context.Context, chunks <-chan []*minsheng.Case, a minsheng.Actor, wrote func(rows, created int, took time.Duration)) error
	// The outbox and field intake (issue 10).
	CreateWebhook(ctx context.Context, w *minsheng.Webhook) error
	Webhooks(ctx context.Context) ([]*minsheng.Webhook, error)
	Webhook(ctx context.Context, id int64) (*minsheng.Webhook, error)
	UpdateWebhook(ctx context.Context, w *minsheng.Webhook) error
	DeleteWebhook(ctx context.Context, id int64) error
	OutboxMessages(ctx context.Context, status minsheng.NotifyStatus, before int64, limit int) ([]*minsheng.OutboxMessage, error)
	RetryOutboxMessage(ctx context.Context, id int64) (*minsheng.OutboxMessage, error)
	CreateFieldCase(ctx context.Context, c *minsheng.Case, a minsheng.Actor, key string, photos []*minsheng.Photo, solved *lifecycle.Request) (bool, error)
	Photo(ctx context.Context, id int64) (*minsheng.Photo, error)
	CasePhotos(ctx context.Context, caseID int64) ([]minsheng.Photo, error)
	// Hotspots and surges.
	TrendCases(ctx context.Context, from, to time.Time, withText bool, newest int) ([]minsheng.TrendCase, error)
	SampleTrendCases(ctx context.Context, from, to time.Time, n int) ([]minsheng.TrendCase, int, error)
	SaveSurges(ctx context.Context, alerts []minsheng.Surge, tell minsheng.SurgeTeller) (int, error)
	Surges(ctx context.Context, sinceDay string) ([]minsheng.Surge, error)
	Surge(ctx context.Context, id int64) (*minsheng.Surge, error)
	// Supervision and escalation (issue 9).
	EscalationRules(ctx context.Context) (*minsheng.EscalationRules, error)
	SaveEscalationRules(ctx context.Context, r *minsheng.EscalationRules) error
	TryJobLock(ctx context.Context, name string) (unlock func(), ok bool, err error)
	AlertCandidates(ctx context.Context, q minsheng.AlertQuery) ([]*minsheng.Case, error)
	ApplyAlert(ctx context.Context, al minsheng.Alert) (bool, error)
	Notifications(ctx context.Context, userID int64, unreadOnly bool, before int64, limit int) ([]minsheng.Notification, error)
	UnreadNotifications(ctx context.Context, userID int64) (int, error)
	MarkNotificationsRead(ctx context.Context, userID, id int64) (int, error)
	LeadersList(ctx context.Context, limit int) ([]*minsheng.Case, error)
	CreateCampaign(ctx context.Context, c *minsheng.Campaign) error
	AddCampaignCases(ctx context.Context, id int64, caseIDs []int64) error
	Campaign(ctx context.Context, id int64) (*minsheng.Campaign, error)
	Campaigns(ctx context.Context) ([]*minsheng.Campaign, error)
	CampaignCases(ctx context.Context, id int64) ([]*minsheng.Case, error)
	AddCampaignReport(ctx context.Context, id int64, r *minsheng.Report) error
	CloseCampaign(ctx context.Context, id int64, a minsheng.Actor, content string, outcome minsheng.Outcome) (int, error)
	DisputeCounts(ctx context.Context, from, to time.Time) ([]minsheng.DisputeCount, error)
	// Dashboards, the monthly report and public feedback (issue 9).
	RankCases(ctx context.Context, q minsheng.CaseRanking) ([]*minsheng.Case, error)
	ListCases(ctx context.Context, f minsheng.CaseFilter) ([]*minsheng.Case, error)
	CreateFeedbackBatch(ctx context.Context, b *minsheng.FeedbackBatch) error
	FeedbackBatches(ctx context.Context) ([]*minsheng.FeedbackBatch, error)
	FeedbackBatch(ctx context.Context, id int64) (*minsheng.FeedbackBatch, error)
	PublishedAnswers(ctx context.Context, limit int) ([]minsheng.FeedbackItem, error)
	// Live queues: a wake-up after cases changed on any node.
	Subscribe() (<-chan struct{}, func())
	// Operational pages (webops): the reason beside a queued case.
	LatestEvents(ctx context.Context, ids []int64, action string) (map[int64]minsheng.Event, error)
	// Citizens' ratings, seats and the operator's log (webadmin).
	SetSeatType(ctx context.Context, userID int64, t minsheng.SeatType) error
	AddSeatLog(ctx context.Context, l *minsheng.SeatLog) error
	SeatLogs(ctx context.Context, f minsheng.SeatLogFilter) ([]minsheng.SeatLog, error)
}

// Assistant is the text intelligence shown to screeners; nil turns it off.
type Assistant interface {
	Suggest(c *minsheng.Case, orgs *minsheng.OrgTree) assist.Suggestions
	Duplicates(c *minsheng.Case, k int) []assist.Duplicate
	Screen(c *minsheng.Case, orgs *minsheng.OrgTree, k int) *assist.Screening
	Admit(sc *assist.Screening, id int64)
	Forget(id int64)
	SearchArticles(q string, limit int) []*minsheng.Article
	ReloadArticles(ctx context.Context) error
}

var _ Assistant = (*assist.Assistant)(nil)

// Service runs the use cases over a store and an optional assistant. It is
// safe for concurrent use; one value serves a whole node.
type Service struct {
	store  Store
	assist Assistant
	log    *slog.Logger
	heads  headCache

	logins   *auth.Throttle // failed logins per account and address
	accounts *auth.Throttle // failed logins per account, from any address
	guesses  *auth.Throttle // unknown tracking codes per address
	phones   *auth.Throttle // phone-number lookups per user
	keys     *keyLimiter    // requests per API key
	submits  *auth.Throttle // portal submissions per address
	ratings  *auth.Throttle // citizens' ratings per address (issue 8)
	trends   trendCache     // hotspot lists the background job keeps
	// TokenTTL is how long a login lasts.
	TokenTTL time.Duration
	// Now is the clock; tests may replace it.
	Now func() time.Time
	// PrivateWebhooks lets webhooks target loopback, private and link-local
	// addresses (a closed network, or tests with a local receiver); off,
	// such targets are refused when saved (see outbox.CheckTarget).
	PrivateWebhooks bool
}

// New returns the use cases over a store; as may be nil (no suggestions).
func New(st Store, as Assistant, log *slog.Logger) *Service {
	if log == nil {
		log = slog.Default()
	}
	return &Service{store: st, assist: as, log: log,
		logins:   auth.NewThrottle(5, 15*time.Minute),
		accounts: auth.NewThrottle(20, 15*time.Minute),
		guesses:  auth.NewThrottle(30, 10*time.Minute),
		phones:   auth.NewThrottle(120, 10*time.Minute),
		keys:     newKeyLimiter(DefaultKeyRate, DefaultKeyBurst),
		submits:  newSubmitThrottle(),
		ratings:  newSubmitThrottle(),
		TokenTTL: 12 * time.Hour, Now: time.Now}
}

// Calendar returns the working-day calendar deadlines are counted on (with
// holidays and make-up days), so that a page can say "3 working days left"
// in the same days the deadline was set in.
func (s *Service) Calendar(ctx context.Context) (*calendar.Calendar, error) {
	p, err := s.store.Policy(ctx)
	if err != nil {
		return nil, err
	}
	return p.Cal, nil
}

// Ping checks that the database answers.
func (s *Service) Ping(ctx context.Context) error { return s.store.Ping(ctx) }

// allow checks the permission table for a signed-in user.
func allow(u *minsheng.User, op minsheng.Op) error {
	if u == nil {
		return minsheng.Errorf(minsheng.EUNAUTHORIZED, "log in first")
	}
	if minsheng.Permit(u.Role, op) == minsheng.ScopeNone {
		return minsheng.Forbidden(u.Role, op)
	}
	return nil
}

// notFoundCase is the one message for a case that is missing or out of scope.
var notFoundCase = minsheng.Errorf(minsheng.ENOTFOUND, "no such case")

// readable reports whether the user may read the case, by the same scope as
// the permission table gives case.read.
func readable(c *minsheng.Case, u *minsheng.User) bool {
	switch minsheng.Permit(u.Role, minsheng.OpCaseRead) {
	case minsheng.ScopeAll:
		return true
	case minsheng.ScopeUnit:
		return lifecycle.InScope(c, minsheng.ActorOf(u))
	case minsheng.ScopeLead:
		return lifecycle.InLeadScope(c, minsheng.ActorOf(u))
	}
	return false
}

// scopeFilter limits a list to what the user may read.
func scopeFilter(u *minsheng.User) *minsheng.Actor {
	if minsheng.Permit(u.Role, minsheng.OpCaseRead) == minsheng.ScopeAll {
		return nil
	}
	a := minsheng.ActorOf(u)
	return &a
}
