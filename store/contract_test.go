package store

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"minsheng"
)

// wantInvalid fails unless err is EINVALID naming field.
func wantInvalid(t *testing.T, what string, err error, field string) {
	t.Helper()
	if minsheng.ErrorCode(err) != minsheng.EINVALID || minsheng.ErrorField(err) != field {
		t.Errorf("%s: got %v, want invalid %s", what, err, field)
	}
}

// wantCode fails unless err has the given domain code.
func wantCode(t *testing.T, what string, err error, code string) {
	t.Helper()
	if minsheng.ErrorCode(err) != code {
		t.Errorf("%s: got %v, want %s", what, err, code)
	}
}

// rawExec runs SQL on the store's database directly, bypassing the store's
// checks and caches, to set up what another node or an old version left.
func rawExec(t *testing.T, s *Store, q string, args ...any) {
	t.Helper()
	if _, err := s.write.Exec(s.d.rebind(q), args...); err != nil {
		t.Fatalf("%s: %v", q, err)
	}
}

func TestNULNeverReachesTheDatabase(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		const nul = "噪音\x00扰民"
		mk := func(edit func(c *minsheng.Case)) error {
			c := &minsheng.Case{Channel: "phone", Title: "t", Content: "c", Citizen: minsheng.Citizen{Name: "李四", Phone: "13900001234"}}
			edit(c)
			_, err := s.CreateCase(ctx, c, f.agent, "")
			return err
		}
		wantInvalid(t, "content", mk(func(c *minsheng.Case) { c.Content = nul }), "content")
		wantInvalid(t, "title", mk(func(c *minsheng.Case) { c.Title = nul }), "title")
		wantInvalid(t, "address", mk(func(c *minsheng.Case) { c.Address = nul }), "address")
		wantInvalid(t, "channel_ref", mk(func(c *minsheng.Case) { c.ChannelRef = nul }), "channel_ref")
		wantInvalid(t, "citizen.name", mk(func(c *minsheng.Case) { c.Citizen.Name = nul }), "citizen.name")
		wantInvalid(t, "citizen.phone", mk(func(c *minsheng.Case) { c.Citizen.Phone = "139\x0000001234" }), "citizen.phone")
		_, err := s.CreateCase(ctx, &minsheng.Case{Channel: "phone", Content: "c"}, f.agent, "k\x00")
		wantInvalid(t, "idempotency key", err, "idempotency_key")

		wantInvalid(t, "org", s.CreateOrg(ctx, &minsheng.Org{Name: nul, Kind: minsheng.OrgDepartment}), "name")
		o := f.dept
		o.Name = nul
		wantInvalid(t, "org update", s.UpdateOrg(ctx, &o), "name")
		wantInvalid(t, "user", s.CreateUser(ctx, &minsheng.User{Username: "zhang", Name: nul, Role: minsheng.RoleAgent, OrgID: f.hotline.ID}), "name")
		wantInvalid(t, "category", s.SaveCategory(ctx, &minsheng.Category{Code: "010000", Name: nul, Level: 1}), "name")
		wantInvalid(t, "article keyword", s.SaveArticle(ctx, &minsheng.Article{Title: "t", Body: "b", Keywords: []string{"供暖", nul}}), "keywords[1]")
		wantInvalid(t, "holiday name", s.SetHolidays(ctx, 2031, []minsheng.HolidayDay{{Date: "2031-10-01", Kind: "holiday", Name: nul}}), "items[0].name")

		c := newCase(t, s, f, "路灯不亮", "幸福路路灯不亮")
		for _, code := range []string{"ABC\x00", c.TrackingCode[:11] + "\x00", "000000000000", "", "\xff\xfe"} {
			if _, err := s.CaseByTrackingCode(ctx, code); !errors.Is(err, minsheng.ErrNotFound) {
				t.Errorf("tracking code %q: %v, want not found", code, err)
			}
		}
		if got, err := s.CaseByTrackingCode(ctx, " "+c.TrackingCode+" "); err != nil || got.ID != c.ID {
			t.Errorf("real tracking code: %v", err)
		}
		for _, name := range []string{"agent\x00", "\x00", "\xff"} {
			if _, err := s.UserByName(ctx, name); !errors.Is(err, minsheng.ErrNotFound) {
				t.Errorf("username %q: %v, want not found", name, err)
			}
		}
		if _, _, err := s.SessionUser(ctx, "tok\x00en"); minsheng.ErrorCode(err) != minsheng.EUNAUTHORIZED {
			t.Errorf("token with NUL: %v", err)
		}
		if err := s.RevokeSession(ctx, "tok\x00en"); err != nil {
			t.Errorf("revoke token with NUL: %v", err)
		}
	})
}

