package dupetest

import (
	"math/rand/v2"
	"strings"
	"unicode"
)

// Kinds returns the edit kinds Edit knows, in a stable order for reports.
// Each imitates how a duplicate request really arises: an exact re-post in
// another channel; a caller retelling the problem (a sentence dropped or
// moved, other words, mis-heard characters); an operator's framing (a
// prefix like 市民反映：, a closing plea); re-typed numbers and
// punctuation; a text cut off at 70%; several light edits at once (combo);
// and a heavy retelling, cut short, reworded and mis-typed, that lies near
// any sensible threshold and shows what a threshold gives up.
func Kinds() []string {
	return []string{"exact", "drop", "swap", "synonym", "typo", "affix", "digits_punct", "truncate", "combo", "heavy"}
}

// Edit returns text changed as kind says, and false when the text does not
// allow that edit (too few sentences, no synonym found) or kind is unknown.
func Edit(kind, text string, rng *rand.Rand) (string, bool) {
	switch kind {
	case "exact":
		return text, true
	case "drop":
		return dropSentence(text, rng)
	case "swap":
		return swapSentences(text, rng)
	case "synonym":
		return synonyms(text, rng, 6)
	case "typo":
		return typos(text, rng), true
	case "affix":
		return affix(text, rng), true
	case "digits_punct":
		return digitsPunct(text, rng), true
	case "truncate":
		r := []rune(text)
		return string(r[:len(r)*7/10]), len(r) >= 10
	case "combo":
		t, _ := synonyms(text, rng, 3)
		return affix(digitsPunct(t, rng), rng), true
	case "heavy":
		r := []rune(text)
		t, _ := synonyms(string(r[:len(r)*8/10]), rng, 6)
		if d, ok := dropSentence(t, rng); ok {
			t = d
		}
		return affix(typos(t, rng), rng), len(r) >= 10
	}
	return "", false
}

// sentences splits text after each sentence-ending mark, keeping the marks.
func sentences(text string) []string {
	var out []string
	start := 0
	for i, r := range text {
		if strings.ContainsRune("。！？!?；;\n", r) {
			end := i + len(string(r))
			out = append(out, text[start:end])
			start = end
		}
	}
	if strings.TrimSpace(text[start:]) != "" {
		out = append(out, text[start:])
	}
	return out
}

// dropSentence removes one sentence of at most a third of the text, as a
// caller who leaves out a detail.
func dropSentence(text string, rng *rand.Rand) (string, bool) {
	ss := sentences(text)
	total := len([]rune(text))
	var ok []int
	for i, s := range ss {
		if len(ss) > 1 && len([]rune(s))*3 <= total {
			ok = append(ok, i)
		}
	}
	if len(ok) == 0 {
		return "", false
	}
	i := ok[rng.IntN(len(ok))]
	return strings.Join(append(ss[:i:i], ss[i+1:]...), ""), true
}

// swapSentences exchanges two neighbouring sentences.
func swapSentences(text string, rng *rand.Rand) (string, bool) {
	ss := sentences(text)
	if len(ss) < 2 {
		return "", false
	}
	i := rng.IntN(len(ss) - 1)
	ss[i], ss[i+1] = ss[i+1], ss[i]
	return strings.Join(ss, ""), true
}

// synonyms replaces up to limit words by near-synonyms, as a second caller
// describing the same problem in other words.
func synonyms(text string, rng *rand.Rand, limit int) (string, bool) {
	n := 0
	for _, i := range rng.Perm(len(synonymPairs)) {
		p := synonymPairs[i]
		from, to := p[0], p[1]
		if rng.IntN(2) == 0 {
			from, to = to, from
		}
		if n < limit && strings.Contains(text, from) {
			text = strings.Replace(text, from, to, 1)
			n++
		}
	}
	return text, n > 0
}

