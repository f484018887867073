package demo

import (
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"minsheng"
)

func TestOrgTree(t *testing.T) {
	c := NewCity()
	seen := map[string]*OrgSeed{}
	kinds := map[minsheng.OrgKind]int{}
	roots := 0
	for i := range c.Orgs {
		o := &c.Orgs[i]
		if seen[o.Key] != nil {
			t.Fatalf("org key %q twice", o.Key)
		}
		if o.Parent == "" {
			roots++
		} else if seen[o.Parent] == nil {
			t.Errorf("org %q: parent %q missing or after it", o.Key, o.Parent)
		}
		org := minsheng.Org{Name: o.Name, Kind: o.Kind}
		if err := org.Validate(); err != nil {
			t.Errorf("org %q: %v", o.Key, err)
		}
		seen[o.Key] = o
		kinds[o.Kind]++
	}
	if roots != 1 || c.Orgs[0].Key != KeyGov || c.Orgs[0].Kind == minsheng.OrgHotline {
		t.Errorf("want one root, the government, first; got %d roots, first %+v", roots, c.Orgs[0])
	}
	if h := seen[KeyHotline]; h == nil || h.Kind != minsheng.OrgHotline || kinds[minsheng.OrgHotline] != 1 {
		t.Errorf("want exactly one hotline office under key %q", KeyHotline)
	}
	for key, kind := range map[string]minsheng.OrgKind{KeyMedia: minsheng.OrgMedia,
		KeyPetition: minsheng.OrgPetition, KeyDiscipline: minsheng.OrgDiscipline} {
		if seen[key] == nil || seen[key].Kind != kind || kinds[kind] != 1 {
			t.Errorf("want one %s body under key %q", kind, key)
		}
	}
	if kinds[minsheng.OrgDepartment] < 9 || kinds[minsheng.OrgCompany] < 3 {
		t.Errorf("want at least 8 departments besides the government and 3 utilities: %v", kinds)
	}
	// Two districts, three streets each, two communities per street.
	children := map[string][]*OrgSeed{}
	for i := range c.Orgs {
		children[c.Orgs[i].Parent] = append(children[c.Orgs[i].Parent], &c.Orgs[i])
	}
	if kinds[minsheng.OrgDistrict] != 2 {
		t.Errorf("want 2 districts, got %d", kinds[minsheng.OrgDistrict])
	}
	for _, o := range c.Orgs {
		want := map[minsheng.OrgKind]struct {
			kind minsheng.OrgKind
			n    int
		}{minsheng.OrgDistrict: {minsheng.OrgStreet, 3}, minsheng.OrgStreet: {minsheng.OrgCommunity, 2}}[o.Kind]
		if want.n == 0 {
			continue
		}
		n := 0
		for _, ch := range children[o.Key] {
			if ch.Kind == want.kind {
				n++
			}
		}
		if n != want.n {
			t.Errorf("%s %s has %d %s units, want %d", o.Kind, o.Name, n, want.kind, want.n)
		}
	}
	lead := 0
	for _, o := range c.Orgs {
		if o.LeadApproval {
			lead++
		}
	}
	if lead < 2 {
		t.Errorf("want a few units with lead approval, got %d", lead)
	}
}

