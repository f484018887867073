package importer

import (
	"testing"
	"time"
)

// TestLooksLikeFormula refuses what a spreadsheet would run and keeps what
// citizens write: phone numbers with +, dashes as bullets, e-mail handles.
func TestLooksLikeFormula(t *testing.T) {
	for s, want := range map[string]bool{
		"=cmd|' /C calc'!A0": true, "=1+1": true, "+cmd|' /C calc'!A0": true, "-2+3+cmd|' /C calc'!A0": true,
		"@SUM(1+9)*cmd|' /C calc'!A0": true, "+SUM(1,2)": true, "=": false, "+86 138 0013 8000": false,
		"- 路灯坏了（编号3）": false, "-": false, "@市长 您好": false, "路灯=坏了": false, "-5℃ 暖气不热": false,
	} {
		if got := looksLikeFormula(s); got != want {
			t.Errorf("%q: %v, want %v", s, got, want)
		}
	}
}

// TestParseTime reads the ways exports write times, in China Standard Time.
func TestParseTime(t *testing.T) {
	zone := time.FixedZone("CST", 8*3600)
	want := time.Date(2019, 4, 25, 9, 32, 0, 0, zone)
	for _, s := range []string{"2019-04-25 09:32:00", "2019/4/25 9:32", "2019年4月25日 09:32", "43580.397222222", "2019-04-25T09:32:00+08:00"} {
		got, err := parseTime(s, zone)
		if err != nil || !got.Equal(want) {
			t.Errorf("%q: %v %v", s, got, err)
		}
	}
	if _, err := parseTime("昨天下午", zone); err == nil {
		t.Error("昨天下午 read as a time")
	}
}
