package minsheng

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// Article is a knowledge-base entry (policy answer, office hours, procedure)
// that agents use to answer a call directly (直接答复).
type Article struct {
	ID         int64     `json:"id"`
	Title      string    `json:"title"`
	Body       string    `json:"body"`
	CategoryID int64     `json:"category_id,omitempty"`
	Keywords   []string  `json:"keywords"`
	Uses       int       `json:"uses"` // how many requests it answered
	Disabled   bool      `json:"disabled"`
	CreatedAt  time.Time `json:"created_at"`
	UpdatedAt  time.Time `json:"updated_at"`
}

// Validate checks the fields an editor supplies.
func (a *Article) Validate() error {
	if err := checkTexts([2]string{"title", a.Title}, [2]string{"body", a.Body}); err != nil {
		return err
	}
	a.Title = strings.TrimSpace(a.Title)
	if a.Title == "" || utf8.RuneCountInString(a.Title) > 100 {
		return Invalid("title", "1-100 characters")
	}
	if strings.TrimSpace(a.Body) == "" || utf8.RuneCountInString(a.Body) > 20000 {
		return Invalid("body", "1-20000 characters")
	}
	if len(a.Keywords) > 30 {
		return Invalid("keywords", "at most 30")
	}
	for i, k := range a.Keywords {
		field := fmt.Sprintf("keywords[%d]", i)
		if err := checkText(field, k); err != nil {
			return err
		}
		// Keywords are stored comma-separated; a comma would split one in two.
		if strings.Contains(k, ",") || utf8.RuneCountInString(k) > 50 {
			return Invalid(field, "at most 50 characters and no comma")
		}
	}
	if a.CategoryID < 0 {
		return Invalid("category_id", "no such category")
	}
	return nil
}

// Suggestion is one ranked guess offered to the dispatcher or agent: a
// category, a handling organisation or a knowledge article.
type Suggestion struct {
	Kind       string  `json:"kind"` // category | org | article
	Rank       int     `json:"rank"`
	ID         int64   `json:"id"`
	Name       string  `json:"name"`
	Confidence float64 `json:"confidence"`
}
