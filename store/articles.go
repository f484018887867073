package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"minsheng"
)

const articleColumns = "id, title, body, category_id, keywords, uses, disabled, created_at, updated_at"

func scanArticle(r rowScanner) (*minsheng.Article, error) {
	var a minsheng.Article
	var cat sql.NullInt64
	var kw string
	var created, updated int64
	if err := r.Scan(&a.ID, &a.Title, &a.Body, &cat, &kw, &a.Uses, &a.Disabled, &created, &updated); err != nil {
		return nil, err
	}
	a.CategoryID, a.CreatedAt, a.UpdatedAt = cat.Int64, fromMS(created), fromMS(updated)
	a.Keywords = []string{}
	for _, k := range strings.Split(kw, ",") {
		if k = strings.TrimSpace(k); k != "" {
			a.Keywords = append(a.Keywords, k)
		}
	}
	return &a, nil
}

// Articles returns every knowledge-base article, the most used first.
func (s *Store) Articles(ctx context.Context) ([]*minsheng.Article, error) {
	rows, err := s.rdb(ctx).rows("SELECT " + articleColumns + " FROM articles ORDER BY uses DESC, id")
	if err != nil {
		return nil, fmt.Errorf("list articles: %w", err)
	}
	defer rows.Close()
	var out []*minsheng.Article
	for rows.Next() {
		a, err := scanArticle(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// Article returns one article. Errors: ENOTFOUND.
func (s *Store) Article(ctx context.Context, id int64) (*minsheng.Article, error) {
	a, err := scanArticle(s.rdb(ctx).row("SELECT "+articleColumns+" FROM articles WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("article %d: %w", id, minsheng.ErrNotFound)
	}
	return a, err
}

// SaveArticle creates (ID 0) or updates an article. Errors: EINVALID, ENOTFOUND.
func (s *Store) SaveArticle(ctx context.Context, a *minsheng.Article) error {
	if err := a.Validate(); err != nil {
		return err
	}
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		if a.CategoryID != 0 {
			if err := categoryExists(b, a.CategoryID, "category_id"); err != nil {
				return err
			}
		}
		now := s.now()
		kw := strings.Join(a.Keywords, ",")
		a.UpdatedAt = now
		if a.ID == 0 {
			a.CreatedAt = now
			id, err := b.insert("INSERT INTO articles (title, body, category_id, keywords, disabled, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
				a.Title, a.Body, nullID(a.CategoryID), kw, a.Disabled, ms(now), ms(now))
			a.ID = id
			return err
		}
		return b.updateOne("UPDATE articles SET title = ?, body = ?, category_id = ?, keywords = ?, disabled = ?, updated_at = ? WHERE id = ?",
			a.Title, a.Body, nullID(a.CategoryID), kw, a.Disabled, ms(now), a.ID)
	})
	if err != nil {
		return fmt.Errorf("save article: %w", invalidRef(err, "category_id", "category"))
	}
	return nil
}

// countArticleUse records that an article answered a request, in the same
// transaction as the answer. Errors: EINVALID for an unknown article.
func countArticleUse(b db, id int64) error {
	res, err := b.exec("UPDATE articles SET uses = uses + 1 WHERE id = ? AND disabled = ?", id, false)
	if err != nil {
		return fmt.Errorf("count article use: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return minsheng.Invalid("article_id", "no such active article")
	}
	return nil
}
