package api

import (
	"errors"
	"net/http"
	"strconv"

	"minsheng"
	"minsheng/httpx"
	"minsheng/importer"
	"minsheng/lifecycle"
	"minsheng/report"
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
	routes := []Route{
		{Method: "GET", Path: "/healthz", Public: true, Summary: "Health check", Reply: map[string]string{}, h: s.healthz},
		{Method: "GET", Path: "/api/v1/openapi.json", Public: true, Summary: "This API's OpenAPI 3.1 description", Reply: map[string]any{}, h: s.openapi},
		{Method: "POST", Path: "/api/v1/login", Public: true, Summary: "Log in with a username and password", Body: loginRequest{}, Reply: service.Session{}, h: s.login},
		{Method: "GET", Path: "/api/v1/track/{code}", Public: true, Summary: "The citizen's view of a case by its tracking code", Reply: service.Tracking{}, h: s.track},
		// The citizen's rating (issue 8): the tracking code is the key.
		{Method: "POST", Path: "/api/v1/track/{code}/rating", Public: true, Summary: "The citizen rates their closed case once: solved? satisfied? (unsolved goes to the return visit; throttled per address)",
			Body: service.Rating{}, Reply: service.Tracking{}, h: s.rateCase},

		{Method: "POST", Path: "/api/v1/logout", Op: minsheng.OpSession, Summary: "End this session", Reply: map[string]string{}, h: s.logout},
		{Method: "GET", Path: "/api/v1/me", Op: minsheng.OpSession, Summary: "The signed-in account", Reply: service.UserView{}, h: s.me},
		{Method: "POST", Path: "/api/v1/me/password", Op: minsheng.OpSession, Summary: "Change one's own password; other sessions end",
			Body: passwordRequest{}, Reply: map[string]string{}, h: s.changePassword},

		{Method: "POST", Path: "/api/v1/cases", Op: minsheng.OpCaseCreate, Summary: "Record a new request (Idempotency-Key makes retries safe)",
			Body: service.Intake{}, Reply: service.Created{}, Status: http.StatusCreated, h: s.createCase},
		{Method: "GET", Path: "/api/v1/cases", Op: minsheng.OpCaseRead, Summary: "List and search cases, newest first", Query: caseFilters,
			Reply: service.Page[service.CaseView]{}, h: s.listCases},
		// Ledger export (issue 10): the same search, whole, as a file.
		{Method: "GET", Path: "/api/v1/cases/export", Op: minsheng.OpCaseRead, Summary: "The same search as GET /api/v1/cases, whole, as a ledger (台账) with Chinese headers: format=xlsx (default) or csv; at most 100,000 cases",
			Query: append([]Param{{"format", "string", "xlsx or csv"}}, caseFilters...), Produces: httpx.XLSX, h: s.exportCases},
		{Method: "POST", Path: "/api/v1/imports", Op: minsheng.OpCaseImport, Summary: "Import another channel's CSV or .xlsx file (the body): a report of accepted and rejected rows; commit=true writes. Query: source, channel, mapping=saved, map.FIELD=header",
			Reply: importer.Report{}, h: s.importCases},
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
			Query: kpiParams, Produces: httpx.XLSX, h: s.kpisXLSX},
		// Hotspots and surges.
		{Method: "GET", Path: "/api/v1/stats/hotspots", Op: minsheng.OpTrendRead, Summary: "Hot topics of the last days: grouped requests with their heat, place and key terms, refreshed in the background",
			Query: trendParams, Reply: service.Hotspots{}, h: s.hotspots},
		{Method: "GET", Path: "/api/v1/stats/surges", Op: minsheng.OpTrendRead, Summary: "Surge alerts: a category in a district well above its weekday-adjusted baseline",
			Query: trendParams, Reply: items[service.SurgeAlert]{}, h: s.surges},
		{Method: "GET", Path: "/api/v1/stats/surges/{id}", Op: minsheng.OpTrendRead, Summary: "One surge alert with the cases it counted (the newest 500), to see what rose",
			Reply: service.SurgeDetail{}, h: s.surge},

		// Dashboards, the monthly report and public feedback (issue 9).
		{Method: "GET", Path: "/api/v1/stats/dashboard", Op: minsheng.OpAnalysis, Summary: "The dashboard: the period against last year, mixes, league tables and the cases to chase",
			Query: dashParams, Reply: service.Dashboard{}, h: s.dashboard},
		{Method: "GET", Path: "/api/v1/reports/monthly", Op: minsheng.OpAnalysis, Summary: "The monthly analysis report: figures against last month and last year, sentences and suggestions",
			Query: []Param{{"month", "string", "the month, YYYY-MM"}}, Reply: report.Monthly{}, h: s.monthlyReport},
		{Method: "POST", Path: "/api/v1/feedback/batches", Op: minsheng.OpFeedbackWrite, Summary: "Publish a batch of closed, answered cases on the portal (媒体集中反馈), personal data removed",
			Body: service.NewFeedbackBatch{}, Reply: minsheng.FeedbackBatch{}, Status: http.StatusCreated, h: s.publishFeedback},
		{Method: "GET", Path: "/api/v1/feedback/batches", Op: minsheng.OpFeedbackWrite, Summary: "The published batches, newest first",
			Reply: items[*minsheng.FeedbackBatch]{}, h: s.feedbackBatches},
		{Method: "GET", Path: "/api/v1/feedback/batches/{id}/export.xlsx", Op: minsheng.OpFeedbackWrite, Summary: "A published batch as the workbook for the media",
			Produces: httpx.XLSX, h: s.feedbackExport},
		{Method: "GET", Path: "/api/v1/public/answers", Public: true, Summary: "The published answers (公开答复), newest batch first; no personal data",
			Reply: items[minsheng.FeedbackItem]{}, h: s.publicAnswers},

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

		// The outbox and photos (issue 10).
		{Method: "GET", Path: "/api/v1/admin/outbox", Op: minsheng.OpOutboxRead, Summary: "Notifications back to the channels; by default the dead letters",
			Query: outboxParams, Reply: items[*minsheng.OutboxMessage]{}, h: s.listOutbox},
		{Method: "POST", Path: "/api/v1/admin/outbox/{id}/retry", Op: minsheng.OpOutboxWrite, Summary: "Send a dead letter again, with the same delivery id",
			Reply: minsheng.OutboxMessage{}, h: s.retryOutbox},
		{Method: "GET", Path: "/api/v1/admin/webhooks", Op: minsheng.OpOutboxRead, Summary: "Systems that receive their channels' answers (never the secrets)",
			Reply: items[*minsheng.Webhook]{}, h: s.listWebhooks},
		{Method: "POST", Path: "/api/v1/admin/webhooks", Op: minsheng.OpOutboxWrite, Summary: "Register a receiving system; the answer is the only time its signing secret is shown",
			Body: service.NewWebhook{}, Reply: service.IssuedWebhook{}, Status: http.StatusCreated, h: s.createWebhook},
		{Method: "PATCH", Path: "/api/v1/admin/webhooks/{id}", Op: minsheng.OpOutboxWrite, Summary: "Edit a webhook (name, url, channels) or stop or resume its deliveries; a url must be http or https, without credentials, on a public address unless the server allows private ones",
			Body: service.WebhookPatch{}, Reply: minsheng.Webhook{}, h: s.updateWebhook},
		{Method: "DELETE", Path: "/api/v1/admin/webhooks/{id}", Op: minsheng.OpOutboxWrite, Summary: "Remove a webhook with its notifications not yet delivered",
			Status: http.StatusNoContent, h: s.deleteWebhook},
		{Method: "POST", Path: "/api/v1/field-reports", Op: minsheng.OpFieldReport, Summary: "Record a request met in the field (field workers; departments for another department), with up to 3 photos of at most 5 MB each (base64; the body may be up to 21 MB) and, solved on the spot, closed at once",
			Body: service.FieldReport{}, Reply: service.Created{}, Status: http.StatusCreated, h: s.createFieldReport},
		{Method: "GET", Path: "/api/v1/cases/{id}/photos", Op: minsheng.OpPhotoRead, Summary: "A case's photos (without their bytes)",
			Reply: items[minsheng.Photo]{}, h: s.casePhotos},
		{Method: "GET", Path: "/api/v1/photos/{id}", Op: minsheng.OpPhotoRead, Summary: "One photo's bytes", Produces: "image/jpeg", h: s.photo},
		// Operational pages (webops): the supervision board.
		{Method: "GET", Path: "/api/v1/board", Op: minsheng.OpBoardRead, Summary: "The supervision board: overdue, supervised, long-unresolved and repeat-call cases, ten of each with totals",
			Reply: items[service.BoardSection]{}, h: s.board},
		// The operator's log (webadmin).
		{Method: "GET", Path: "/api/v1/seat-logs", Op: minsheng.OpSeatLogRead, Summary: "The operator's log 接线民情日志, newest first",
			Query: []Param{{"days", "integer", "how many days back (1-366, default 7)"}, {"mine", "boolean", "only the caller's own entries"}},
			Reply: items[minsheng.SeatLog]{}, h: s.listSeatLogs},
		{Method: "POST", Path: "/api/v1/seat-logs", Op: minsheng.OpSeatLogWrite, Summary: "Write an entry of the operator's log",
			Body: service.NewSeatLog{}, Reply: minsheng.SeatLog{}, Status: http.StatusCreated, h: s.addSeatLog},
	}
	// Supervision and escalation (issue 9).
	routes = append(routes, s.oversightRoutes()...)
	return routes
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
