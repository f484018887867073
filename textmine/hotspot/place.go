package hotspot

import (
	"regexp"
	"strings"
	"unicode"
)

// districtCode matches the district or county a request names: the
// anonymised codes of the shared data (A3区, K4县, A市) and Chinese names
// of two or three characters before 区, 县 or 市 (东港区, 浏阳市).
var districtCode = regexp.MustCompile(`[A-Z]\d*[区县市]|\p{Han}{2,3}[区县]`)

// spotSuffixes end the name of a place a request is about, longest first
// so that 新城 wins over 城. Administrative units (街道, 社区, 镇, 乡) are
// kept only when no finer place follows them.
var spotSuffixes = []string{"幼儿园", "小区", "花园", "家园", "新城", "新村", "公寓", "大厦", "广场", "市场", "大道",
	"学校", "学院", "大学", "中学", "小学", "医院", "公司", "工地", "宿舍", "名邸", "嘉园", "国际", "公馆",
	"街道", "社区", "苑", "村", "镇", "乡", "路", "街", "湖", "站", "园", "府"}

// notDistricts end words that look like a district name but name a part
// of a place (魅力之城小区, 丽发新城社区, 校区, 景区).
var notDistricts = []string{"小区", "社区", "园区", "片区", "景区", "城区", "街区", "校区", "厂区", "营区", "专区", "服务区"}

// findDistricts returns where text names districts, leaving out the words
// that only look like one.
func findDistricts(text string) [][]int {
	var out [][]int
	for _, l := range districtCode.FindAllStringIndex(text, -1) {
		m, skip := text[l[0]:l[1]], false
		for _, w := range notDistricts {
			skip = skip || strings.HasSuffix(m, w)
		}
		if !skip {
			out = append(out, l)
		}
	}
	return out
}

// cityOnly matches the code of the city itself, which has no number.
var cityOnly = regexp.MustCompile(`^[A-Z]市$`)

// leadWords open a title before the place it names (投诉A2区…).
var leadWords = []string{"投诉", "反映", "关于", "请问", "咨询", "举报", "建议", "希望", "要求", "请求"}

// adminSuffix marks the suffixes of administrative units.
var adminSuffix = map[string]bool{"街道": true, "社区": true, "镇": true, "乡": true}

// spotWindow is how far after a district (or the text's start) a place
// name may end, in characters: names are short, and a suffix found further
// on belongs to the complaint, not the place.
const spotWindow = 12

// Place returns where a request is, as "district" or "district spot"
// (A5区 魅力之城小区, 东港区 渔港新村), from an address or from the text
// itself; "" when it names neither. It needs no gazetteer: a district is a
// code or a name ending in 区/县, a spot the shortest run of characters
// after it that ends in a place word (小区, 花园, 路…).
func Place(text string) string {
	text = strings.TrimSpace(text)
	locs := findDistricts(text)
	district, rest := "", text
	// The last district code of the first run of codes (A市A5区 → A5区)
	// is the most specific one.
	for i, l := range locs {
		if i > 0 && l[0] != locs[i-1][1] {
			break
		}
		district, rest = text[l[0]:l[1]], text[l[1]:]
	}
	if cityOnly.MatchString(district) {
		// The city itself (A市) says nothing about where in it.
		district = ""
	}
	if district == "" {
		return spot(rest)
	}
	if s := spot(rest); s != "" {
		return district + " " + s
	}
	return district
}

// spot finds the place name at the start of text (see Place). After an
// administrative unit (街道, 社区) a finer place is taken only when its
// name follows at once and ends in a place word of two characters
// (海滨街道渔港新村); …社区搅拌站 stays the community.
func spot(text string) string {
	runes := []rune(text)
	start, found := 0, ""
	for start < len(runes) {
		name, end := spotAt(runes, start)
		if end < 0 || found != "" && (end-len([]rune(name)) != start || len([]rune(lastSuffix(name))) < 2) {
			break
		}
		found = name
		if !adminSuffix[lastSuffix(name)] {
			break
		}
		start = end
	}
	return found
}

// spotAt finds the first place suffix within spotWindow characters of
// from, extends it over suffixes that follow at once (新城小区), and
// returns the name and where it ends; end is -1 when there is none. Only
// two-character suffixes extend a name (枫林路 stays itself before 路灯). The
// name may not cross punctuation or start with a function word.
func spotAt(runes []rune, from int) (string, int) {
	limit := min(len(runes), from+spotWindow)
	for i := from; i < limit; i++ {
		if !unicode.Is(unicode.Han, runes[i]) && !unicode.IsDigit(runes[i]) && !unicode.IsLetter(runes[i]) {
			from = i + 1
			continue
		}
		if suf := suffixAt(runes, i); suf > 0 && i > from {
			end := i + suf
			for more := suffixAt(runes, end); more > 1; more = suffixAt(runes, end) {
				end += more
			}
			name := string(runes[from:end])
			for _, w := range leadWords {
				name = strings.TrimPrefix(name, w)
			}
			if len([]rune(name)) < 2 {
				return "", -1
			}
			return name, end
		}
	}
	return "", -1
}

// suffixAt returns the length in characters of the place suffix starting
// at runes[i], 0 when none does.
func suffixAt(runes []rune, i int) int {
	for _, s := range spotSuffixes {
		rs := []rune(s)
		if i+len(rs) <= len(runes) && string(runes[i:i+len(rs)]) == s {
			return len(rs)
		}
	}
	return 0
}

// lastSuffix returns the place suffix a name ends with.
func lastSuffix(name string) string {
	for _, s := range spotSuffixes {
		if strings.HasSuffix(name, s) {
			return s
		}
	}
	return ""
}

// samePlace scores two places for clustering: 1 when either is unknown or
// they agree, less when they are known to differ — at the spot more than
// at the district, since two estates of one district are different things.
func samePlace(a, b string) float64 {
	if a == "" || b == "" || a == b {
		return 1
	}
	da, sa := splitPlace(a)
	db, sb := splitPlace(b)
	if da != "" && db != "" && da != db {
		return 0.3
	}
	// One name inside the other (丽发新城, 丽发新城小区) is one place.
	if sa != "" && sb != "" && !strings.Contains(sa, sb) && !strings.Contains(sb, sa) {
		return 0.5
	}
	return 1
}

// splitPlace undoes Place: the district and the spot, either may be "".
func splitPlace(p string) (district, spot string) {
	if d, s, ok := strings.Cut(p, " "); ok {
		return d, s
	}
	if locs := findDistricts(p); len(locs) == 1 && locs[0][0] == 0 && locs[0][1] == len(p) {
		return p, ""
	}
	return "", p
}