func TestIdempotencyKeyRemembersTheRequest(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		body := func(content, phone string) *minsheng.Case {
			return &minsheng.Case{Channel: "web", Title: "t", Content: content, Citizen: minsheng.Citizen{Name: "王五", Phone: phone}}
		}
		first := body("楼道灯坏了", "13900001234")
		if created, err := s.CreateCase(ctx, first, f.agent, "k1"); err != nil || !created {
			t.Fatalf("first: %v %v", created, err)
		}
		// The same request, the phone written another way: the same case.
		again := body("楼道灯坏了", "+86 139-0000-1234")
		if created, err := s.CreateCase(ctx, again, f.agent, "k1"); err != nil || created || again.ID != first.ID {
			t.Fatalf("retry: created=%v err=%v id=%d want %d", created, err, again.ID, first.ID)
		}
		other := body("另一个问题", "13900001234")
		_, err := s.CreateCase(ctx, other, f.agent, "k1")
		wantCode(t, "key reused for another body", err, minsheng.EUNPROCESSABLE)
		other.Urgency = minsheng.UrgencyUrgent
		other.Content = "楼道灯坏了"
		_, err = s.CreateCase(ctx, other, f.agent, "k1")
		wantCode(t, "key reused with another urgency", err, minsheng.EUNPROCESSABLE)
		// Keys are per user.
		if created, err := s.CreateCase(ctx, body("另一个问题", ""), f.dispatcher, "k1"); err != nil || !created {
			t.Fatalf("another user's key: %v %v", created, err)
		}
		// A key recorded before fingerprints existed matches any body.
		rawExec(t, s, "UPDATE idempotency SET fingerprint = '' WHERE user_id = ? AND key = ?", f.agent.UserID, "k1")
		legacy := body("另一个问题", "")
		if created, err := s.CreateCase(ctx, legacy, f.agent, "k1"); err != nil || created || legacy.ID != first.ID {
			t.Fatalf("legacy key: created=%v err=%v", created, err)
		}
	})
}

func TestIdempotencyKeyConcurrent(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		for round := range 3 {
			key := fmt.Sprintf("race-%d", round)
			const n = 20
			var (
				wg      sync.WaitGroup
				start   = make(chan struct{})
				ids     [n]int64
				created [n]bool
				errs    [n]error
			)
			for i := range n {
				wg.Add(1)
				go func() {
					defer wg.Done()
					<-start
					c := &minsheng.Case{Channel: "web", Title: "t", Content: "同时提交的同一个请求"}
					created[i], errs[i] = s.CreateCase(ctx, c, f.agent, key)
					ids[i] = c.ID
				}()
			}
			close(start)
			wg.Wait()
			wins := 0
			for i := range n {
				if errs[i] != nil {
					t.Fatalf("round %d request %d: %v", round, i, errs[i])
				}
				if created[i] {
					wins++
				}
				if ids[i] != ids[0] || ids[i] == 0 {
					t.Fatalf("round %d: request %d got case %d, request 0 got %d", round, i, ids[i], ids[0])
				}
			}
			if wins != 1 {
				t.Fatalf("round %d: %d requests created the case, want 1", round, wins)
			}
		}
		var cases int
		if err := s.read.QueryRow("SELECT COUNT(*) FROM cases").Scan(&cases); err != nil || cases != 3 {
			t.Fatalf("%d cases stored (%v), want 3", cases, err)
		}
	})
}

