package demo

import (
	"reflect"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"minsheng"
)

var testNow = time.Date(2026, 3, 12, 15, 30, 0, 0, cst)

const testSpan = 120 * 24 * time.Hour

// draw generates n seeds laid out for n.
func draw(seed int64, n int, span time.Duration) []CaseSeed {
	g := NewGenerator(NewCity(), seed, testNow, span)
	g.SetTotal(n)
	out := make([]CaseSeed, n)
	for i := range out {
		out[i] = g.Next()
	}
	return out
}

func TestDeterministic(t *testing.T) {
	a, b := draw(7, 2000, testSpan), draw(7, 2000, testSpan)
	if !reflect.DeepEqual(a, b) {
		t.Fatal("the same seed gave different streams")
	}
	if c := draw(8, 2000, testSpan); reflect.DeepEqual(a[:50], c[:50]) {
		t.Fatal("different seeds gave the same stream")
	}
}

func TestTimes(t *testing.T) {
	for _, n := range []int{1, 10, 5000} {
		seeds := draw(1, n, testSpan)
		start := testNow.Add(-testSpan)
		for i, s := range seeds {
			if s.At.Before(start) || s.At.After(testNow) {
				t.Fatalf("n=%d: seed %d at %v, outside the span", n, i, s.At)
			}
			if i > 0 && s.At.Before(seeds[i-1].At) {
				t.Fatalf("n=%d: seed %d at %v before seed %d at %v", n, i, s.At, i-1, seeds[i-1].At)
			}
		}
		if n >= 10 && (seeds[0].At.Sub(start) > 15*24*time.Hour || testNow.Sub(seeds[n-1].At) > 15*24*time.Hour) {
			t.Errorf("n=%d: seeds from %v to %v do not cover the span", n, seeds[0].At, seeds[n-1].At)
		}
	}
	// Without SetTotal the generator assumes DefaultPerDay: 3,000 over 120 days reach now.
	g := NewGenerator(NewCity(), 1, testNow, testSpan)
	var last CaseSeed
	for range 120 * DefaultPerDay {
		last = g.Next()
	}
	if testNow.Sub(last.At) > 2*24*time.Hour {
		t.Errorf("default layout ends at %v, want near %v", last.At, testNow)
	}
	if s := g.Next(); !s.At.Equal(testNow) {
		t.Errorf("a seed past the planned total at %v, want now", s.At)
	}
}

var (
	refRE   = regexp.MustCompile(`^[A-Z]{2,4}-20[0-9]{6}-[0-9]{4,}$`)
	phoneRE = regexp.MustCompile(`^(1[35789][0-9]{9}|8[0-9]{7})$`)
)

// TestSeedsValid checks every field of 5,000 seeds, and their plans.
func TestSeedsValid(t *testing.T) {
	c := NewCity()
	seeds := draw(3, 5000, testSpan)
	for i, s := range seeds {
		fail := func(format string, args ...any) {
			t.Helper()
			t.Fatalf("seed %d (%s): "+format, append([]any{i, s.Title}, args...)...)
		}
		for _, f := range []string{s.Title, s.Content, s.Address, s.Citizen.Name} {
			if !utf8.ValidString(f) || strings.ContainsAny(f, "{}") {
				fail("bad text %q", f)
			}
		}
		if n := utf8.RuneCountInString(s.Title); n < minTitle || n > maxTitle || n > minsheng.MaxTitleRunes {
			fail("title of %d characters", n)
		}
		if n := utf8.RuneCountInString(s.Content); n < minContent || n > maxContent || n > minsheng.MaxContentRunes {
			fail("content of %d characters: %s", n, s.Content)
		}
		if err := s.Case().Validate(); err != nil {
			fail("%v", err)
		}
		if (s.Channel == "phone") != (s.ChannelRef == "") || (s.ChannelRef != "" && !refRE.MatchString(s.ChannelRef)) {
			fail("channel %s with reference %q", s.Channel, s.ChannelRef)
		}
		if p := s.Citizen.Phone; p != "" && !phoneRE.MatchString(p) {
			fail("phone %q", p)
		}
		if s.Citizen.Anonymous != (s.Citizen.Name == "") {
			fail("citizen %+v", s.Citizen)
		}
		if (s.Address == "") != (s.Lat == 0) || (s.Lat != 0 && (s.Lat < 35.9 || s.Lat > 36.2 || s.Lng < 120.2 || s.Lng > 120.6)) {
			fail("address %q at %v,%v", s.Address, s.Lat, s.Lng)
		}
		if cat := c.Category(s.CategoryCode); cat == nil || cat.Level != 3 {
			fail("category %q", s.CategoryCode)
		}
		if c.Org(s.OrgKey) == nil || !s.Urgency.Valid() {
			fail("org %q, urgency %q", s.OrgKey, s.Urgency)
		}
		if s.DuplicateOf >= i || s.RepeatOf >= i || (s.DuplicateOf >= 0 && s.RepeatOf >= 0) {
			fail("links %d, %d", s.DuplicateOf, s.RepeatOf)
		}
		if j := s.RepeatOf; j >= 0 {
			o := seeds[j]
			if o.Citizen != s.Citizen || o.CategoryCode != s.CategoryCode || o.Address != s.Address || s.At.Sub(o.At) < 24*time.Hour {
				fail("repeat of %d is not the same caller and problem days later", j)
			}
		}
		if j := s.DuplicateOf; j >= 0 {
			o := seeds[j]
			if (o.Citizen == s.Citizen && !s.Citizen.Anonymous) || o.CategoryCode != s.CategoryCode || o.Address != s.Address ||
				o.Content == s.Content || s.At.Sub(o.At) > 72*time.Hour {
				fail("duplicate of %d is not another person's retelling of the same open problem", j)
			}
		}
		checkPlan(t, c, &s, fail)
	}
}

