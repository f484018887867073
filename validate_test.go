package minsheng

import (
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"19858290548", "19858290548"},
		{"+86 198 5829 0548", "19858290548"},
		{"198-5829-0548", "19858290548"},
		{"198.5829.0548", "19858290548"},
		{"(198) 5829 0548", "19858290548"},
		{"+8619858290548", "19858290548"},
		{"008619858290548", "19858290548"},
		{"0086 198 5829 0548", "19858290548"},
		{"86 198 5829 0548", "19858290548"}, // bare 86 before an 11-digit mobile
		{"８６１９８５８２９０５４８", "19858290548"},    // full width, as Chinese IMEs type it
		{"＋８６　１９８－５８２９－０５４８", "19858290548"},
		{"0532-88886666", "053288886666"},
		{"(0532) 8888 6666", "053288886666"},
		{"+86 532 8888 6666", "053288886666"}, // landline written internationally: trunk 0 back
		{"+86 10 1234 5678", "01012345678"},   // Beijing: starts with 1 but is not a mobile
		{"+86 0532 8888 6666", "053288886666"},
		{"0086 532 88886666", "053288886666"},
		{"88886666", "88886666"},     // local number without area code stays as it is
		{"8612345678", "8612345678"}, // 86 before something that is not a mobile stays
		{"12345", "12345"},
		{"+44 20 7946 0958", "+442079460958"}, // other countries keep their +
		{"+1 (555) 010-9999", "+15550109999"},
		{"", ""},
		{"abc", ""},
	} {
		if got := NormalizePhone(tt.in); got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidPhone(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want bool
	}{
		{"+86 198 5829 0548", true},
		{"0532-88886666", true},
		{"(0532) 8888.6666", true},
		{"12345", true},
		{"1234", false},
		{"+86 123", false}, // four digits once the country code is gone and the trunk 0 is back
		{"123456789012345678901", false},
		{"198 5829 0548 ext 3", false},
		{"1985829+0548", false},
		{"++8619858290548", false},
		{"1985829\x000548", false},
	} {
		if got := validPhone(tt.in); got != tt.want {
			t.Errorf("validPhone(%q) = %v, want %v", tt.in, got, tt.want)
		}
	}
}

func TestCaseValidateStoresCanonicalPhone(t *testing.T) {
	c := &Case{Channel: "phone", Content: "噪音扰民", Citizen: Citizen{Phone: "+86 198 5829 0548"}}
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	if c.Citizen.Phone != "19858290548" {
		t.Errorf("phone %q, want the canonical 19858290548", c.Citizen.Phone)
	}
}

// TestValidateRejectsNUL checks that every admin- or citizen-supplied text
// refuses U+0000, naming the field: PostgreSQL would fail with a 500 and
// SQLite would store it raw.
func TestValidateRejectsNUL(t *testing.T) {
	const nul = "a\x00b"
	okCase := func() *Case { return &Case{Channel: "phone", Title: "t", Content: "c"} }
	for _, tt := range []struct {
		name  string
		v     interface{ Validate() error }
		field string
	}{
		{"case title", func() *Case { c := okCase(); c.Title = nul; return c }(), "title"},
		{"case content", func() *Case { c := okCase(); c.Content = nul; return c }(), "content"},
		{"case address", func() *Case { c := okCase(); c.Address = nul; return c }(), "address"},
		{"case channel_ref", func() *Case { c := okCase(); c.ChannelRef = nul; return c }(), "channel_ref"},
		{"citizen name", func() *Case { c := okCase(); c.Citizen.Name = nul; return c }(), "citizen.name"},
		{"citizen phone", func() *Case { c := okCase(); c.Citizen.Phone = "139\x0000001234"; return c }(), "citizen.phone"},
		{"case invalid UTF-8", func() *Case { c := okCase(); c.Content = "\xff"; return c }(), "content"},
		{"org name", &Org{Name: nul, Kind: OrgDepartment}, "name"},
		{"article title", &Article{Title: nul, Body: "b"}, "title"},
		{"article body", &Article{Title: "t", Body: nul}, "body"},
		{"article keyword", &Article{Title: "t", Body: "b", Keywords: []string{"ok", nul}}, "keywords[1]"},
		{"category name", &Category{Code: "010000", Name: nul, Level: 1}, "name"},
		{"category code", &Category{Code: "01000\x00", Name: "n", Level: 1}, "code"},
		{"user name", &User{Username: "li", Name: nul, Role: RoleAgent, OrgID: 1}, "name"},
		{"username", &User{Username: "l\x00i", Role: RoleAgent, OrgID: 1}, "username"},
		{"deadline rule urgency", &DeadlineRule{Urgency: "normal\x00", Days: 1}, "urgency"},
		{"holiday name", &HolidayDay{Date: "2026-10-01", Kind: "holiday", Name: nul}, "name"},
		{"holiday date", &HolidayDay{Date: "2026-10-0\x00", Kind: "holiday"}, "date"},
	} {
		err := tt.v.Validate()
		if ErrorCode(err) != EINVALID || ErrorField(err) != tt.field {
			t.Errorf("%s: got %v, want invalid %s", tt.name, err, tt.field)
		}
	}
}

func TestCategoryValidateParent(t *testing.T) {
	c := &Category{ID: 7, ParentID: 7, Code: "010100", Name: "n", Level: 2}
	if err := c.Validate(); ErrorField(err) != "parent_id" {
		t.Errorf("own parent: %v", err)
	}
}

func TestHolidayDayValidate(t *testing.T) {
	for _, tt := range []struct {
		d     HolidayDay
		field string
	}{
		{HolidayDay{Date: "2026-10-01", Kind: "holiday", Name: "国庆节"}, ""},
		{HolidayDay{Date: "2026-09-27", Kind: "workday"}, ""},
		{HolidayDay{Date: "2026-02-30", Kind: "holiday"}, "date"},
		{HolidayDay{Date: "2026-1-1", Kind: "holiday"}, "date"},
		{HolidayDay{Date: "", Kind: "holiday"}, "date"},
		{HolidayDay{Date: "2026-10-01", Kind: "weekend"}, "kind"},
	} {
		err := tt.d.Validate()
		if got := ErrorField(err); got != tt.field || (tt.field == "" && err != nil) {
			t.Errorf("%+v: got %v, want field %q", tt.d, err, tt.field)
		}
	}
}
