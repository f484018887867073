package demo

import (
	"context"
	"fmt"

	"minsheng"
	"minsheng/auth"
	"minsheng/store"
)

// Password is the shared password of the demo accounts, printed at start-up.
const Password = "minsheng-demo"

// Loaded maps the city's keys to the ids the database gave them.
type Loaded struct {
	Orgs  map[string]*minsheng.Org
	Cats  map[string]int64
	Users map[string]minsheng.Actor
}

// SeedCity creates the city's organisations, categories, deadline rules and
// accounts. On a database that already has them it only reads the ids back,
// so running it twice is harmless.
func SeedCity(ctx context.Context, st *store.Store, city *City) (*Loaded, error) {
	l := &Loaded{Orgs: map[string]*minsheng.Org{}, Cats: map[string]int64{}, Users: map[string]minsheng.Actor{}}
	tree, err := st.Orgs(ctx)
	if err != nil {
		return nil, err
	}
	fresh := len(tree.List()) == 0
	if fresh {
		err = createCity(ctx, st, city, l)
	} else {
		err = readCity(ctx, st, city, l, tree)
	}
	if err != nil {
		return nil, err
	}
	return l, nil
}

func createCity(ctx context.Context, st *store.Store, city *City, l *Loaded) error {
	if err := seedHolidays(ctx, st); err != nil { // before any deadline is counted
		return err
	}
	for _, o := range city.Orgs {
		org := &minsheng.Org{Name: o.Name, Kind: o.Kind, LeadApproval: o.LeadApproval}
		if o.Parent != "" {
			org.ParentID = l.Orgs[o.Parent].ID
		}
		if err := st.CreateOrg(ctx, org); err != nil {
			return fmt.Errorf("demo organisation %s: %w", o.Key, err)
		}
		l.Orgs[o.Key] = org
	}
	for _, c := range city.Categories {
		cat := &minsheng.Category{Code: c.Code, Name: c.Name, Level: c.Level, ParentID: l.Cats[c.Parent]}
		if o := l.Orgs[c.OrgKey]; o != nil {
			cat.OrgID = o.ID
		}
		if err := st.SaveCategory(ctx, cat); err != nil {
			return fmt.Errorf("demo category %s: %w", c.Code, err)
		}
		l.Cats[c.Code] = cat.ID
	}
	for _, r := range city.Rules {
		rule := &minsheng.DeadlineRule{CategoryID: l.Cats[r.CategoryCode], Urgency: r.Urgency, Days: r.Days, Hours: r.Hours}
		if err := st.SaveDeadlineRule(ctx, rule); err != nil {
			return fmt.Errorf("demo deadline rule: %w", err)
		}
	}
	for _, a := range city.Articles {
		art := &minsheng.Article{Title: a.Title, Body: a.Body, CategoryID: l.Cats[a.CategoryCode], Keywords: a.Keywords}
		if err := st.SaveArticle(ctx, art); err != nil {
			return fmt.Errorf("demo article %s: %w", a.Title, err)
		}
	}
	hash, err := auth.HashPassword(Password)
	if err != nil {
		return err
	}
	for _, u := range city.Users {
		user := &minsheng.User{Username: u.Username, Name: u.Name, Role: u.Role, OrgID: l.Orgs[u.OrgKey].ID, PasswordHash: hash}
		if err := st.CreateUser(ctx, user); err != nil {
			return fmt.Errorf("demo user %s: %w", u.Username, err)
		}
		l.Users[u.Username] = minsheng.ActorOf(user)
	}
	return nil
}

// readCity matches an existing database to the city by names, codes and usernames.
func readCity(ctx context.Context, st *store.Store, city *City, l *Loaded, tree *minsheng.OrgTree) error {
	byName := map[string]*minsheng.Org{}
	for _, o := range tree.List() {
		byName[o.Name] = o
	}
	for _, o := range city.Orgs {
		if org := byName[o.Name]; org != nil {
			l.Orgs[o.Key] = org
		}
	}
	cats, err := st.Categories(ctx)
	if err != nil {
		return err
	}
	for _, c := range cats {
		l.Cats[c.Code] = c.ID
	}
	for _, u := range city.Users {
		user, err := st.UserByName(ctx, u.Username)
		if err != nil {
			continue
		}
		l.Users[u.Username] = minsheng.ActorOf(user)
	}
	if l.Users["agent"].UserID == 0 || l.Users["dispatcher"].UserID == 0 {
		return fmt.Errorf("the database holds another organisation tree, not the demo city; use an empty database for --demo")
	}
	return nil
}
