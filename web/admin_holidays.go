package web

import (
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"minsheng"
)

// holidaysPage is one year of the working calendar: the State Council's
// holidays and the make-up working days (调休) that go with them, edited
// as lines of text, one day a line, the way the notice lists them.
type holidaysPage struct {
	adminPage
	Year  int
	Years []int
	Days  []minsheng.HolidayDay
	Text  string
}

func (s *Server) holidaysData(w http.ResponseWriter, r *http.Request, u *minsheng.User, year int) (*holidaysPage, error) {
	p, err := s.adminBase(w, r, u, "admin.holidays")
	if err != nil {
		return nil, err
	}
	all, err := s.svc.Holidays(r.Context(), u)
	if err != nil {
		return nil, err
	}
	now := s.svc.Now().In(cst).Year()
	if year == 0 {
		year = now
	}
	seen := map[int]bool{now - 1: true, now: true, now + 1: true, year: true}
	hp := &holidaysPage{adminPage: p, Year: year}
	prefix := fmt.Sprintf("%04d-", year)
	for _, d := range all {
		if y, err := strconv.Atoi(d.Date[:4]); err == nil {
			seen[y] = true
		}
		if strings.HasPrefix(d.Date, prefix) {
			hp.Days = append(hp.Days, d)
		}
	}
	for y := range seen {
		hp.Years = append(hp.Years, y)
	}
	slices.Sort(hp.Years)
	hp.Text = holidayText(&p.Base, hp.Days)
	return hp, nil
}

// holidayText writes days as the textarea shows them: "2026-10-01 休 国庆节".
func holidayText(b *Base, days []minsheng.HolidayDay) string {
	var sb strings.Builder
	for _, d := range days {
		fmt.Fprintf(&sb, "%s %s %s\n", d.Date, b.T("admin.day."+d.Kind), d.Name)
	}
	return sb.String()
}

func (s *Server) adminHolidays(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	year, _ := strconv.Atoi(r.URL.Query().Get("year"))
	if year != 0 && (year < 2000 || year > 2100) {
		return minsheng.Invalid("year", "a year between 2000 and 2100")
	}
	p, err := s.holidaysData(w, r, u, year)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "admin_holidays", p)
	return nil
}

// dayKinds maps the words a line may use for its kind to the kind: the
// catalogue's short words in either language, and the API's own names.
func dayKinds() map[string]string {
	m := map[string]string{minsheng.DayHoliday: minsheng.DayHoliday, minsheng.DayWorkday: minsheng.DayWorkday}
	for _, lang := range []string{langZH, langEN} {
		m[translate(lang, "admin.day.holiday")] = minsheng.DayHoliday
		m[translate(lang, "admin.day.workday")] = minsheng.DayWorkday
	}
	return m
}

// parseHolidays reads the textarea; the first bad line is an error that
// says which line and what is wrong with it, in the page's language.
func parseHolidays(b *Base, year int, text string) ([]minsheng.HolidayDay, error) {
	kinds := dayKinds()
	days := []minsheng.HolidayDay{}
	for i, line := range strings.Split(text, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 {
			continue
		}
		bad := func(key string, args ...any) error {
			return minsheng.Invalid("days", "%s", b.T("admin.day.line", i+1, b.T(key, args...)))
		}
		if len(f) < 3 {
			return nil, bad("admin.day.err.shape")
		}
		t, err := time.Parse(time.DateOnly, f[0])
		if err != nil {
			return nil, bad("admin.day.err.date", f[0])
		}
		if t.Year() != year {
			return nil, bad("admin.day.err.year", f[0], year)
		}
		kind, ok := kinds[f[1]]
		if !ok {
			return nil, bad("admin.day.err.kind", f[1])
		}
		days = append(days, minsheng.HolidayDay{Date: f[0], Kind: kind, Name: strings.Join(f[2:], " ")})
	}
	return days, nil
}

var itemRE = regexp.MustCompile(`^items\[(\d+)\]`)

// adminHolidaysSave replaces the year's days with the textarea's lines.
func (s *Server) adminHolidaysSave(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	year, err := strconv.Atoi(r.PostFormValue("year"))
	if err != nil || year < 2000 || year > 2100 {
		return minsheng.Invalid("year", "a year between 2000 and 2100")
	}
	p, err := s.holidaysData(w, r, u, year)
	if err != nil {
		return err
	}
	text := r.PostFormValue("days")
	days, err := parseHolidays(&p.Base, year, text)
	if err == nil {
		if _, err = s.svc.SetHolidays(r.Context(), u, year, days); err == nil {
			http.Redirect(w, r, "/w/admin/holidays?saved=1&year="+strconv.Itoa(year), http.StatusSeeOther)
			return nil
		}
		if m := itemRE.FindStringSubmatch(minsheng.ErrorField(err)); m != nil {
			n, _ := strconv.Atoi(m[1])
			msg := minsheng.ErrorMessage(err)
			if _, rest, ok := strings.Cut(msg, ": "); ok {
				msg = rest
			}
			err = minsheng.Invalid("days", "%s", p.T("admin.day.line", n+1, msg))
		}
	}
	if minsheng.ErrorCode(err) == minsheng.EINVALID && minsheng.ErrorField(err) == "days" {
		_, msg, _ := strings.Cut(minsheng.ErrorMessage(err), ": ")
		p.Errors["days"] = msg
	} else if err := p.formError(err); err != nil {
		return err
	}
	p.Text = text
	s.render(w, r, http.StatusUnprocessableEntity, "admin_holidays", p)
	return nil
}
