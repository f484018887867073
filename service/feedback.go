package service

import (
	"context"
	"strconv"
	"strings"

	"minsheng"
	"minsheng/report"
)

// NewFeedbackBatch asks to publish answered cases as one batch: a name
// ("2026年10月第2批") and the cases, by id or case number.
type NewFeedbackBatch struct {
	Name  string   `json:"name"`
	Cases []string `json:"cases"`
}

// PublicAnswersLimit is how many published answers the portal lists.
const PublicAnswersLimit = 100

// PublishFeedback publishes a batch of closed, answered cases for the
// portal and the media (媒体集中反馈). Every case must be closed with a
// reply; each item is a snapshot of the request and reply with personal
// data removed (minsheng.Redact), and never the citizen's name or phone.
// Errors: EINVALID naming the field (name, cases) and the case at fault.
func (s *Service) PublishFeedback(ctx context.Context, u *minsheng.User, req NewFeedbackBatch) (*minsheng.FeedbackBatch, error) {
	if err := allow(u, minsheng.OpFeedbackWrite); err != nil {
		return nil, err
	}
	b := &minsheng.FeedbackBatch{Name: req.Name, CreatedBy: u.ID}
	if len(req.Cases) == 0 || len(req.Cases) > minsheng.MaxFeedbackBatch {
		return nil, minsheng.Invalid("cases", "between 1 and %d cases", minsheng.MaxFeedbackBatch)
	}
	orgs, cats, err := s.orgsAndCategories(ctx)
	if err != nil {
		return nil, err
	}
	catName := map[int64]string{}
	for _, c := range cats {
		catName[c.ID] = c.Name
	}
	for _, ref := range req.Cases {
		id, ok := caseRef(ref)
		if !ok {
			return nil, minsheng.Invalid("cases", "%q is not a case number or id", ref)
		}
		c, err := s.store.Case(ctx, id)
		if minsheng.ErrorCode(err) == minsheng.ENOTFOUND {
			return nil, minsheng.Invalid("cases", "no case %s", ref)
		}
		if err != nil {
			return nil, err
		}
		if c.Status != minsheng.StatusClosed || strings.TrimSpace(c.Reply) == "" || c.RepliedAt == nil {
			return nil, minsheng.Invalid("cases", "case %s is not closed with a reply", c.Number)
		}
		it := minsheng.FeedbackItem{CaseID: c.ID, Number: c.Number, Category: catName[c.CategoryID], Title: minsheng.Redact(c.Title),
			Request: minsheng.Redact(c.Content), Reply: minsheng.Redact(c.Reply), RepliedAt: *c.RepliedAt}
		it.Org = answeredBy(orgs, c.OrgID)
		b.Items = append(b.Items, it)
	}
	if err := s.store.CreateFeedbackBatch(ctx, b); err != nil {
		return nil, err
	}
	return b, nil
}

// caseRef reads a case id ("124") or number ("20261015-0000124").
func caseRef(ref string) (int64, bool) {
	ref = strings.TrimSpace(ref)
	if i := strings.LastIndexByte(ref, '-'); i >= 0 {
		ref = ref[i+1:]
	}
	id, err := strconv.ParseInt(ref, 10, 64)
	return id, err == nil && id > 0
}

// FeedbackBatches lists the published batches, newest first.
func (s *Service) FeedbackBatches(ctx context.Context, u *minsheng.User) ([]*minsheng.FeedbackBatch, error) {
	if err := allow(u, minsheng.OpFeedbackWrite); err != nil {
		return nil, err
	}
	return s.store.FeedbackBatches(ctx)
}

// FeedbackBatch returns one published batch with its items, for export to
// the media. Errors: ENOTFOUND.
func (s *Service) FeedbackBatch(ctx context.Context, u *minsheng.User, id int64) (*minsheng.FeedbackBatch, error) {
	if err := allow(u, minsheng.OpFeedbackWrite); err != nil {
		return nil, err
	}
	return s.store.FeedbackBatch(ctx, id)
}

// FeedbackWorkbook is a published batch as the workbook given to the media,
// with its file name.
func (s *Service) FeedbackWorkbook(ctx context.Context, u *minsheng.User, id int64) (name string, body []byte, err error) {
	b, err := s.FeedbackBatch(ctx, u, id)
	if err != nil {
		return "", nil, err
	}
	body, err = report.FeedbackWorkbook(b)
	return "feedback-" + strconv.FormatInt(b.ID, 10) + ".xlsx", body, err
}

// PublicAnswers lists the published answers for the portal, anyone may
// read them: they carry no personal data.
func (s *Service) PublicAnswers(ctx context.Context) ([]minsheng.FeedbackItem, error) {
	return s.store.PublishedAnswers(ctx, PublicAnswersLimit)
}

// answeredBy names the unit that answered: the handling organisation, or
// the hotline office for a request it answered directly.
func answeredBy(orgs *minsheng.OrgTree, id int64) string {
	if o := orgs.Org(id); o != nil {
		return o.Name
	}
	for _, o := range orgs.List() {
		if o.Kind == minsheng.OrgHotline {
			return o.Name
		}
	}
	return ""
}
