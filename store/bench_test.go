package store

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"minsheng"
)

// BenchmarkCreateCase measures intake through the batching writer with many
// concurrent callers, without HTTP.
func BenchmarkCreateCase(b *testing.B) {
	s, err := Open(context.Background(), "sqlite:"+filepath.Join(b.TempDir(), "b.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	if err := s.Migrate(context.Background()); err != nil {
		b.Fatal(err)
	}
	t := &testing.T{}
	f := newFixture(t, s)
	b.SetParallelism(32)
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			i++
			c := &minsheng.Case{Channel: "phone", Title: "小区供暖温度不达标",
				Content: fmt.Sprintf("幸福里小区%d号楼供暖温度只有14度，已经一周了，请供热公司尽快处理。家里有老人和小孩，晚上特别冷，希望相关部门尽快派人上门检修管道。", i),
				Citizen: minsheng.Citizen{Name: "李四", Phone: "13900001234"}, Address: "幸福里小区3号楼"}
			if _, err := s.CreateCase(context.Background(), c, f.agent, ""); err != nil {
				b.Fatal(err)
			}
		}
	})
}
