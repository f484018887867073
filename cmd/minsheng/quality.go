package main

import (
	"cmp"
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"
	"time"

	"minsheng/textmine/quality"
)

// runQuality implements `minsheng quality eval --data FILE [--examples N]
// [--due-days N]`: it scores every reply in a CSV of the shared replies
// format (id,user,subject,time,detail,reply,reply_time) and prints the
// distribution, how often each reason fires and the lowest and highest
// scoring examples. Its last line is `replies=… mean=… poor=…% fair=…%
// good=…%`. The data has no deadlines; --due-days sets one that many
// calendar days after receipt, to exercise the late signal.
func runQuality(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "eval" {
		return errors.New("quality: usage: minsheng quality eval --data FILE [--examples N] [--due-days N]")
	}
	fs := flag.NewFlagSet("quality eval", flag.ContinueOnError)
	data := fs.String("data", "", "CSV of replies (header id,user,subject,time,detail,reply,reply_time)")
	examples := fs.Int("examples", 5, "lowest- and highest-scoring examples to show")
	dueDays := fs.Int("due-days", 0, "deadline in calendar days after receipt; 0 means unknown (no late signal)")
	if err := fs.Parse(args[1:]); err != nil {
		return fmt.Errorf("quality eval: %w", err)
	}
	if *data == "" || *examples < 0 || *dueDays < 0 {
		return errors.New("quality eval: --data is required; --examples and --due-days must not be negative")
	}
	rows, err := qualityReadReplies(*data)
	if err != nil {
		return fmt.Errorf("quality eval: %w", err)
	}
	scored := make([]qualityScored, 0, len(rows))
	for i, r := range rows {
		if i%256 == 0 {
			if err := ctx.Err(); err != nil {
				return fmt.Errorf("quality eval: %w", err)
			}
		}
		in := quality.Input{Request: r.subject + "\n" + r.detail, Reply: r.reply, ReceivedAt: r.received, RepliedAt: r.replied}
		if *dueDays > 0 && !r.received.IsZero() {
			in.DueAt = r.received.AddDate(0, 0, *dueDays)
		}
		scored = append(scored, qualityScored{row: r, score: quality.Assess(in)})
	}
	qualityReport(os.Stdout, *data, scored, *examples, *dueDays)
	return nil
}

// qualityRow is one request with its reply.
type qualityRow struct {
	id, subject, detail, reply string
	received, replied          time.Time
}

// qualityScored is a row with its score.
type qualityScored struct {
	row   qualityRow
	score quality.Score
}

// qualityReadReplies reads the shared replies CSV by column name. Times it
// cannot parse stay zero (unknown), as the scorer expects.
func qualityReadReplies(path string) ([]qualityRow, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read replies: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return nil, fmt.Errorf("read header of %s: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range []string{"subject", "detail", "reply"} {
		if _, ok := col[need]; !ok {
			return nil, fmt.Errorf("read %s: header %q lacks %s", path, strings.Join(header, ","), need)
		}
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var out []qualityRow
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("read %s near line %d: %w", path, line, err)
		}
		out = append(out, qualityRow{
			id: get(rec, "id"), subject: get(rec, "subject"), detail: get(rec, "detail"), reply: get(rec, "reply"),
			received: qualityParseTime(get(rec, "time")), replied: qualityParseTime(get(rec, "reply_time")),
		})
	}
}

// qualityParseTime reads `YYYY-MM-DD HH:MM:SS` or a bare date in local
// time; anything else is unknown.
func qualityParseTime(s string) time.Time {
	for _, layout := range []string{time.DateTime, time.DateOnly} {
		if t, err := time.ParseInLocation(layout, s, time.Local); err == nil {
			return t
		}
	}
	return time.Time{}
}