func TestUsers(t *testing.T) {
	c := NewCity()
	names := map[string]bool{}
	for _, u := range c.Users {
		if names[u.Username] {
			t.Fatalf("username %q twice", u.Username)
		}
		names[u.Username] = true
		o := c.Org(u.OrgKey)
		if o == nil {
			t.Fatalf("user %s: no org %q", u.Username, u.OrgKey)
		}
		mu := minsheng.User{Username: u.Username, Name: u.Name, Role: u.Role, OrgID: 1}
		if err := mu.Validate(); err != nil {
			t.Errorf("user %s: %v", u.Username, err)
		}
		if n := utf8.RuneCountInString(u.Name); n < 2 || n > 4 {
			t.Errorf("user %s: display name %q", u.Username, u.Name)
		}
	}
	for _, r := range minsheng.Roles {
		u := c.User(string(r))
		if u == nil || u.Role != r {
			t.Errorf("no account %q with role %s", r, r)
			continue
		}
		if r.HotlineWide() && u.OrgKey != KeyHotline {
			t.Errorf("%s works in %s, want the hotline office", r, u.OrgKey)
		}
	}
	h, h2, lead := c.User("handler"), c.User("handler2"), c.User("dept_lead")
	if h2 == nil || h2.Role != minsheng.RoleHandler || h2.OrgKey == h.OrgKey {
		t.Errorf("handler2 must be a handler of another department: %+v", h2)
	}
	if lead.OrgKey != h.OrgKey {
		t.Errorf("dept_lead in %s, handler in %s", lead.OrgKey, h.OrgKey)
	}
	// The dept_lead must find replies to approve on first sign-in.
	if o := c.Org(h.OrgKey); o.Name != "市住房和城乡建设局" || !o.LeadApproval {
		t.Errorf("handler's department %+v: want the housing bureau, with lead approval", o)
	}
	if heat := c.Category("090201"); heat.OrgKey != h.OrgKey {
		t.Errorf("heating complaints go to %s, not to the handler's %s", heat.OrgKey, h.OrgKey)
	}
	if o := c.Org(c.User("field_worker").OrgKey); o.Kind != minsheng.OrgCommunity {
		t.Errorf("field_worker in a %s", o.Kind)
	}
	if o := c.Org(c.User("inspector").OrgKey); o.Kind != minsheng.OrgDiscipline {
		t.Errorf("inspector in a %s", o.Kind)
	}
}

var sixDigits = regexp.MustCompile(`^[0-9]{6}$`)

func TestCategories(t *testing.T) {
	c := NewCity()
	if n := len(c.Categories); n < 60 || n > 120 {
		t.Errorf("%d categories, want 60-120", n)
	}
	seen := map[string]*CategorySeed{}
	level1 := map[string]bool{}
	for i := range c.Categories {
		cat := &c.Categories[i]
		if !sixDigits.MatchString(cat.Code) || seen[cat.Code] != nil {
			t.Fatalf("bad or repeated code %q", cat.Code)
		}
		mc := minsheng.Category{Code: cat.Code, Name: cat.Name, Level: cat.Level}
		if err := mc.Validate(); err != nil {
			t.Errorf("%s: %v", cat.Code, err)
		}
		wantLevel := 3
		switch {
		case strings.HasSuffix(cat.Code, "0000"):
			wantLevel = 1
		case strings.HasSuffix(cat.Code, "00"):
			wantLevel = 2
		}
		if cat.Level != wantLevel {
			t.Errorf("%s: level %d, want %d", cat.Code, cat.Level, wantLevel)
		}
		if cat.Level == 1 {
			level1[cat.Name] = true
			if cat.Parent != "" {
				t.Errorf("%s: level 1 with a parent", cat.Code)
			}
		} else {
			p := seen[cat.Parent]
			if p == nil || p.Level != cat.Level-1 || cat.Code[:2*p.Level] != p.Code[:2*p.Level] {
				t.Errorf("%s: parent %q missing, later, or not its prefix", cat.Code, cat.Parent)
			}
			if cat.OrgKey == "" || c.Org(cat.OrgKey) == nil {
				t.Errorf("%s %s: responsible org %q unknown", cat.Code, cat.Name, cat.OrgKey)
			}
		}
		seen[cat.Code] = cat
	}
	for _, name := range []string{"城乡建设", "劳动和社会保障", "教育文体", "商贸旅游", "环境保护", "卫生计生",
		"交通运输", "公共安全", "市政公用"} {
		if !level1[name] {
			t.Errorf("no first-level class %s", name)
		}
	}
}

func TestRules(t *testing.T) {
	c := NewCity()
	seen := map[string]bool{}
	defaults := 0
	for _, r := range c.Rules {
		dr := minsheng.DeadlineRule{Urgency: r.Urgency, Days: r.Days, Hours: r.Hours}
		if err := dr.Validate(); err != nil {
			t.Errorf("%+v: %v", r, err)
		}
		if r.CategoryCode == "" {
			defaults++
		} else if c.Category(r.CategoryCode) == nil {
			t.Errorf("rule for unknown category %s", r.CategoryCode)
		}
		k := r.CategoryCode + "/" + string(r.Urgency)
		if seen[k] {
			t.Errorf("two rules for %s", k)
		}
		seen[k] = true
	}
	if defaults != 3 {
		t.Errorf("want a default rule per urgency, got %d", defaults)
	}
}

