package service

import (
	"context"

	"minsheng"
)

// Articles lists the knowledge base, or searches it when q is given.
func (s *Service) Articles(ctx context.Context, u *minsheng.User, q string) ([]*minsheng.Article, error) {
	if err := allow(u, minsheng.OpArticleRead); err != nil {
		return nil, err
	}
	var arts []*minsheng.Article
	if q != "" && s.assist != nil {
		arts = s.assist.SearchArticles(q, 50)
	} else {
		var err error
		if arts, err = s.store.Articles(ctx); err != nil {
			return nil, err
		}
	}
	if arts == nil {
		arts = []*minsheng.Article{}
	}
	return arts, nil
}

// Article returns one knowledge-base entry.
func (s *Service) Article(ctx context.Context, u *minsheng.User, id int64) (*minsheng.Article, error) {
	if err := allow(u, minsheng.OpArticleRead); err != nil {
		return nil, err
	}
	a, err := s.store.Article(ctx, id)
	if minsheng.ErrorCode(err) == minsheng.ENOTFOUND {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such article")
	}
	return a, err
}

// ArticlePatch changes some fields of an article; nil fields stay as they
// are. Creating takes the same shape, with title and body required.
type ArticlePatch struct {
	Title      *string   `json:"title"`
	Body       *string   `json:"body"`
	CategoryID *int64    `json:"category_id"`
	Keywords   *[]string `json:"keywords"`
	Disabled   *bool     `json:"disabled"`
}

// SaveArticle creates an article (id 0) or patches one, and refreshes the
// assistant's index so agents find it at once.
func (s *Service) SaveArticle(ctx context.Context, u *minsheng.User, id int64, p ArticlePatch) (*minsheng.Article, error) {
	if err := allow(u, minsheng.OpArticleWrite); err != nil {
		return nil, err
	}
	a := &minsheng.Article{}
	if id != 0 {
		var err error
		if a, err = s.Article(ctx, u, id); err != nil {
			return nil, err
		}
	}
	set(&a.Title, p.Title)
	set(&a.Body, p.Body)
	set(&a.CategoryID, p.CategoryID)
	set(&a.Keywords, p.Keywords)
	set(&a.Disabled, p.Disabled)
	if err := s.store.SaveArticle(ctx, a); err != nil {
		return nil, err
	}
	s.audit(u, "save article", a.ID)
	if s.assist != nil {
		if err := s.assist.ReloadArticles(ctx); err != nil {
			s.log.Warn("reload articles", "err", err)
		}
	}
	return s.store.Article(ctx, a.ID)
}
