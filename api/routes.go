package api

import (
	"errors"
	"net/http"
	"strconv"

	"minsheng"
	"minsheng/lifecycle"
	"minsheng/service"
)

func errorsAs(err error, target any) bool { return errors.As(err, target) }

// Table lists every route of the API.
func (s *Server) Table() []Route {
	caseFilters := []Param{{"status", "string", "states, comma-separated"}, {"track", "string", "service, media, petition or discipline"},
		{"org_id", "integer", "the organisation and its subtree"}, {"category_id", "integer", "the category and its descendants"},
		{"channel", "string", "intake channel"}, {"overdue", "boolean", "only overdue cases (true/false/1/0)"},
		{"supervised", "boolean", "only supervised cases"}, {"created_from", "string", "YYYY-MM-DD or RFC 3339"},
		{"created_to", "string", "YYYY-MM-DD or RFC 3339, exclusive"},
		{"citizen_phone", "string", "the caller's phone (roles that call citizens only; throttled)"},
		{"q", "string", "Chinese full-text search, up to 100 characters"}}
	paging := []Param{{"sort", "string", "received (newest first, the default), due (soonest first) or urgency"},
		{"due_after", "string", "deadline from (YYYY-MM-DD or RFC 3339)"}, {"due_before", "string", "deadline before (exclusive)"},
		{"cursor", "string", "next_cursor of the previous page"}, {"limit", "integer", "1-200, default 50"}}
	caseFilters = append(caseFilters, paging...)
	return []Route{
		{Method: "GET", Path: "/healthz", Public: true, Summary: "Health check", Reply: map[string]string{}, h: s.healthz},
		{Method: "GET", Path: "/api/v1/openapi.json", Public: true, Summary: "This API's OpenAPI 3.1 description", Reply: map[string]any{}, h: s.openapi},
		{Method: "POST", Path: "/api/v1/login", Public: true, Summary: "Log in with a username and password", Body: loginRequest{}, Reply: service.Session{}, h: s.login},
		{Method: "GET", Path: "/api/v1/track/{code}", Public: true, Summary: "The citizen's view of a case by its tracking code", Reply: service.Tracking{}, h: s.track},

		{Method: "POST", Path: "/api/v1/logout", Op: minsheng.OpSession, Summary: "End this session", Reply: map[string]string{}, h: s.logout},
		{Method: "GET", Path: "/api/v1/me", Op: minsheng.OpSession, Summary: "The signed-in account", Reply: service.UserView{}, h: s.me},
		{Method: "POST", Path: "/api/v1/me/password", Op: minsheng.OpSession, Summary: "Change one's own password; other sessions end",
			Body: passwordRequest{}, Reply: map[string]string{}, h: s.changePassword},

		{Method: "POST", Path: "/api/v1/cases", Op: minsheng.OpCaseCreate, Summary: "Record a new request (Idempotency-Key makes retries safe)",
			Body: service.Intake{}, Reply: service.Created{}, Status: http.StatusCreated, h: s.createCase},
		{Method: "GET", Path: "/api/v1/cases", Op: minsheng.OpCaseRead, Summary: "List and search cases, newest first", Query: caseFilters,
			Reply: service.Page[service.CaseView]{}, h: s.listCases},
		{Method: "GET", Path: "/api/v1/queues", Op: minsheng.OpCaseRead, Summary: "The signed-in user's work queues with their counts",
			Reply: items[service.QueueCount]{}, h: s.listQueues},
		{Method: "GET", Path: "/api/v1/queues/{queue}", Op: minsheng.OpCaseRead, Summary: "One page of a work queue, with its total",
			Query: paging, Reply: service.Page[service.CaseView]{}, h: s.getQueue},
		{Method: "GET", Path: "/api/v1/cases/{id}", Op: minsheng.OpCaseRead, Summary: "One case with its timeline, related cases and allowed actions (ETag: its version)",
			Reply: service.Detail{}, h: s.getCase},
		{Method: "POST", Path: "/api/v1/cases/{id}/{action}", Op: minsheng.CaseOp("{action}"), Summary: "Take a lifecycle action (If-Match: the ETag guards against concurrent changes)",
			Body: lifecycle.Request{}, Reply: service.Acted{}, h: s.caseAction},

		{Method: "GET", Path: "/api/v1/stats/kpis", Op: minsheng.OpStatsRead, Summary: "KPIs over a period: counts and rates per group (DOMAIN.md)",
			Query: kpiParams, Reply: items[minsheng.KPIItem]{}, h: s.kpis},
		{Method: "GET", Path: "/api/v1/stats/kpis.xlsx", Op: minsheng.OpStatsRead, Summary: "The same KPIs as an Excel workbook with Chinese headers",
			Query: kpiParams, Produces: xlsxType, h: s.kpisXLSX},

		{Method: "GET", Path: "/api/v1/orgs", Op: minsheng.OpOrgRead, Summary: "The organisation tree", Reply: items[*minsheng.Org]{}, h: s.listOrgs},
		{Method: "POST", Path: "/api/v1/orgs", Op: minsheng.OpOrgWrite, Summary: "Add an organisation", Body: service.NewOrg{}, Reply: minsheng.Org{}, Status: http.StatusCreated, h: s.createOrg},
		{Method: "PATCH", Path: "/api/v1/orgs/{id}", Op: minsheng.OpOrgWrite, Summary: "Change an organisation", Body: service.OrgPatch{}, Reply: minsheng.Org{}, h: s.updateOrg},
		{Method: "GET", Path: "/api/v1/users", Op: minsheng.OpUserRead, Summary: "Staff accounts", Reply: items[service.UserView]{}, h: s.listUsers},
		{Method: "POST", Path: "/api/v1/users", Op: minsheng.OpUserWrite, Summary: "Add an account", Body: service.NewUser{}, Reply: service.UserView{}, Status: http.StatusCreated, h: s.createUser},
		{Method: "PATCH", Path: "/api/v1/users/{id}", Op: minsheng.OpUserWrite, Summary: "Change an account (a new password ends its sessions)", Body: service.UserPatch{}, Reply: service.UserView{}, h: s.updateUser},
		{Method: "GET", Path: "/api/v1/categories", Op: minsheng.OpCategoryRead, Summary: "The category tree", Reply: items[minsheng.Category]{}, h: s.listCategories},
		{Method: "POST", Path: "/api/v1/categories", Op: minsheng.OpCategoryWrite, Summary: "Add a category", Body: service.CategoryPatch{}, Reply: minsheng.Category{}, Status: http.StatusCreated, h: s.createCategory},
		{Method: "PATCH", Path: "/api/v1/categories/{id}", Op: minsheng.OpCategoryWrite, Summary: "Change a category", Body: service.CategoryPatch{}, Reply: minsheng.Category{}, h: s.updateCategory},
		{Method: "GET", Path: "/api/v1/deadline-rules", Op: minsheng.OpRuleRead, Summary: "Handling time limits", Reply: items[minsheng.DeadlineRule]{}, h: s.listRules},
		{Method: "POST", Path: "/api/v1/deadline-rules", Op: minsheng.OpRuleWrite, Summary: "Add a deadline rule", Body: service.RulePatch{}, Reply: minsheng.DeadlineRule{}, Status: http.StatusCreated, h: s.createRule},
		{Method: "PATCH", Path: "/api/v1/deadline-rules/{id}", Op: minsheng.OpRuleWrite, Summary: "Change a deadline rule", Body: service.RulePatch{}, Reply: minsheng.DeadlineRule{}, h: s.updateRule},
		{Method: "GET", Path: "/api/v1/holidays", Op: minsheng.OpHolidayRead, Summary: "Holidays and make-up working days", Reply: items[minsheng.HolidayDay]{}, h: s.listHolidays},
		{Method: "PUT", Path: "/api/v1/holidays/{year}", Op: minsheng.OpHolidayWrite, Summary: "Replace one year's holidays (the shape GET returns)", Body: holidaysBody{}, Reply: holidaysBody{}, h: s.setHolidays},
		{Method: "GET", Path: "/api/v1/articles", Op: minsheng.OpArticleRead, Summary: "The knowledge base; q searches it", Query: []Param{{"q", "string", "search text"}},
			Reply: items[*minsheng.Article]{}, h: s.listArticles},
		{Method: "GET", Path: "/api/v1/articles/{id}", Op: minsheng.OpArticleRead, Summary: "One knowledge-base article", Reply: minsheng.Article{}, h: s.getArticle},
		{Method: "POST", Path: "/api/v1/articles", Op: minsheng.OpArticleWrite, Summary: "Add an article", Body: service.ArticlePatch{}, Reply: minsheng.Article{}, Status: http.StatusCreated, h: s.createArticle},
		{Method: "GET", Path: "/api/v1/api-keys", Op: minsheng.OpAPIKeyRead, Summary: "Client systems' API keys (never the keys themselves)",
			Reply: items[*minsheng.APIKey]{}, h: s.listAPIKeys},
		{Method: "POST", Path: "/api/v1/api-keys", Op: minsheng.OpAPIKeyWrite, Summary: "Make an API key for a client system; the answer is the only time the key is shown",
			Body: service.NewAPIKey{}, Reply: service.IssuedKey{}, Status: http.StatusCreated, h: s.createAPIKey},
		{Method: "POST", Path: "/api/v1/api-keys/{id}/revoke", Op: minsheng.OpAPIKeyWrite, Summary: "Revoke an API key at once on every node",
			Reply: minsheng.APIKey{}, h: s.revokeAPIKey},
		{Method: "PATCH", Path: "/api/v1/articles/{id}", Op: minsheng.OpArticleWrite, Summary: "Change an article", Body: service.ArticlePatch{}, Reply: minsheng.Article{}, h: s.updateArticle},
		// The operator's log (webadmin).
		{Method: "GET", Path: "/api/v1/seat-logs", Op: minsheng.OpSeatLogRead, Summary: "The operator's log 接线民情日志, newest first",
			Query: []Param{{"days", "integer", "how many days back (1-366, default 7)"}, {"mine", "boolean", "only the caller's own entries"}},
			Reply: items[minsheng.SeatLog]{}, h: s.listSeatLogs},
		{Method: "POST", Path: "/api/v1/seat-logs", Op: minsheng.OpSeatLogWrite, Summary: "Write an entry of the operator's log",
			Body: service.NewSeatLog{}, Reply: minsheng.SeatLog{}, Status: http.StatusCreated, h: s.addSeatLog},
	}
}

// items is the envelope of every list answer.
type items[T any] struct {
	Items []T `json:"items"`
}

func list[T any](v []T) items[T] {
	if v == nil {
		v = []T{}
	}
	return items[T]{v}
}

func itoa(n int) string { return strconv.Itoa(n) }

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }
