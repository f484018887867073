package store

import (
	"slices"
	"strings"
	"testing"
)

// TestSearchGramsMatchTokens holds PostgreSQL's grams and SQLite's index
// text to the same tokens.
func TestSearchGramsMatchTokens(t *testing.T) {
	for _, text := range []string{
		"", "供暖", "幸福里小区3号楼供暖温度只有14度，已经一周了。", "ABC公司 abc 施工噪音!!", "a", "路,灯 不亮",
		"全角ＡＢＣ与半角abc混排：１２３号", "🙂表情符号🙂后面", "x1y2 中文 3号楼\n第二行",
	} {
		uni, bi := searchTokens(text)
		set := slices.Compact(slices.Sorted(slices.Values(append(uni, bi...))))
		if got := searchGrams(text); !slices.Equal(got, set) {
			t.Errorf("%q: grams %q, want %q", text, got, set)
		}
		if got := slices.Compact(slices.Sorted(slices.Values(strings.Fields(indexText(text))))); !slices.Equal(got, set) {
			t.Errorf("%q: index text holds %q, want %q", text, got, set)
		}
	}
}

// searchTokens is the plain reference the one-pass tokenizers are checked against.
func searchTokens(text string) (uni, bi []string) {
	seen := map[string]bool{}
	for _, run := range searchRuns(text) {
		for i, u := range run {
			if !seen[u] {
				seen[u] = true
				uni = append(uni, u)
			}
			if i > 0 {
				bi = append(bi, run[i-1]+u)
			}
		}
	}
	return uni, bi
}