func TestRevokingAccessIsImmediate(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		u := &minsheng.User{Username: "zhao", Name: "赵六", Role: minsheng.RoleHandler, OrgID: f.dept.ID, PasswordHash: "h1"}
		if err := s.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		login := func(tok string) {
			t.Helper()
			if _, err := s.CreateSession(ctx, tok, u.ID, time.Hour); err != nil {
				t.Fatal(err)
			}
		}
		works := func(tok string) *minsheng.User {
			t.Helper()
			got, exp, err := s.SessionUser(ctx, tok)
			if err != nil {
				t.Fatalf("%s: %v", tok, err)
			}
			if got.ID != u.ID || got.OrgPath != f.dept.Path || exp.IsZero() {
				t.Fatalf("%s: %+v expires %v", tok, got, exp)
			}
			return got
		}
		revoked := func(tok, why string) {
			t.Helper()
			if _, _, err := s.SessionUser(ctx, tok); minsheng.ErrorCode(err) != minsheng.EUNAUTHORIZED {
				t.Errorf("%s after %s: %v, want unauthorized", tok, why, err)
			}
		}
		login("a")
		login("b")
		if got := works("a"); got.Role != minsheng.RoleHandler {
			t.Fatalf("role %s", got.Role)
		}

		// A role change shows at the next request and ends no session.
		u.Role, u.OrgID = minsheng.RoleDeptLead, f.sub.ID
		if err := s.UpdateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if got, _, err := s.SessionUser(ctx, "b"); err != nil || got.Role != minsheng.RoleDeptLead || got.OrgPath != f.sub.Path {
			t.Fatalf("after role change: %+v %v", got, err)
		}
		u.OrgID = f.dept.ID
		if err := s.UpdateUser(ctx, u); err != nil {
			t.Fatal(err)
		}

		// A new password keeps the session that changed it, ends the others.
		if err := s.SetPassword(ctx, u.ID, "h2", "a"); err != nil {
			t.Fatal(err)
		}
		works("a")
		revoked("b", "SetPassword")
		if got, _ := s.User(ctx, u.ID); got.PasswordHash != "h2" {
			t.Errorf("hash %q", got.PasswordHash)
		}
		login("c")
		if err := s.SetPassword(ctx, u.ID, "h3", ""); err != nil {
			t.Fatal(err)
		}
		revoked("a", "SetPassword without a token to keep")
		revoked("c", "SetPassword without a token to keep")
		wantCode(t, "SetPassword of nobody", s.SetPassword(ctx, 99999, "h", ""), minsheng.ENOTFOUND)

		// A password changed through UpdateUser ends every session.
		login("d")
		cur, err := s.User(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		cur.PasswordHash = "h4"
		if err := s.UpdateUser(ctx, cur); err != nil {
			t.Fatal(err)
		}
		revoked("d", "UpdateUser with a new hash")

		login("e")
		if err := s.RevokeUserSessions(ctx, u.ID); err != nil {
			t.Fatal(err)
		}
		revoked("e", "RevokeUserSessions")

		// Disabling takes effect at once, with no cache to wait out.
		login("f")
		works("f")
		cur.Disabled = true
		if err := s.UpdateUser(ctx, cur); err != nil {
			t.Fatal(err)
		}
		revoked("f", "disable")
		cur.Disabled = false
		if err := s.UpdateUser(ctx, cur); err != nil {
			t.Fatal(err)
		}
		revoked("f", "re-enable") // a disabled user's sessions stay ended

		// Expiry on the store's clock.
		login("g")
		s.Clock = func() time.Time { return time.Now().Add(2 * time.Hour) }
		revoked("g", "expiry")
	})
}

