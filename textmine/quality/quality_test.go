package quality

import (
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Requests the cases answer; the first line is the title, as the CLI and
// the case store pass it.
const (
	reqLamp   = "A3区枫林路路灯不亮\n枫林路锦绣小区门口的路灯已经坏了两个星期，晚上出行很不安全，老人孩子经常摔倒，请尽快维修路灯。"
	reqNoise  = "投诉B区人民路烧烤店油烟噪音扰民\n人民路128号烧烤店每天营业到凌晨两点，油烟直排居民楼，噪音很大，多次找店主沟通无果，请相关部门查处。"
	reqRefund = "请求退还幼儿园多收的伙食费\n我孩子在阳光幼儿园上学，幼儿园每月多收伙食费300元，学期结束也不退还，请教育局督促退还伙食费。"
	reqRoad   = "C市滨江路路面塌陷积水\n滨江路与建设路交叉口路面塌陷，下雨天积水很深，车辆和行人通行困难，希望尽快修补路面。"
)

// has reports whether the score carries a reason with the code.
func has(s Score, code string) bool {
	for _, r := range s.Reasons {
		if r.Code == code {
			return true
		}
	}
	return false
}

// codes lists the reason codes, for failure messages.
func codes(s Score) string {
	var out []string
	for _, r := range s.Reasons {
		out = append(out, r.Code)
	}
	return strings.Join(out, ",")
}

func TestAssessLevels(t *testing.T) {
	cases := []struct {
		name       string
		in         Input
		min, max   int
		levels     []string
		want, deny []string
	}{
		{
			name: "lamp repaired with date and result",
			in: Input{Request: reqLamp, Reply: "您好！您反映的枫林路锦绣小区门口路灯不亮的问题已收悉。经现场核查，系线路老化导致路灯损坏。" +
				"我局已安排维修人员于11月20日更换了线路和灯具，目前路灯已恢复正常照明。感谢您对我们工作的监督。2025年11月21日"},
			min: GoodAt, max: 100, levels: []string{"good"},
			want: []string{"addresses_request", "concrete_action", "resolved", "has_date"},
			deny: []string{"stock_phrase", "low_overlap", "too_short"},
		},
		{
			name: "noise: ordered to fix by a deadline",
			in: Input{Request: reqNoise, Reply: "网友：您好！经调查核实，人民路128号烧烤店确实存在油烟直排和夜间噪音扰民的问题。" +
				"区城管执法局已于3月2日对该烧烤店下达整改通知书，责令其3月10日前安装油烟净化设备并在晚上十点后停止室外经营。" +
				"3月11日执法人员复查，该店已安装油烟净化设备，整改到位。"},
			min: GoodAt, max: 100, levels: []string{"good"},
			want: []string{"addresses_request", "concrete_action", "resolved", "investigated", "has_date"},
		},
		{
			name: "refund paid back",
			in: Input{Request: reqRefund, Reply: "您好，您反映的阳光幼儿园多收伙食费问题，区教育局已责令幼儿园清退。经核查，" +
				"该园本学期每月多收伙食费300元，已于1月15日全部退还给家长，家长表示满意。下一步我局将加强对民办幼儿园收费的日常检查。"},
			min: GoodAt, max: 100, levels: []string{"good"},
			want: []string{"concrete_action", "resolved", "has_date"},
		},
		{
			name: "pure stock phrases",
			in:   Input{Request: reqRoad, Reply: "您反映的问题我们高度重视，正在研究解决方案，将出方案。"},
			min:  0, max: FairAt - 1, levels: []string{"poor"},
			want: []string{"stock_phrase", "no_action", "too_short"},
			deny: []string{"concrete_action", "has_date"},
		},
		{
			name: "bare referral",
			in:   Input{Request: reqLamp, Reply: "网友您好，您反映的问题已转相关部门处理，请耐心等待。谢谢！2025年11月3日"},
			min:  0, max: FairAt - 1, levels: []string{"poor"},
			want: []string{"stock_phrase", "no_action", "too_short"},
			deny: []string{"has_date"},
		},
		{
			name: "acknowledgement only",
			in:   Input{Request: reqRoad, Reply: "网友：您好！留言已收悉"},
			min:  0, max: FairAt - 1, levels: []string{"poor"},
			want: []string{"too_short", "no_action"},
		},
		{
			name: "stock phrase beside concrete action and date",
			in: Input{Request: reqRoad, Reply: "您反映的滨江路与建设路交叉口路面塌陷问题，我局高度重视，正在研究排水改造方案。" +
				"目前已安排施工队清理积水并设置警示围挡，塌陷路面将于3月5日前完成修补。"},
			min: FairAt, max: 100, levels: []string{"fair", "good"},
			want: []string{"stock_phrase", "concrete_action", "has_date"},
		},
		{
			name: "unrelated reply",
			in: Input{Request: reqLamp, Reply: "您好！根据《城乡居民基本养老保险实施办法》第十二条规定，参保人员年满60周岁、" +
				"累计缴费满15年的，可以按月领取养老金。请携带身份证和户口簿到户籍所在地社保所办理。"},
			min: 0, max: 100,
			want: []string{"low_overlap"},
			deny: []string{"addresses_request"},
		},
		{
			name: "consultation answered with policy",
			in: Input{Request: "咨询灵活就业人员养老保险补缴问题\n我是灵活就业人员，中间断缴了两年养老保险，现在还能补缴吗？需要带什么材料？",
				Reply: "您好！根据《关于灵活就业人员参加基本养老保险有关问题的通知》规定，灵活就业人员中断缴费的，" +
					"可以按现行缴费基数补缴中断期间的养老保险费。补缴时请携带本人身份证到参保地社保经办窗口办理，一个工作日内可办结。"},
			min: FairAt, max: 100, levels: []string{"fair", "good"},
			want: []string{"explains", "addresses_request"},
			deny: []string{"low_overlap", "stock_phrase"},
		},
		{
			name: "promise without a time",
			in:   Input{Request: reqRoad, Reply: "您反映的滨江路路面塌陷积水问题已收悉，我们将积极协调相关单位尽快解决滨江路路面问题。"},
			min:  0, max: FairAt - 1, levels: []string{"poor"},
			want: []string{"no_time", "stock_phrase"},
			deny: []string{"concrete_action"},
		},
		{
			name: "full-width digits and punctuation",
			in: Input{Request: reqLamp, Reply: "您好！经现场核查，枫林路锦绣小区门口路灯线路老化。我局已于１１月２０日更换线路，" +
				"路灯已恢复正常，维修费用１２００元由市政养护经费承担。"},
			min: GoodAt, max: 100, levels: []string{"good"},
			want: []string{"concrete_action", "has_date", "resolved"},
		},
		{
			name: "a promised act is not an act",
			in:   Input{Request: reqNoise, Reply: "关于人民路烧烤店油烟噪音扰民问题，我局将责令该店整改，将依法处理。"},
			min:  0, max: FairAt - 1, levels: []string{"poor"},
			deny: []string{"concrete_action"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s := Assess(c.in)
			t.Logf("value %d %s: %s", s.Value, s.Level, codes(s))
			if s.Value < c.min || s.Value > c.max {
				t.Errorf("value %d, want %d..%d (reasons %s)", s.Value, c.min, c.max, codes(s))
			}
			if len(c.levels) > 0 && !contains(c.levels, s.Level) {
				t.Errorf("level %q, want one of %v (value %d, reasons %s)", s.Level, c.levels, s.Value, codes(s))
			}
			for _, w := range c.want {
				if !has(s, w) {
					t.Errorf("missing reason %s (have %s)", w, codes(s))
				}
			}
			for _, d := range c.deny {
				if has(s, d) {
					t.Errorf("unexpected reason %s (have %s)", d, codes(s))
				}
			}
			for _, r := range s.Reasons {
				if r.Message == "" || r.Delta == 0 {
					t.Errorf("reason %+v: want a message and a non-zero delta", r)
				}
			}
		})
	}
}

func contains(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

func TestLate(t *testing.T) {
	recv := time.Date(2025, 11, 3, 9, 0, 0, 0, time.UTC)
	due := recv.AddDate(0, 0, 10)
	base := Input{Request: reqLamp, ReceivedAt: recv, DueAt: due,
		Reply: "您好！经现场核查，枫林路锦绣小区门口路灯线路老化。我局已安排维修人员于11月20日更换线路，路灯已恢复正常。"}
	cases := []struct {
		name     string
		replied  time.Time
		wantLate bool
	}{
		{"on time", due.Add(-time.Hour), false},
		{"exactly due", due, false},
		{"unknown reply time", time.Time{}, false},
		{"two hours late", due.Add(2 * time.Hour), true},
		{"three days late", due.AddDate(0, 0, 3), true},
		{"a month late", due.AddDate(0, 1, 0), true},
	}
	onTime := Assess(base)
	prev := onTime.Value
	for _, c := range cases {
		in := base
		in.RepliedAt = c.replied
		s := Assess(in)
		if has(s, "late") != c.wantLate {
			t.Errorf("%s: late reason %v, want %v (%s)", c.name, has(s, "late"), c.wantLate, codes(s))
		}
		if !c.wantLate {
			if s.Value != onTime.Value {
				t.Errorf("%s: value %d, want %d as on time", c.name, s.Value, onTime.Value)
			}
			continue
		}
		if s.Value >= onTime.Value || s.Value > prev {
			t.Errorf("%s: value %d, want below on-time %d and not above the less late %d", c.name, s.Value, onTime.Value, prev)
		}
		prev = s.Value
	}
	// No deadline: the signal is off whatever the reply time.
	in := base
	in.DueAt, in.RepliedAt = time.Time{}, recv.AddDate(1, 0, 0)
	if s := Assess(in); has(s, "late") {
		t.Errorf("no deadline: got late reason")
	}
}

func TestSignatureDateIsNotADate(t *testing.T) {
	s := Assess(Input{Request: reqRoad, Reply: "您好，您的留言已收悉。滨江路的问题已转交区住建局处理。2025年11月5日"})
	if has(s, "has_date") {
		t.Errorf("signature date counted as has_date: %+v", s.Reasons)
	}
	s = Assess(Input{Request: reqRoad, Reply: "您于2025年11月1日在平台的留言收悉，滨江路的问题已转交区住建局处理。"})
	if has(s, "has_date") {
		t.Errorf("date of the citizen's message counted as has_date: %+v", s.Reasons)
	}
}

func TestEchoedTitleDoesNotCount(t *testing.T) {
	s := Assess(Input{Request: reqLamp, Reply: "您反映的“A3区枫林路路灯不亮”的问题已收悉，已转交相关部门处理。"})
	if has(s, "addresses_request") {
		t.Errorf("an echoed title counted as addressing the request: %+v", s.Reasons)
	}
}

func TestEmptyAndOddInputs(t *testing.T) {
	inputs := []Input{
		{},
		{Request: reqLamp},
		{Reply: "已收悉"},
		{Request: "\n", Reply: "\n\n"},
		{Request: "   ", Reply: "。。。！！！，，，"},
		{Request: "\xff\xfe\xfd", Reply: "\xe4\xbd"},
		{Request: "a", Reply: "1"},
		{Request: "路灯", Reply: "“”《》【】（）「」‘’"},
		{Request: reqLamp, Reply: strings.Repeat("已安排维修。", 2000)},
		{Request: reqLamp, Reply: "２０２５年１１月２０日", RepliedAt: time.Now(), DueAt: time.Now().Add(-24 * time.Hour)},
	}
	for i, in := range inputs {
		s := Assess(in)
		checkScore(t, i, s)
	}
	if s := Assess(Input{}); s.Level != "poor" {
		t.Errorf("empty input: level %q, want poor", s.Level)
	}
}

// checkScore asserts the invariants every score keeps.
func checkScore(t *testing.T, i int, s Score) {
	t.Helper()
	if s.Value < 0 || s.Value > 100 {
		t.Errorf("input %d: value %d out of 0..100", i, s.Value)
	}
	want := "poor"
	switch {
	case s.Value >= GoodAt:
		want = "good"
	case s.Value >= FairAt:
		want = "fair"
	}
	if s.Level != want {
		t.Errorf("input %d: level %q for value %d, want %q", i, s.Level, s.Value, want)
	}
	seenPositive := false
	for _, r := range s.Reasons {
		if r.Delta > 0 {
			seenPositive = true
		} else if seenPositive {
			t.Errorf("input %d: negative reason %s after a positive one", i, r.Code)
		}
	}
}

// TestRandomInputs throws random mixtures of the words the signals look for
// at Assess: the value stays in range and the same input scores the same.
func TestRandomInputs(t *testing.T) {
	words := []string{"已安排", "维修", "高度重视", "正在研究", "将出方案", "11月20日", "３月５日前", "三个工作日内",
		"，", "。", "！", "“", "”", "《办法》", "第三条", "经查", "属实", "已解决", "路灯", "噪音", "烧烤", "\n", " ", "\xff",
		"尽快", "将", "责令", "已转交", "市民", "反映", "问题", "您好", "2025年1月2日", "200元", "1、", "2、", "uu008"}
	rng := rand.New(rand.NewPCG(7, 11))
	text := func() string {
		var b strings.Builder
		for n := rng.IntN(40); n > 0; n-- {
			b.WriteString(words[rng.IntN(len(words))])
		}
		return b.String()
	}
	t0 := time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < 300; i++ {
		in := Input{Request: text(), Reply: text()}
		if rng.IntN(2) == 0 {
			in.RepliedAt, in.DueAt = t0.Add(time.Duration(rng.IntN(1000))*time.Hour), t0.Add(time.Duration(rng.IntN(1000))*time.Hour)
		}
		s := Assess(in)
		checkScore(t, i, s)
		if again := Assess(in); !reflect.DeepEqual(s, again) {
			t.Fatalf("input %d: not deterministic:\n%+v\n%+v", i, s, again)
		}
	}
}

func FuzzAssess(f *testing.F) {
	f.Add(reqLamp, "您反映的问题我们高度重视，正在研究解决方案，将出方案。")
	f.Add("", "")
	f.Add("\xff", "１１月２０日前")
	f.Fuzz(func(t *testing.T, req, reply string) {
		checkScore(t, 0, Assess(Input{Request: req, Reply: reply}))
	})
}
