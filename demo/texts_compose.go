package demo

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"minsheng"
)

// Length limits the generated texts keep, well inside the domain's.
const (
	minTitle, maxTitle     = 10, 25
	minContent, maxContent = 40, 300
)

// mdate writes a date the way requests and replies do: 3月12日.
func mdate(t time.Time) string {
	_, m, d := t.In(cst).Date()
	return strconv.Itoa(int(m)) + "月" + strconv.Itoa(d) + "日"
}

// vars starts the slot values of one request at a place; orig is the date
// of the earlier call a repeat refers to.
func (g *Generator) vars(pl *place, at, orig time.Time) vars {
	return vars{r: g.r, pl: pl, at: at, orig: orig}
}

// voice says who speaks in a channel's record of a consultation.
func voice(ch minsheng.Channel) string {
	switch ch {
	case "phone":
		return "来电人"
	case "field":
		return "居民"
	case "media":
		return "读者"
	case "petition":
		return "信访人"
	case "department":
		return "市民"
	}
	return "留言人"
}

// opener returns how the channel's record of a request begins.
func (g *Generator) opener(ch minsheng.Channel) string {
	switch ch {
	case "phone":
		return pick(g.r, openPhone)
	case "field":
		return pick(g.r, openField)
	case "media":
		return pick(g.r, openMedia)
	case "petition":
		return pick(g.r, openPetit)
	case "department":
		return pick(g.r, openDept)
	}
	return pick(g.r, openWeb)
}

// firstPerson reports whether citizens write the channel's texts themselves.
func firstPerson(ch minsheng.Channel) bool {
	switch ch {
	case "web", "mobile", "message_board", "mailbox":
		return true
	}
	return false
}

// compose writes the title and content of a request.
func (g *Generator) compose(m *memo, v *vars, link int) (title, content string) {
	var b strings.Builder
	b.Grow(512)
	if m.prob == nil {
		k := &knowledge[m.kb]
		ask := k.asks[m.say]
		if m.channel != "phone" {
			b.WriteString(pick(g.r, askOpeners))
			ask = strings.ReplaceAll(ask, "来电人", voice(m.channel))
		}
		b.WriteString(ask)
		f := g.r.IntN(len(followUps))
		b.WriteString(followUps[f])
		if chance(g.r, 0.3) {
			b.WriteString(followUps[(f+1+g.r.IntN(len(followUps)-1))%len(followUps)])
		}
		return g.fitTitle(k.title, m), g.finish(g.fitContent(b.String(), 0), m.channel)
	}
	p := m.prob
	switch {
	case link != linkRepeat:
		b.WriteString(g.opener(m.channel))
	case firstPerson(m.channel):
		b.WriteString(g.opener(m.channel))
		v.expand(&b, pick(g.r, repeatWeb))
	default:
		v.expand(&b, strings.ReplaceAll(pick(g.r, repeatPhone), "来电人", voice(m.channel)))
	}
	if m.reworded {
		v.expand(&b, paraphrase.Replace(p.says[m.say]))
	} else {
		v.expand(&b, p.says[m.say])
	}
	base := b.Len()
	if len(p.more) > 0 && chance(g.r, 0.55) {
		k := g.r.IntN(len(p.more))
		v.expand(&b, p.more[k])
		if len(p.more) > 1 && firstPerson(m.channel) && chance(g.r, 0.4) {
			v.expand(&b, p.more[(k+1)%len(p.more)])
		}
	}
	if chance(g.r, 0.25) {
		b.WriteString(pick(g.r, tries))
		b.WriteString("。")
	}
	if len(p.wants) > 0 && chance(g.r, 0.5) {
		v.expand(&b, pick(g.r, p.wants))
	} else {
		b.WriteString(pick(g.r, demands))
	}
	if firstPerson(m.channel) && chance(g.r, 0.3) {
		b.WriteString(pick(g.r, closings))
	}
	// Agents title a case by its particular problem, sometimes only by its kind.
	title = p.titles[0]
	if 1+m.say < len(p.titles) && chance(g.r, 0.65) {
		title = p.titles[1+m.say]
	}
	title = v.fill(title)
	if link == linkRepeat && chance(g.r, 0.5) {
		if strings.HasPrefix(title, "反映") {
			title = "再次" + title
		} else {
			title = "再次反映" + title
		}
	}
	return g.fitTitle(title, m), g.finish(g.fitContent(b.String(), base), m.channel)
}

// fitContent keeps a content between minContent and maxContent-2
// characters (finish may add two): a long one keeps only its first base
// bytes, the opener and the problem, and a demand; a short one gets what the
// citizen already tried.
func (g *Generator) fitContent(s string, base int) string {
	n := utf8.RuneCountInString(s)
	if n > maxContent-2 && base > 0 {
		s = s[:base] + pick(g.r, demands)
		n = utf8.RuneCountInString(s)
	}
	for n < minContent {
		s += pick(g.r, tries) + "，" + pick(g.r, demands)
		n = utf8.RuneCountInString(s)
	}
	return s
}

// finish gives texts typed by citizens their looser punctuation.
func (g *Generator) finish(s string, ch minsheng.Channel) string {
	if !firstPerson(ch) {
		return s
	}
	switch x := g.r.Float64(); {
	case x < 0.12:
		s = strings.ReplaceAll(s, "，", ",")
	case x < 0.2 && strings.HasSuffix(s, "。"):
		s = strings.TrimSuffix(s, "。") + "！！"
	case x < 0.25:
		s = strings.ReplaceAll(s, "。", "，") + "谢谢"
	}
	return s
}

// fitTitle keeps a title between minTitle and maxTitle characters.
func (g *Generator) fitTitle(t string, m *memo) string {
	n := utf8.RuneCountInString(t)
	if n < minTitle && m.pl.kind != placeNone {
		t = districts[m.pl.d].name + t
		n = utf8.RuneCountInString(t)
	}
	if n < minTitle {
		t = "市民" + t
		n = utf8.RuneCountInString(t)
	}
	if n < minTitle {
		t += "相关问题"
		n = utf8.RuneCountInString(t)
	}
	if n > maxTitle {
		r := []rune(t)
		t = string(r[:maxTitle])
	}
	return t
}

// directAnswer is what an agent tells a caller from an article: its title
// and the first sentences of its body.
func directAnswer(a ArticleSeed) string {
	body := a.Body
	if n := strings.Index(body, "。"); n > 0 {
		cut := n + len("。")
		if m := strings.Index(body[cut:], "。"); m > 0 && utf8.RuneCountInString(body[:cut+m]) < 150 {
			cut += m + len("。")
		}
		body = body[:cut]
	}
	return "已根据知识库《" + a.Title + "》向市民解答：" + body
}