func TestMissingReferencesAreInvalid(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		const missing = 987654
		_, err := s.CreateCase(ctx, &minsheng.Case{Channel: "phone", Content: "c", CategoryID: missing}, f.agent, "")
		wantInvalid(t, "case category", err, "category_id")
		wantInvalid(t, "category parent", s.SaveCategory(ctx, &minsheng.Category{Code: "010100", Name: "n", Level: 2, ParentID: missing}), "parent_id")
		wantInvalid(t, "category org", s.SaveCategory(ctx, &minsheng.Category{Code: "010000", Name: "n", Level: 1, OrgID: missing}), "org_id")
		wantInvalid(t, "rule category", s.SaveDeadlineRule(ctx, &minsheng.DeadlineRule{CategoryID: missing, Urgency: "normal", Days: 5}), "category_id")
		wantInvalid(t, "article category", s.SaveArticle(ctx, &minsheng.Article{Title: "t", Body: "b", CategoryID: missing}), "category_id")
		wantInvalid(t, "org parent", s.CreateOrg(ctx, &minsheng.Org{ParentID: missing, Name: "n", Kind: minsheng.OrgDepartment}), "parent_id")
		wantInvalid(t, "user org", s.CreateUser(ctx, &minsheng.User{Username: "qian", Role: minsheng.RoleAgent, OrgID: missing}), "org_id")
		u, err := s.UserByName(ctx, "agent")
		if err != nil {
			t.Fatal(err)
		}
		u.OrgID = missing
		wantInvalid(t, "user update org", s.UpdateUser(ctx, u), "org_id")

		// Another node added a category this node's policy cache has not
		// seen yet: intake still accepts it.
		if _, err := s.Policy(ctx); err != nil {
			t.Fatal(err)
		}
		rawExec(t, s, "INSERT INTO categories (code, name, level, disabled) VALUES ('990000', '新类别', 1, ?)", false)
		var catID int64
		if err := s.read.QueryRow("SELECT id FROM categories WHERE code = '990000'").Scan(&catID); err != nil {
			t.Fatal(err)
		}
		c := &minsheng.Case{Channel: "phone", Content: "新类别的请求", CategoryID: catID}
		if _, err := s.CreateCase(ctx, c, f.agent, ""); err != nil {
			t.Fatalf("category newer than the cache: %v", err)
		}

		// The backstop: a foreign-key violation of either dialect becomes a
		// 400 naming the field.
		err = s.w.do(ctx, func(tx *wtx) error {
			_, err := s.txdb(ctx, tx).exec("INSERT INTO articles (title, body, category_id, keywords, disabled, created_at, updated_at) VALUES ('t', 'b', ?, '', ?, 0, 0)", missing, false)
			return err
		})
		if col, ok := foreignKeyViolation(err); !ok || (s.Dialect() == "postgres" && col != "category_id") {
			t.Fatalf("foreign key violation not recognised: %v (column %q)", err, col)
		}
		wantInvalid(t, "mapped violation", invalidRef(err, "category_id", "category"), "category_id")
		if s.Dialect() == "postgres" {
			if got := invalidRef(err, "org_id", "organisation"); minsheng.ErrorCode(got) != minsheng.EINTERNAL {
				t.Errorf("violation on another column mapped: %v", got)
			}
		}
	})
}

func TestPhonesMatchWhateverTheFormat(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		c := &minsheng.Case{Channel: "phone", Content: "小区门口积水", Citizen: minsheng.Citizen{Name: "周七", Phone: "+86 198 5829 0548"}}
		if _, err := s.CreateCase(ctx, c, f.agent, ""); err != nil {
			t.Fatal(err)
		}
		got, err := s.Case(ctx, c.ID)
		if err != nil || got.Citizen.Phone != "19858290548" {
			t.Fatalf("stored phone %q (%v), want the canonical form", got.Citizen.Phone, err)
		}
		land := &minsheng.Case{Channel: "phone", Content: "噪音", Citizen: minsheng.Citizen{Phone: "+86 532 8888 6666"}}
		if _, err := s.CreateCase(ctx, land, f.agent, ""); err != nil {
			t.Fatal(err)
		}
		for _, tt := range []struct {
			filter string
			want   int64
		}{
			{"19858290548", c.ID}, {"198-5829-0548", c.ID}, {"+8619858290548", c.ID}, {"0086 198 5829 0548", c.ID},
			{"0532-88886666", land.ID}, {"(0532) 8888 6666", land.ID},
		} {
			list, err := s.ListCases(ctx, minsheng.CaseFilter{Phone: tt.filter})
			if err != nil || len(list) != 1 || list[0].ID != tt.want {
				t.Errorf("filter %q: %d cases (%v), want case %d", tt.filter, len(list), err, tt.want)
			}
		}
	})
}

func TestCategoryTreeStaysATree(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		save := func(c *minsheng.Category) *minsheng.Category {
			t.Helper()
			if err := s.SaveCategory(ctx, c); err != nil {
				t.Fatalf("save %s: %v", c.Code, err)
			}
			return c
		}
		a := save(&minsheng.Category{Code: "010000", Name: "城乡建设", Level: 1})
		b := save(&minsheng.Category{Code: "010100", Name: "物业管理", Level: 2, ParentID: a.ID})
		c := save(&minsheng.Category{Code: "010101", Name: "物业收费", Level: 3, ParentID: b.ID})
		d := save(&minsheng.Category{Code: "020000", Name: "交通出行", Level: 1})

		self := *a
		self.ParentID = a.ID
		wantInvalid(t, "own parent", s.SaveCategory(ctx, &self), "parent_id")
		loop := *a
		loop.ParentID, loop.Level = b.ID, 3 // a under its own child
		wantInvalid(t, "cycle", s.SaveCategory(ctx, &loop), "parent_id")
		wantInvalid(t, "level below parent", s.SaveCategory(ctx, &minsheng.Category{Code: "010200", Name: "n", Level: 3, ParentID: a.ID}), "level")
		wantInvalid(t, "top level not 1", s.SaveCategory(ctx, &minsheng.Category{Code: "030000", Name: "n", Level: 2}), "level")
		wantInvalid(t, "under a level-3 category", s.SaveCategory(ctx, &minsheng.Category{Code: "010102", Name: "n", Level: 3, ParentID: c.ID}), "level")
		up := *b
		up.ParentID, up.Level = 0, 1 // its child c would be two levels below
		wantInvalid(t, "children no longer fit", s.SaveCategory(ctx, &up), "level")
		wantCode(t, "unknown category", s.SaveCategory(ctx, &minsheng.Category{ID: 987654, Code: "040000", Name: "n", Level: 1}), minsheng.ENOTFOUND)

		// Moving b with its child under another level-1 category is fine.
		moved := *b
		moved.ParentID = d.ID
		save(&moved)
		cats, err := s.Categories(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, x := range cats {
			if x.ID == b.ID && x.ParentID != d.ID {
				t.Errorf("b's parent %d, want %d", x.ParentID, d.ID)
			}
		}
	})
}

