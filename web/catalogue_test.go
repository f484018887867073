package web

import (
	"io/fs"
	"minsheng"
	"minsheng/lifecycle"
	"regexp"
	"testing"
)

// TestCatalogueComplete checks that both languages have every label, and
// that every literal label a template asks for exists, so no page shows a
// raw key in either language.
func TestCatalogueComplete(t *testing.T) {
	for k := range messagesZH {
		if _, ok := messagesEN[k]; !ok {
			t.Errorf("English lacks %q", k)
		}
	}
	for k := range messagesEN {
		if _, ok := messagesZH[k]; !ok {
			t.Errorf("Chinese lacks %q", k)
		}
	}
	used := regexp.MustCompile(`\.T "([a-z_.]+)"`)
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := templateFS.ReadFile(p)
		for _, m := range used.FindAllStringSubmatch(string(b), -1) {
			if _, ok := messagesZH[m[1]]; !ok {
				t.Errorf("%s uses %q, which the catalogue lacks", p, m[1])
			}
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPagesParse is the start-up check: every page parses with the layout.
func TestPagesParse(t *testing.T) {
	as, err := loadAssets()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := parsePages(as); err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"app.css", "app.js", "htmx.min.js"} {
		if _, err := as.url(name); err != nil {
			t.Error(err)
		}
	}
}

// TestCatalogueNamesDomain checks the labels built from domain values:
// every state, action, queue and role has a name in the catalogue.
func TestCatalogueNamesDomain(t *testing.T) {
	var keys []string
	for _, s := range minsheng.Statuses {
		keys = append(keys, "status."+string(s))
	}
	for _, a := range lifecycle.Actions() {
		keys = append(keys, "action."+string(a))
	}
	keys = append(keys, "action.create")
	for _, q := range minsheng.Queues {
		keys = append(keys, "queue."+string(q))
	}
	for _, r := range minsheng.Roles {
		keys = append(keys, "role."+string(r))
	}
	for _, s := range minsheng.Sorts {
		keys = append(keys, "sort."+string(s))
	}
	for a := range actionFields {
		keys = append(keys, "action."+a)
		for _, f := range actionFields[a] {
			keys = append(keys, "field."+f)
		}
	}
	for _, k := range keys {
		if _, ok := messagesZH[k]; !ok {
			t.Errorf("catalogue lacks %q", k)
		}
	}
}

// TestCatalogueNamesChannels checks that every intake channel has a name.
func TestCatalogueNamesChannels(t *testing.T) {
	for _, c := range minsheng.Channels {
		for lang, m := range catalogue {
			if _, ok := m["channel."+string(c)]; !ok {
				t.Errorf("%s lacks channel.%s", lang, c)
			}
		}
	}
}

// TestCatalogueSaysWhatTheLedgerSays: a page and the ledger or report
// exported from it name each state and track the same way.
func TestCatalogueSaysWhatTheLedgerSays(t *testing.T) {
	for s, name := range minsheng.StatusNames {
		if got := messagesZH["status."+string(s)]; got != name {
			t.Errorf("state %s: the page says %q, the ledger %q", s, got, name)
		}
	}
	for tr, name := range minsheng.TrackNames {
		if got := messagesZH["track."+string(tr)]; got != name {
			t.Errorf("track %s: the page says %q, the ledger %q", tr, got, name)
		}
	}
	if len(minsheng.StatusNames) != len(minsheng.Statuses) {
		t.Errorf("%d state names for %d states", len(minsheng.StatusNames), len(minsheng.Statuses))
	}
}
