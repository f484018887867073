package quality

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// normalize folds the text into one canonical form so every signal can use
// plain substring and regexp matching: the full-width forms block
// (１２：３０, ！, ，, （）) becomes half-width ASCII, so patterns only
// need to spell ASCII punctuation; the ideographic and non-breaking spaces
// become ordinary spaces, dashes become '-', Latin letters become lower
// case and invalid UTF-8 is dropped. Punctuation outside that block, such
// as “”、。《》, is kept: the quote marks matter for echoed titles.
func normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size <= 1:
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
		case r == 0x3000 || r == 0x00A0 || r == '\t' || r == '\r':
			r = ' '
		case r == '—' || r == '–':
			r = '-'
		}
		if r < utf8.RuneSelf && 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		b.WriteRune(r)
	}
	return b.String()
}

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// quoted matches short quoted spans. Replies often echo the request's title
// in quotes (反映“A2区某小区物业管理有问题”的情况已收悉); such an echo must not
// count as addressing the request, so the overlap signal removes it first.
var quoted = regexp.MustCompile(`“[^”]{0,60}”|"[^"]{0,60}"|「[^」]{0,60}」|‘[^’]{0,60}’`)

// boilerplate matches the salutations, acknowledgements and closing thanks
// that every official reply carries whatever its substance; they are
// removed before the substance of a reply is measured.
var boilerplate = regexp.MustCompile(strings.Join([]string{
	`尊敬的`,
	`(网友|市民|用户|同志)?[“"]?uu\d+[”"]?(网友|市民|用户)?[:,，、]?`,
	`(网友|市民|朋友)[:,，]`,
	`(您|你)好[!.,。，]?`,
	`(您|你)(的)?(留言|来信|网帖|帖子|发帖)[^。!，,]{0,12}(已收悉|收悉|已收到)[。!，,]?`,
	`(留言|来信)?(已收悉|收悉|已收到)[。!，,]?`,
	`现(将|就)[^。:：]{0,20}(答复|回复)如下[:：]?`,
	`感谢(您|你)[^。!]{0,40}[。!]?`,
	`(再次)?(谢谢|特此回复|特此答复|此复)[。!]?`,
	`祝(您|你)[^。!]{0,20}[。!]?`,
}, "|"))

// signatureDate matches a date at the very end of a reply: the day the
// reply was signed, which says nothing about when the problem is handled.
var signatureDate = regexp.MustCompile(`\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[\s。.)）]*$`)

// stripSignature removes a trailing signature date and returns the rest.
func stripSignature(s string) string {
	s = strings.TrimSpace(s)
	if loc := signatureDate.FindStringIndex(s); loc != nil {
		s = strings.TrimSpace(s[:loc[0]])
	}
	return s
}

// substance counts the characters that carry content, Chinese characters,
// letters and digits, once boilerplate and the signature date are gone.
// It is what the length signal looks at, so a reply padded with greetings
// is as short as what it actually says.
func substance(norm string) int {
	s := boilerplate.ReplaceAllString(stripSignature(norm), "")
	n := 0
	for _, r := range s {
		if isHan(r) || unicode.IsLetter(r) || unicode.IsDigit(r) {
			n++
		}
	}
	return n
}

// containsAny returns the phrases of list found in s, skipping any phrase
// that is part of a longer phrase already found, so that 已转交 is not
// counted again as 转交. The list must be ordered longest first within
// each family; the result keeps the list's order.
func containsAny(s string, list []string) []string {
	var found []string
	for _, p := range list {
		if !strings.Contains(s, p) {
			continue
		}
		inside := false
		for _, f := range found {
			if strings.Contains(f, p) {
				inside = true
				break
			}
		}
		if !inside {
			found = append(found, p)
		}
	}
	return found
}

// quoteList renders up to three phrases for a reviewer message.
func quoteList(ps []string) string {
	if len(ps) > 3 {
		ps = ps[:3]
	}
	return "“" + strings.Join(ps, "”“") + "”"
}