func TestSetHolidaysChecksEveryDay(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		ok := minsheng.HolidayDay{Date: "2031-10-01", Kind: "holiday", Name: "国庆节"}
		for _, tt := range []struct {
			name  string
			days  []minsheng.HolidayDay
			field string
		}{
			{"outside the year", []minsheng.HolidayDay{ok, {Date: "2032-01-01", Kind: "holiday"}}, "items[1].date"},
			{"unknown kind", []minsheng.HolidayDay{{Date: "2031-10-02", Kind: "day_off"}}, "items[0].kind"},
			{"duplicate", []minsheng.HolidayDay{ok, {Date: "2031-10-02", Kind: "holiday"}, ok}, "items[2].date"},
			{"duplicate of another kind", []minsheng.HolidayDay{ok, {Date: "2031-10-01", Kind: "workday"}}, "items[1].date"},
			{"no such date", []minsheng.HolidayDay{{Date: "2031-02-29", Kind: "holiday"}}, "items[0].date"},
			{"not a date", []minsheng.HolidayDay{{Date: "10/01/2031", Kind: "holiday"}}, "items[0].date"},
			{"name too long", []minsheng.HolidayDay{{Date: "2031-10-01", Kind: "holiday", Name: string(make([]rune, 51))}}, "items[0].name"},
		} {
			wantInvalid(t, tt.name, s.SetHolidays(ctx, 2031, tt.days), tt.field)
		}
		if err := s.SetHolidays(ctx, 2031, []minsheng.HolidayDay{ok, {Date: "2031-10-11", Kind: "workday", Name: "国庆节调休"}}); err != nil {
			t.Fatal(err)
		}
		if err := s.SetHolidays(ctx, 2032, []minsheng.HolidayDay{{Date: "2032-01-01", Kind: "holiday", Name: "元旦"}}); err != nil {
			t.Fatal(err)
		}
		if days, _ := s.Holidays(ctx); len(days) != 3 {
			t.Fatalf("%d days stored, want 3", len(days))
		}
		if err := s.SetHolidays(ctx, 2031, []minsheng.HolidayDay{}); err != nil { // an explicit empty list clears the year
			t.Fatal(err)
		}
		if days, _ := s.Holidays(ctx); len(days) != 1 || days[0].Date != "2032-01-01" {
			t.Fatalf("after clearing 2031: %+v", days)
		}
	})
}

func TestOrgChangesCheckTheTree(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		f := newFixture(t, s)
		o := f.sub
		o.Name, o.ParentID = "物业科", 0 // 0 keeps the parent
		if err := s.UpdateOrg(ctx, &o); err != nil {
			t.Fatal(err)
		}
		if o.ParentID != f.dept.ID || o.Path != f.sub.Path {
			t.Errorf("after update: parent %d path %s", o.ParentID, o.Path)
		}
		o.ParentID = 987654
		wantInvalid(t, "missing parent", s.UpdateOrg(ctx, &o), "parent_id")
		o.ParentID = f.other.ID
		wantInvalid(t, "move", s.UpdateOrg(ctx, &o), "parent_id")
		gone := minsheng.Org{ID: 987654, Name: "n", Kind: minsheng.OrgDepartment}
		wantCode(t, "unknown org", s.UpdateOrg(ctx, &gone), minsheng.ENOTFOUND)
	})
}
