package importer

import (
	"testing"
	"time"
)

// TestChunkSizer follows the size of the next chunk through chunks that
// were written fast, slowly and at the target; a size given in the options
// never changes.
func TestChunkSizer(t *testing.T) {
	z := newChunkSizer(0)
	steps := []struct {
		took time.Duration
		want int
	}{
		{chunkTarget / 10, 2 * minChunk}, // fast: at most doubles
		{chunkTarget / 10, 4 * minChunk}, // again
		{chunkTarget / 2, 8 * minChunk},  // half the target: doubles
		{chunkTarget / 100, maxChunk},    // never above the most
		{chunkTarget, maxChunk},          // on target: stays
		{2 * chunkTarget, maxChunk / 2},  // twice the target: halves
		{100 * chunkTarget, minChunk},    // never below the least
		{chunkTarget * 3 / 2, minChunk},  // slow at the least: stays
	}
	for i, s := range steps {
		z.wrote(z.next(), s.took)
		if got := z.next(); got != s.want {
			t.Fatalf("step %d: a chunk that took %v leads to %d rows, want %d", i, s.took, got, s.want)
		}
	}
	fixed := newChunkSizer(150)
	fixed.wrote(150, time.Millisecond)
	if fixed.next() != 150 {
		t.Fatalf("a given chunk size changed to %d", fixed.next())
	}
}