// typos replaces about 3% of the Chinese characters (at least one) by
// others, as a hotline operator mis-hearing or mis-typing a caller.
func typos(text string, rng *rand.Rand) string {
	r := []rune(text)
	var han []int
	for i, c := range r {
		if unicode.Is(unicode.Han, c) {
			han = append(han, i)
		}
	}
	pool := []rune(typoPool)
	for n := max(1, len(han)*3/100); n > 0 && len(han) > 0; n-- {
		r[han[rng.IntN(len(han))]] = pool[rng.IntN(len(pool))]
	}
	return string(r)
}

// affix adds an operator's or caller's framing at the start, the end or
// both.
func affix(text string, rng *rand.Rand) string {
	switch rng.IntN(3) {
	case 0:
		return pick(rng, prefixes) + text
	case 1:
		return text + pick(rng, suffixes)
	}
	return pick(rng, prefixes) + text + pick(rng, suffixes)
}

// digitsPunct re-types numbers and punctuation: each digit changes with
// probability 1/2, full-width marks become half-width or vanish, and
// spaces appear, as text copied between systems.
func digitsPunct(text string, rng *rand.Rand) string {
	var b strings.Builder
	for _, c := range text {
		switch {
		case c >= '0' && c <= '9' && rng.IntN(2) == 0:
			c = '0' + rune(rng.IntN(10))
		case c >= '０' && c <= '９':
			c = '0' + rune(rng.IntN(10))
		case unicode.IsPunct(c):
			switch rng.IntN(3) {
			case 0:
				continue
			case 1:
				if c >= 0xFF01 && c <= 0xFF5E {
					c -= 0xFEE0
				}
				b.WriteRune(c)
				c = ' '
			}
		}
		b.WriteRune(c)
	}
	return b.String()
}

var (
	prefixes = []string{"市民反映：", "我要投诉：", "来电人反映：", "网友留言：", "您好，", "紧急求助！", "再次反映："}
	suffixes = []string{"请尽快处理！谢谢", "望领导重视，谢谢！", "盼复。", "请给予答复。", "谢谢！", "以上情况属实。"}
	typoPool = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处队南给色光门即保治北造百规热领七海口东导器压志世金增争济阶油思术极交受联什认六共权收证改清己美再采转更单风切打白教速花带安场身车例真务具万每目至达走积示议声报斗完类八离华名确才科张信马节话米整空元况今集温传土许步群广石记需段研界拉林律叫且究观越织装影算低持音众书布复容儿须际商非验连断深难近矿千周委素技备半办青省列习响约支般史感劳便团往酸历市克何除消构府称太准精值号率族维划选标写存候毛亲快效斯院查江型眼王按格养易置派层片始却专状育厂京识适属圆包火住调满县局照参红细引听该铁价严龙飞"
	// synonymPairs are near-synonyms common in requests; Edit uses them in
	// either direction.
	synonymPairs = [][2]string{
		{"小区", "社区"}, {"居民", "住户"}, {"业主", "房主"}, {"噪音", "噪声"}, {"严重", "厉害"},
		{"希望", "恳请"}, {"尽快", "早日"}, {"解决", "处理"}, {"政府", "有关部门"}, {"现在", "目前"},
		{"非常", "十分"}, {"已经", "早已"}, {"没有", "未"}, {"问题", "情况"}, {"附近", "周边"},
		{"马路", "道路"}, {"孩子", "小孩"}, {"垃圾", "废弃物"}, {"请问", "想问一下"}, {"投诉", "举报"},
		{"晚上", "夜间"}, {"每天", "天天"}, {"影响", "干扰"}, {"多次", "反复"}, {"至今", "到现在"},
		{"要求", "请求"}, {"相关", "有关"}, {"施工", "作业"}, {"咨询", "询问"}, {"办理", "处理"},
		{"领导", "负责人"}, {"反映", "反应"}, {"工作人员", "工作者"}, {"学生", "学子"}, {"老人", "老年人"},
	}
)
