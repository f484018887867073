package minsheng

import (
	"regexp"
	"strings"
	"time"
	"unicode/utf8"
)

// FeedbackBatch is a batch of answered cases the hotline publishes on the
// portal and hands to the media (媒体集中反馈). Its items are snapshots taken
// when it was published, with personal data removed (Redact), so that a
// later change to a case never changes what was published.
type FeedbackBatch struct {
	ID          int64     `json:"id"`
	Name        string    `json:"name"`
	PublishedAt time.Time `json:"published_at"`
	CreatedBy   int64     `json:"-"`
	// Count is how many cases the batch published.
	Count int            `json:"count"`
	Items []FeedbackItem `json:"items,omitempty"`
}

// FeedbackItem is one published case: the request and the reply as the
// public reads them, with no name, phone or house number.
type FeedbackItem struct {
	CaseID    int64     `json:"-"`
	Number    string    `json:"number"`
	Category  string    `json:"category"`
	Title     string    `json:"title"`
	Request   string    `json:"request"`
	Org       string    `json:"org"`
	Reply     string    `json:"reply"`
	RepliedAt time.Time `json:"replied_at"`
	// BatchID and PublishedAt place the item in its batch in public lists.
	BatchID     int64     `json:"batch_id"`
	PublishedAt time.Time `json:"published_at"`
}

// MaxFeedbackBatch is how many cases one batch may publish.
const MaxFeedbackBatch = 50

// Validate checks a batch before it is stored; the errors name the field.
func (b *FeedbackBatch) Validate() error {
	b.Name = strings.TrimSpace(b.Name)
	if b.Name == "" || utf8.RuneCountInString(b.Name) > 100 {
		return Invalid("name", "a name of 1 to 100 characters is required")
	}
	if len(b.Items) == 0 || len(b.Items) > MaxFeedbackBatch {
		return Invalid("case_ids", "between 1 and %d cases", MaxFeedbackBatch)
	}
	seen := map[int64]bool{}
	for _, it := range b.Items {
		if seen[it.CaseID] {
			return Invalid("case_ids", "case %s appears twice", it.Number)
		}
		seen[it.CaseID] = true
	}
	return nil
}

var (
	// phoneLike is a run of seven or more digits, perhaps split by spaces
	// or dashes: a phone, ID card or account number.
	phoneLike = regexp.MustCompile(`\d[\d\- ]{5,}\d[\dXx]?`)
	// houseNumber is a number before 号, 室, 栋, 幢, 单元 or 楼 (a door, a
	// flat): enough to find someone's home.
	houseNumber = regexp.MustCompile(`\d+(号楼|号|室|栋|幢|单元|楼)`)
	// caller is how intake notes name the caller ("来电人张某某称").
	caller = regexp.MustCompile(`(来电人|市民|群众|业主|居民)[\p{Han}]{1,3}?(先生|女士|称|反映)`)
)

// Redact removes the personal data a published text must not carry: phone
// and other long numbers, house and flat numbers, and a caller named in
// the text. The citizen's own name and phone are never published at all.
func Redact(s string) string {
	s = phoneLike.ReplaceAllString(s, "***")
	s = houseNumber.ReplaceAllString(s, "**$1")
	s = caller.ReplaceAllStringFunc(s, func(m string) string {
		sub := caller.FindStringSubmatch(m)
		return sub[1] + "某" + sub[2]
	})
	return s
}
