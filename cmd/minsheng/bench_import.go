package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"minsheng/demo"
	"minsheng/importer"
	"minsheng/service"
)

// benchImport writes a message-board export of realistic generated
// messages and imports it with --commit into a fresh database: the figure
// is rows per second over the whole import (checking and writing).
func benchImport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("bench import", flag.ContinueOnError)
	def, cleanup := tempDB()
	defer cleanup()
	dbURL := fs.String("db", def, "database (default: a fresh temporary SQLite file)")
	n := fs.Int("rows", 1000000, "rows in the file")
	chunk := fs.Int("chunk", 0, "rows per transaction (default: the importer's)")
	profile := fs.String("cpuprofile", "", "write a CPU profile of the import to this file")
	if err := fs.Parse(args); err != nil {
		return err
	}
	dir, err := os.MkdirTemp("", "minsheng-bench-import-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "留言板.csv")
	if err := writeBoardExport(path, *n); err != nil {
		return err
	}
	fi, _ := os.Stat(path)
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := demo.SeedCity(ctx, st, demo.NewCity()); err != nil {
		return err
	}
	u, err := st.UserByName(ctx, "dispatcher")
	if err != nil {
		return err
	}
	stop, err := startProfile(*profile)
	if err != nil {
		return err
	}
	defer stop()
	phases := map[string]time.Time{}
	var bar *progress
	o := importer.Options{Path: path, Source: "留言板", Channel: "message_board", Commit: true, Chunk: *chunk,
		Progress: func(phase string, done, total int) {
			if _, ok := phases[phase]; !ok {
				if bar != nil {
					bar.done()
				}
				phases[phase], bar = time.Now(), newProgress(phase, total)
			}
			bar.set(done)
		}}
	start := time.Now()
	rep, err := importer.Run(ctx, service.New(st, nil, quietLogger()), u, o)
	if bar != nil {
		bar.done()
	}
	if err != nil {
		return err
	}
	total := time.Since(start)
	if rep.Created != *n {
		return fmt.Errorf("%d rows but %d cases created (%d rejected)", *n, rep.Created, rep.Rejected)
	}
	check := phases["writing"].Sub(phases["checking"])
	write := total - check
	// Search finds the imported cases at once, reading those the full-text
	// index does not hold yet one by one; index_s is how long the index
	// then takes to catch up (SQLite; PostgreSQL indexes with the row).
	fmt.Println("search index: catching up with the imported cases…")
	indexed := time.Now()
	if err := indexAll(ctx, st); err != nil {
		return err
	}
	fmt.Printf("rows=%d file_mb=%.0f seconds=%.1f rows_per_s=%.0f check_s=%.1f write_s=%.1f write_rows_per_s=%.0f chunks=%d index_s=%.1f db=%s\n",
		*n, float64(fi.Size())/(1<<20), total.Seconds(), float64(*n)/total.Seconds(), check.Seconds(), write.Seconds(),
		float64(*n)/write.Seconds(), rep.Chunks, time.Since(indexed).Seconds(), st.Dialect())
	return nil
}

// writeBoardExport writes n generated messages as a message board exports
// them: UTF-8 with a byte-order mark, its own numbers and headers.
func writeBoardExport(path string, n int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	defer f.Close()
	bw := bufio.NewWriterSize(f, 1<<20)
	bw.WriteString("\uFEFF")
	w := csv.NewWriter(bw)
	w.Write([]string{"留言编号", "留言用户", "联系电话", "留言主题", "留言时间", "留言详情", "地点"})
	gen := demo.NewGenerator(demo.NewCity(), 42, time.Now().Add(-time.Hour), 365*24*time.Hour)
	gen.SetTotal(n)
	for i := range n {
		cs := gen.Next()
		w.Write([]string{strconv.Itoa(100000 + i), cs.Citizen.Name, cs.Citizen.Phone, cs.Title,
			cs.At.Format(time.DateTime), cs.Content, cs.Address})
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	return bw.Flush()
}