func checkPlan(t *testing.T, c *City, s *CaseSeed, fail func(string, ...any)) {
	t.Helper()
	p := &s.Plan
	if !p.Track.Valid() || !p.Stop.Valid() {
		fail("track %q, stop %q", p.Track, p.Stop)
	}
	if p.DirectAnswer != (p.ArticleIndex >= 0) || (p.DirectAnswer && (s.Channel != "phone" ||
		p.ArticleIndex >= len(c.Articles) || p.Stop != minsheng.StatusClosed || len(p.Replies) != 1)) {
		fail("direct answer %v with article %d", p.DirectAnswer, p.ArticleIndex)
	}
	if p.Track != minsheng.TrackService {
		if c.Org(s.OrgKey).Kind.Track() != p.Track || p.ReturnFirst || p.SendBacks > 0 || p.Satisfaction != "" {
			fail("%s case planned like a service case: %+v", p.Track, p)
		}
		return
	}
	if p.ReturnFirst && (p.WrongOrgKey == s.OrgKey || c.Org(p.WrongOrgKey) == nil) {
		fail("returned by %q, right org %q", p.WrongOrgKey, s.OrgKey)
	}
	if k := p.SubdispatchTo; k != "" {
		sub := c.Org(k)
		if c.Org(s.OrgKey).Kind != minsheng.OrgDistrict || sub == nil || !strings.HasPrefix(k, s.OrgKey+".") {
			fail("sub-dispatch from %q to %q", s.OrgKey, k)
		}
	}
	replied := p.Stop == minsheng.StatusPendingReview || p.Stop == minsheng.StatusPendingVisit || p.Stop == minsheng.StatusClosed
	if p.DirectAnswer {
		return
	}
	want := 0
	if replied {
		want = p.SendBacks + 1
		if p.Unsolved {
			want++
		}
	}
	if len(p.Replies) != want {
		fail("%d replies for stop %s, %d send-backs, unsolved %v", len(p.Replies), p.Stop, p.SendBacks, p.Unsolved)
	}
	for _, r := range p.Replies {
		if strings.ContainsAny(r, "{}|") || utf8.RuneCountInString(r) < 10 {
			fail("reply %q", r)
		}
	}
	if p.Satisfaction != "" && (p.Stop != minsheng.StatusClosed || !p.Solved || s.Citizen.Anonymous) {
		fail("rated %s but stop %s, solved %v", p.Satisfaction, p.Stop, p.Solved)
	}
	if p.Unsolved && p.Satisfaction == "" {
		fail("unsolved without a return visit")
	}
}

// share is a tally of how often something happened out of how many chances.
type share struct{ hit, of int }

func (s *share) add(ok bool) {
	s.of++
	if ok {
		s.hit++
	}
}

func (s share) rate() float64 { return float64(s.hit) / float64(max(s.of, 1)) }