func TestArticles(t *testing.T) {
	c := NewCity()
	if n := len(c.Articles); n < 30 || n > 40 {
		t.Errorf("%d articles, want 30-40", n)
	}
	titles := map[string]bool{}
	for _, a := range c.Articles {
		if n := utf8.RuneCountInString(a.Body); n < 100 || n > 400 {
			t.Errorf("%s: body of %d characters", a.Title, n)
		}
		if titles[a.Title] || len(a.Keywords) == 0 || c.Category(a.CategoryCode) == nil {
			t.Errorf("%s: repeated title, no keywords or unknown category %s", a.Title, a.CategoryCode)
		}
		titles[a.Title] = true
	}
	for _, k := range knowledge {
		if !strings.HasPrefix(k.title, "咨询") || len(k.asks) == 0 {
			t.Errorf("%s: consultation title %q or asks missing", k.a.Title, k.title)
		}
	}
}

var slotRE = regexp.MustCompile(`\{([a-z0-9]+)\}`)

// TestProblems checks the text tables: known categories, bodies and slots.
func TestProblems(t *testing.T) {
	c := NewCity()
	known := map[string]bool{}
	for _, s := range []string{"at", "short", "district", "street", "community", "estate", "road", "road2",
		"unit", "no", "floor", "shop", "train", "store", "company", "property", "school", "hospital", "site",
		"scenery", "dur", "when", "temp", "n", "tens", "amount", "fee", "months", "route", "tail", "date", "fixdate", "fixdate2",
		"origdate"} {
		known[s] = true
	}
	check := func(where string, list ...[]string) {
		for _, l := range list {
			for _, s := range l {
				for _, m := range slotRE.FindAllStringSubmatch(s, -1) {
					if !known[m[1]] {
						t.Errorf("%s: unknown slot {%s} in %q", where, m[1], s)
					}
				}
				if strings.Count(s, "{") != strings.Count(s, "}") {
					t.Errorf("%s: unbalanced braces in %q", where, s)
				}
			}
		}
	}
	all := append(append(append([]problem(nil), services...), petitionProblems...), disciplineProblems...)
	for _, p := range all {
		cat := c.Category(p.code)
		if cat == nil || cat.Level != 3 {
			t.Errorf("problem with unknown or non-leaf category %s", p.code)
			continue
		}
		where := p.code + " " + cat.Name
		if len(p.titles) != len(p.says)+1 || len(p.says) == 0 || len(p.fixes) == 0 || p.weight <= 0 {
			t.Errorf("%s: a generic title and one per description, fixes and weight are needed", where)
		}
		if p.org != "" && c.Org(p.org) == nil {
			t.Errorf("%s: unknown org %q", where, p.org)
		}
		for _, w := range p.wrong {
			if w != "district" && c.Org(w) == nil {
				t.Errorf("%s: unknown wrong org %q", where, w)
			}
		}
		if p.local > 0 && p.where == placeNone {
			t.Errorf("%s: a local matter needs a place", where)
		}
		check(where, p.titles, p.says, p.more, p.wants, p.fixes, p.explains)
		for _, r := range append(append([]string(nil), p.fixes...), p.explains...) {
			if i := strings.IndexByte(r, '|'); i >= 0 {
				for _, c := range r[:i] {
					if c < '0' || int(c-'0') >= len(p.says) {
						t.Errorf("%s: reply for a description that does not exist: %q", where, r)
					}
				}
			}
		}
		for i := range p.says {
			fits := 0
			for _, r := range p.fixes {
				if _, ok := replyFits(r, i); ok {
					fits++
				}
			}
			if fits == 0 {
				t.Errorf("%s: no fix fits description %d", where, i)
			}
		}
	}
	check("shared", durations, tries, demands, perfunctory, repeatPhone, repeatWeb, mediaReplies, openPhone, openWeb)
}
