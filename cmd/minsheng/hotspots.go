package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"

	"minsheng/textmine/hotspot"
)

// runHotspots implements `minsheng hotspots --data FILE [--top N]`: it
// groups the messages of a CSV in the shared hot-messages format
// (id,user,subject,time,detail,likes,dislikes) into topics and prints the
// hottest. The last line is `messages=… topics=… seconds=…`.
func runHotspots(args []string) error {
	fs := flag.NewFlagSet("hotspots", flag.ContinueOnError)
	data := fs.String("data", "", "CSV of messages (header id,user,subject,time,detail,likes,dislikes), UTF-8 or GB18030")
	top := fs.Int("top", 10, "topics to print")
	threshold := fs.Float64("threshold", 0, "least similarity to join a topic (0: the default, 0.25)")
	if err := fs.Parse(args); err != nil {
		return fmt.Errorf("hotspots: %w", err)
	}
	if *data == "" || *top <= 0 || *threshold < 0 || *threshold >= 1 {
		return errors.New("hotspots: --data is required; --top must be positive and --threshold in [0, 1)")
	}
	docs, err := readHotMessages(*data)
	if err != nil {
		return fmt.Errorf("hotspots: %w", err)
	}
	start := time.Now()
	all := hotspot.Find(docs, hotspot.Options{Threshold: *threshold, Top: -1})
	took := time.Since(start)
	printTopics(os.Stdout, all[:min(*top, len(all))])
	fmt.Printf("messages=%d topics=%d seconds=%.2f\n", len(docs), len(all), took.Seconds())
	return nil
}

// printTopics prints one line per topic: rank, heat, counts, dates, place
// and key terms, and the most typical title.
func printTopics(w io.Writer, ts []hotspot.Topic) {
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "rank\theat\tcount\tcitizens\tlikes\tfrom\tto\tplace\tterms\texample")
	for _, t := range ts {
		fmt.Fprintf(tw, "%d\t%.1f\t%d\t%d\t%d\t%s\t%s\t%s\t%s\t%s\n", t.Rank, t.Heat, t.Count, t.Citizens, t.Likes,
			t.First.Format("2006-01-02"), t.Last.Format("2006-01-02"), dash(t.Place), strings.Join(t.Terms, "、"), t.Example)
	}
	tw.Flush()
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// readHotMessages reads the messages CSV. The shared data is UTF-8; a file
// that is not is read as GB18030, the encoding Chinese spreadsheets save.
func readHotMessages(path string) ([]hotspot.Doc, error) {
	raw, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	if !utf8.Valid(raw) {
		if raw, err = simplifiedchinese.GB18030.NewDecoder().Bytes(raw); err != nil {
			return nil, fmt.Errorf("%s is neither UTF-8 nor GB18030: %w", path, err)
		}
	}
	r := csv.NewReader(bytes.NewReader(raw))
	r.FieldsPerRecord = -1
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, need := range []string{"id", "user", "subject", "time", "detail"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("%s: no column %q in the header", path, need)
		}
	}
	cst := time.FixedZone("CST", 8*3600)
	var docs []hotspot.Doc
	for line := 2; ; line++ {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		get := func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		id, err := strconv.ParseInt(get("id"), 10, 64)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: id %q is not a number", path, line, get("id"))
		}
		at, err := time.ParseInLocation("2006-01-02 15:04:05", get("time"), cst)
		if err != nil {
			return nil, fmt.Errorf("%s line %d: time %q is not YYYY-MM-DD HH:MM:SS", path, line, get("time"))
		}
		likes := 0
		if s := get("likes"); s != "" {
			if likes, err = strconv.Atoi(s); err != nil || likes < 0 {
				return nil, fmt.Errorf("%s line %d: likes %q is not a count", path, line, s)
			}
		}
		docs = append(docs, hotspot.Doc{ID: id, Title: get("subject"), Text: get("detail"), At: at,
			Citizen: get("user"), Likes: likes})
	}
	return docs, nil
}