// TestDistributions checks over 5,000 cases that the mix is roughly what a
// hotline sees; the bounds are loose on purpose, the seed is fixed.
func TestDistributions(t *testing.T) {
	seeds := draw(5, 5000, testSpan)
	var phone, webMobile, boards, other, media, petition, discipline, direct, anon, repeat, dup share
	var oldClosed, recentOpen, returned, sentBack, unsolved, dissatisfied share
	for _, s := range seeds {
		ch := s.Channel
		phone.add(ch == "phone")
		webMobile.add(ch == "web" || ch == "mobile")
		boards.add(ch == "message_board" || ch == "mailbox")
		other.add(ch == "media" || ch == "petition" || ch == "department" || ch == "field")
		media.add(s.Plan.Track == minsheng.TrackMedia)
		petition.add(s.Plan.Track == minsheng.TrackPetition)
		discipline.add(s.Plan.Track == minsheng.TrackDiscipline)
		if ch == "phone" {
			direct.add(s.Plan.DirectAnswer)
		}
		anon.add(s.Citizen.Anonymous)
		repeat.add(s.RepeatOf >= 0)
		dup.add(s.DuplicateOf >= 0)
		p := s.Plan
		if age := testNow.Sub(s.At); age > 10*24*time.Hour {
			oldClosed.add(p.Stop == minsheng.StatusClosed)
		} else if age < 3*24*time.Hour {
			recentOpen.add(p.Stop.Open())
		}
		if p.Track != minsheng.TrackService || p.DirectAnswer {
			continue
		}
		if p.Stop != minsheng.StatusPendingDispatch {
			returned.add(p.ReturnFirst)
		}
		if len(p.Replies) > 0 {
			sentBack.add(p.SendBacks > 0)
		}
		if p.Satisfaction != "" {
			unsolved.add(p.Unsolved)
			dissatisfied.add(p.Satisfaction == minsheng.Dissatisfied)
		}
	}
	for _, c := range []struct {
		name   string
		s      share
		lo, hi float64
	}{
		{"phone", phone, 0.55, 0.65}, {"web and mobile", webMobile, 0.15, 0.25},
		{"message boards and mailboxes", boards, 0.07, 0.13}, {"other channels", other, 0.05, 0.15},
		{"media track", media, 0.01, 0.03}, {"petition track", petition, 0.01, 0.03},
		{"discipline track", discipline, 0.001, 0.012}, {"direct answers of calls", direct, 0.2, 0.3},
		{"anonymous", anon, 0.03, 0.07}, {"repeat calls", repeat, 0.07, 0.13}, {"duplicates", dup, 0.035, 0.07},
		{"closed among old cases", oldClosed, 0.85, 0.95}, {"open among recent cases", recentOpen, 0.3, 1},
		{"returned", returned, 0.05, 0.11}, {"sent back", sentBack, 0.04, 0.09},
		{"unsolved at the visit", unsolved, 0.04, 0.1}, {"dissatisfied", dissatisfied, 0.03, 0.08},
	} {
		if r := c.s.rate(); r < c.lo || r > c.hi {
			t.Errorf("%s: %.3f (%d of %d), want %.3f-%.3f", c.name, r, c.s.hit, c.s.of, c.lo, c.hi)
		}
	}
}

// TestRhythm checks the daily, weekly and seasonal curves over a year.
func TestRhythm(t *testing.T) {
	seeds := draw(9, 20000, 365*24*time.Hour)
	var hours [24]int
	var weekend, heatWinter, heatSummer, winter, summerN int
	for _, s := range seeds {
		lt := s.At.In(cst)
		hours[lt.Hour()]++
		if wd := lt.Weekday(); wd == time.Saturday || wd == time.Sunday {
			weekend++
		}
		heat := strings.HasPrefix(s.CategoryCode, "0902")
		switch lt.Month() {
		case time.December, time.January, time.February:
			winter++
			if heat {
				heatWinter++
			}
		case time.June, time.July, time.August:
			summerN++
			if heat {
				heatSummer++
			}
		}
	}
	peak := hours[9] + hours[10] + hours[15] + hours[16]
	night := hours[1] + hours[2] + hours[3] + hours[4]
	if peak < 20*night {
		t.Errorf("peak hours %d vs night hours %d: no daily rhythm", peak, night)
	}
	if lunch := hours[12] + hours[13]; 2*lunch > hours[9]+hours[10] {
		t.Errorf("no lunch dip: %v", hours)
	}
	if perWeekendDay, perWeekday := float64(weekend)/2, float64(len(seeds)-weekend)/5; perWeekendDay > 0.7*perWeekday {
		t.Errorf("weekends as busy as weekdays: %.0f vs %.0f a day", perWeekendDay, perWeekday)
	}
	w, s := float64(heatWinter)/float64(winter), float64(heatSummer)/float64(summerN)
	if w < 0.1 || w < 8*s {
		t.Errorf("heating share %.3f in winter, %.3f in summer: no season", w, s)
	}
}

// BenchmarkNext measures generation alone; `minsheng demo --cases 1000000`
// needs well over 100,000 seeds a second.
func BenchmarkNext(b *testing.B) {
	g := NewGenerator(NewCity(), 1, testNow, 365*24*time.Hour)
	g.SetTotal(b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for range b.N {
		g.Next()
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "seeds/s")
}

func TestFitContent(t *testing.T) {
	g := NewGenerator(NewCity(), 1, testNow, testSpan)
	head := "来电人反映：" + strings.Repeat("楼下烧烤店油烟很大", 3)
	long := head + strings.Repeat("邻居们意见都很大。", 40)
	if s := g.fitContent(long, len(head)); utf8.RuneCountInString(s) > maxContent-2 || !strings.HasPrefix(s, head) {
		t.Errorf("long content kept as %d characters: %s", utf8.RuneCountInString(s), s)
	}
	if s := g.fitContent("路灯不亮。", 0); utf8.RuneCountInString(s) < minContent {
		t.Errorf("short content kept as %q", s)
	}
}