// qualityReport prints the evaluation.
func qualityReport(w io.Writer, path string, scored []qualityScored, examples, dueDays int) {
	fmt.Fprintf(w, "reply-quality evaluation on %s\n", path)
	fmt.Fprintf(w, "data: 2020 TipDM Cup, problem C (tipdm.org), public anonymised messages with official replies; %d replies\n", len(scored))
	if dueDays > 0 {
		fmt.Fprintf(w, "deadline: %d calendar days after receipt (assumed; the data has none)\n", dueDays)
	} else {
		fmt.Fprintln(w, "deadline: unknown (the data has none; --due-days sets one), so the late signal is off")
	}
	if len(scored) == 0 {
		fmt.Fprintln(w, "replies=0 mean=0.0 poor=0% fair=0% good=0%")
		return
	}

	var hist [10]int
	levels := map[string]int{}
	codes := map[string]int{}
	sum := 0
	for _, s := range scored {
		hist[min(9, s.score.Value/10)]++
		levels[s.score.Level]++
		sum += s.score.Value
		seen := map[string]bool{}
		for _, r := range s.score.Reasons {
			if !seen[r.Code] {
				seen[r.Code] = true
				codes[r.Code]++
			}
		}
	}
	n := len(scored)
	fmt.Fprintln(w, "\nscore histogram:")
	top := slices.Max(hist[:])
	for i, c := range hist {
		hi := i*10 + 9
		if i == 9 {
			hi = 100
		}
		fmt.Fprintf(w, "  %3d-%-3d %5d %5.1f%% %s\n", i*10, hi, c, 100*float64(c)/float64(n), strings.Repeat("#", c*50/max(1, top)))
	}
	fmt.Fprintln(w, "\nlevels:")
	for _, l := range []string{"good", "fair", "poor"} {
		fmt.Fprintf(w, "  %-5s %5d %5.1f%%\n", l, levels[l], 100*float64(levels[l])/float64(n))
	}
	fmt.Fprintln(w, "\nreasons (replies where each fires):")
	names := make([]string, 0, len(codes))
	for c := range codes {
		names = append(names, c)
	}
	slices.SortFunc(names, func(a, b string) int { return cmp.Or(codes[b]-codes[a], strings.Compare(a, b)) })
	for _, c := range names {
		fmt.Fprintf(w, "  %-18s %5d %5.1f%%\n", c, codes[c], 100*float64(codes[c])/float64(n))
	}

	// Order by value, ties by the unclamped sum of the reasons, so that the
	// extremes shown are the most extreme among the many 0s and 100s.
	order := slices.Clone(scored)
	slices.SortStableFunc(order, func(a, b qualityScored) int {
		return cmp.Or(cmp.Compare(a.score.Value, b.score.Value), cmp.Compare(qualityRaw(a.score), qualityRaw(b.score)))
	})
	k := min(examples, n)
	fmt.Fprintf(w, "\nlowest %d:\n", k)
	for _, s := range order[:k] {
		qualityExample(w, s)
	}
	fmt.Fprintf(w, "\nhighest %d:\n", k)
	for i := n - 1; i >= n-k; i-- {
		qualityExample(w, order[i])
	}
	fmt.Fprintf(w, "\nreplies=%d mean=%.1f poor=%.0f%% fair=%.0f%% good=%.0f%%\n", n, float64(sum)/float64(n),
		100*float64(levels["poor"])/float64(n), 100*float64(levels["fair"])/float64(n), 100*float64(levels["good"])/float64(n))
}

// qualityRaw is the sum of a score's reason deltas, before clamping.
func qualityRaw(s quality.Score) int {
	sum := 0
	for _, r := range s.Reasons {
		sum += r.Delta
	}
	return sum
}

// qualityExample prints one scored reply: the subject, the start of the
// reply, the score and its reasons.
func qualityExample(w io.Writer, s qualityScored) {
	reply := strings.Join(strings.Fields(s.row.reply), " ")
	if r := []rune(reply); len(r) > 120 {
		reply = string(r[:120]) + "…"
	}
	fmt.Fprintf(w, "  [%d %s] id=%s %s\n    reply: %s\n", s.score.Value, s.score.Level, s.row.id, s.row.subject, reply)
	for _, r := range s.score.Reasons {
		fmt.Fprintf(w, "    %+d %s: %s\n", r.Delta, r.Code, r.Message)
	}
}
