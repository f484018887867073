package minsheng

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestKPIDaysAreShanghaiDays(t *testing.T) {
	// 16:30 UTC is half past midnight the next day in Shanghai.
	if got := KPIDay(time.Date(2026, 11, 2, 16, 30, 0, 0, time.UTC)); got != "2026-11-03" {
		t.Fatalf("KPIDay = %s", got)
	}
	for day, week := range map[string]string{"2026-11-02": "2026-11-02", "2026-11-08": "2026-11-02", "2026-11-05": "2026-11-02", "2026-11-09": "2026-11-09"} {
		if got := WeekOf(day); got != week {
			t.Errorf("WeekOf(%s) = %s, want %s", day, got, week)
		}
	}
	if got := MonthOf("2026-11-30"); got != "2026-11-01" {
		t.Fatalf("MonthOf = %s", got)
	}
}

func TestKPIRatesAreNullWithoutDenominatorAndAtMostOne(t *testing.T) {
	raw, err := json.Marshal(KPIItem{KPICounts: KPICounts{Received: 4, Closed: 6, ClosedOnTime: 3, Visited: 2, Solved: 1}})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{`"close_rate":1,`, `"on_time_rate":0.5,`, `"solve_rate":0.5,`, `"return_rate":null`,
		`"send_back_rate":null`, `"overdue_open":null`} {
		if !strings.Contains(string(raw), want) {
			t.Errorf("%s lacks %s", raw, want)
		}
	}
}

func TestKPIQueryNamesTheFieldAtFault(t *testing.T) {
	for field, q := range map[string]KPIQuery{
		"from":     {To: "2026-11-01"},
		"to":       {From: "2026-11-02", To: "2026-11-01"},
		"channel":  {From: "2026-11-01", To: "2026-11-01", Channel: "fax"},
		"group_by": {From: "2026-11-01", To: "2026-11-01", GroupBy: "year"},
	} {
		err := q.Validate()
		if e, ok := err.(*Error); !ok || e.Field != field {
			t.Errorf("%+v: %v, want field %s", q, err, field)
		}
	}
}
