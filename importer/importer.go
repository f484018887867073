// Package importer reads cases from the files other channels export (CSV in
// UTF-8 or GB18030/GBK, and .xlsx): message boards, mayors' mailboxes, media
// hotlines, the petition bureau. Every row is checked first by the same
// rules as intake through the API; writing is a separate, explicit step, in
// transactions of a few thousand rows, each row recorded under its channel's
// reference so that running an import again never creates a case twice.
package importer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"minsheng"
	"minsheng/service"
)

// Options say what to import and how.
type Options struct {
	Path string
	// Source names the system the file comes from; its mapping and channel
	// are saved under this name. "" means the channel's name.
	Source string
	// Channel is the cases' channel; "" takes the saved source's, else
	// "import".
	Channel minsheng.Channel
	// Mapping overrides the saved or default mapping field by field.
	Mapping minsheng.ImportMapping
	// Saved requires the source's saved mapping.
	Saved bool
	// Commit writes; without it the import only checks and reports.
	Commit bool
	// Chunk fixes the number of rows per transaction; 0 lets the import
	// size its transactions by how long they take (see chunkSizer).
	Chunk int
	// Progress, when set, hears how many rows were read in each phase
	// ("checking", then "writing" of total rows; total is 0 while unknown).
	Progress func(phase string, rows, total int)
}

// Rejection is one row the import refuses, with the field and the reason.
type Rejection struct {
	Line   int    `json:"line"`
	Field  string `json:"field,omitempty"`
	Reason string `json:"reason"`
	// Format and Args are Reason before formatting (as minsheng.Error has
	// them), so a page can say the reason in its own language.
	Format string `json:"-"`
	Args   []any  `json:"-"`
	// Key is the field refused, "" for a row that cannot be read at all.
	Key minsheng.ImportField `json:"-"`
}

// MaxListed bounds the rejections a report keeps; the count covers all.
const MaxListed = 1000

// Report is what an import found and did.
type Report struct {
	File        string                 `json:"file"`
	Format      string                 `json:"format"`
	Source      string                 `json:"source"`
	Channel     minsheng.Channel       `json:"channel"`
	Mapping     minsheng.ImportMapping `json:"mapping"`
	MappingFrom string                 `json:"mapping_from"` // defaults, saved or given
	Unmapped    []string               `json:"unmapped_columns,omitempty"`
	Rows        int                    `json:"rows"`
	Accepted    int                    `json:"accepted"`
	Rejected    int                    `json:"rejected"`
	Rejections  []Rejection            `json:"rejections,omitempty"`
	// UnknownCategories counts category names not in the category tree;
	// those rows are imported without a category.
	UnknownCategories map[string]int `json:"unknown_categories,omitempty"`
	Committed         bool           `json:"committed"`
	Created           int            `json:"created"`
	Known             int            `json:"already_imported"`
	// Chunks is how many transactions wrote the rows.
	Chunks  int           `json:"-"`
	Elapsed time.Duration `json:"-"`
}

func (r *Report) reject(line int, field minsheng.ImportField, why reason) {
	r.Rejected++
	if len(r.Rejections) < MaxListed {
		name := ""
		if field != "" {
			name = FieldNames[field] + "(" + string(field) + ")"
		}
		r.Rejections = append(r.Rejections, Rejection{Line: line, Field: name, Reason: why.String(),
			Format: why.format, Args: why.args, Key: field})
	}
}

// Run checks every row of the file and, with Commit, writes the accepted
// ones. A file that cannot be read at all is a *FileError; the report says
// what was found until then. When writing stops half-way (the database went
// away), what was written stays, and running the same import again adds the
// rest: rows already imported are skipped.
func Run(ctx context.Context, svc *service.Service, u *minsheng.User, o Options) (*Report, error) {
	start := time.Now()
	rep := &Report{File: filepath.Base(o.Path), UnknownCategories: map[string]int{}}
	src, err := source(ctx, svc, u, o, rep)
	if err != nil {
		return rep, err
	}
	cats, err := categoryNames(ctx, svc, u)
	if err != nil {
		return rep, err
	}
	imp := &importRun{svc: svc, u: u, src: src, cats: cats, rep: rep}
	if err := imp.pass(ctx, o, "checking", nil); err != nil {
		return rep, err
	}
	rep.Elapsed = time.Since(start)
	if !o.Commit || rep.Accepted == 0 {
		return rep, nil
	}
	if err := svc.SaveImportSource(ctx, u, src); err != nil {
		return rep, fmt.Errorf("save the mapping of source %q: %w", src.Name, err)
	}
	err = imp.write(ctx, o)
	rep.Committed = err == nil
	rep.Elapsed = time.Since(start)
	return rep, err
}

// source settles the channel and the mapping: given fields over the saved
// mapping over the defaults read from the header.
func source(ctx context.Context, svc *service.Service, u *minsheng.User, o Options, rep *Report) (*minsheng.ImportSource, error) {
	name := o.Source
	if name == "" {
		name = string(o.Channel)
		if name == "" {
			name = "import"
		}
	}
	saved, err := svc.ImportSource(ctx, u, name)
	if err != nil && minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
		return nil, err
	}
	if saved == nil && o.Saved {
		return nil, minsheng.Invalid("mapping", "no mapping saved for source %q yet; import once without --mapping saved", name)
	}
	src := &minsheng.ImportSource{Name: name, Channel: o.Channel, Mapping: minsheng.ImportMapping{}}
	t, err := openTable(o.Path)
	if err != nil {
		return nil, err
	}
	defer t.close()
	rep.Format = t.format()
	switch {
	case saved != nil:
		src.Mapping, rep.MappingFrom = saved.Mapping, "saved"
		if src.Channel == "" {
			src.Channel = saved.Channel
		}
	default:
		src.Mapping, rep.MappingFrom = DefaultMapping(t.header()), "defaults"
	}
	for f, col := range o.Mapping {
		src.Mapping[f], rep.MappingFrom = col, "given"
	}
	if src.Channel == "" {
		src.Channel = "import"
	}
	if !src.Channel.Valid() {
		return nil, minsheng.Invalid("channel", "unknown channel %q", src.Channel)
	}
	if _, err := resolve(src.Mapping, t.header()); err != nil {
		return nil, err
	}
	if err := src.Validate(); err != nil {
		return nil, err
	}
	mapped := map[string]bool{}
	for _, col := range src.Mapping {
		mapped[normHeader(col)] = true
	}
	for _, h := range t.header() {
		if !mapped[normHeader(h)] {
			rep.Unmapped = append(rep.Unmapped, h)
		}
	}
	rep.Source, rep.Channel, rep.Mapping = src.Name, src.Channel, src.Mapping
	return src, nil
}

// categoryNames maps each category's name (and code) to its id; a name used
// twice in the tree keeps the first (the higher level).
func categoryNames(ctx context.Context, svc *service.Service, u *minsheng.User) (map[string]int64, error) {
	cats, err := svc.Categories(ctx, u)
	if err != nil {
		return nil, err
	}
	out := map[string]int64{}
	for _, c := range cats {
		if c.Disabled {
			continue
		}
		for _, k := range []string{c.Name, c.Code} {
			if _, ok := out[k]; !ok && k != "" {
				out[k] = c.ID
			}
		}
	}
	return out, nil
}

// importRun is one import's state shared by its two passes.
type importRun struct {
	svc  *service.Service
	u    *minsheng.User
	src  *minsheng.ImportSource
	cats map[string]int64
	rep  *Report
}

// pass reads the whole file. The checking pass (emit nil) fills the report;
// the writing pass hands each accepted case to emit. Both decide alike, so
// the rows written are exactly the rows the check accepted.
func (im *importRun) pass(ctx context.Context, o Options, phase string, emit func(*minsheng.Case) error) error {
	t, err := openTable(o.Path)
	if err != nil {
		return err
	}
	defer t.close()
	cols, err := resolve(im.src.Mapping, t.header())
	if err != nil {
		return err
	}
	check := emit == nil
	seen := map[string]int{} // reference → line, for repeats within the file
	zone := time.FixedZone("CST", 8*3600)
	rows := 0
	block := make([]checked, 0, blockRows)
	// settle takes the checked rows of a block in the file's order.
	settle := func() error {
		im.checkAll(block, cols, zone)
		for _, r := range block {
			if r.rerr != nil {
				if check {
					im.rep.reject(r.rerr.line, "", r.rerr.why)
				}
				continue
			}
			if r.unknown != "" && check {
				im.rep.UnknownCategories[r.unknown]++
			}
			c, ferr := r.c, r.ferr
			if ferr == nil {
				if first, ok := seen[c.ChannelRef]; ok {
					ferr = &fieldError{minsheng.ImportRef, reasonf("the same 编号 as line %d", first)}
				} else {
					seen[c.ChannelRef] = r.line
				}
			}
			if ferr != nil {
				if check {
					im.rep.reject(r.line, ferr.field, ferr.why)
				}
				continue
			}
			if check {
				im.rep.Accepted++
			} else if err := emit(c); err != nil {
				return err
			}
		}
		block = block[:0]
		return nil
	}
	for {
		if rows%blockRows == 0 {
			if err := settle(); err != nil {
				return err
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			if o.Progress != nil {
				o.Progress(phase, rows, im.rep.Rows)
			}
		}
		rec, line, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		var re *rowError
		if err != nil && !errors.As(err, &re) {
			return err
		}
		if re == nil && blank(rec) {
			continue
		}
		rows++
		block = append(block, checked{rec: rec, line: line, rerr: re})
	}
	if err := settle(); err != nil {
		return err
	}
	if check {
		im.rep.Rows = rows
	}
	if o.Progress != nil {
		o.Progress(phase, rows, im.rep.Rows)
	}
	return nil
}

// blockRows is how many rows are checked together, split between the cores.
const blockRows = 1024

// checked is one row of a block: as read, then as checked.
type checked struct {
	rec     []string
	line    int
	rerr    *rowError // the row could not be read
	c       *minsheng.Case
	ferr    *fieldError
	unknown string // a category name not in the tree
}

// checkAll checks the rows of a block, a share on each core; checking
// needs no shared state, so the result is the same as one by one.
func (im *importRun) checkAll(block []checked, cols columns, zone *time.Location) {
	parts := min(runtime.GOMAXPROCS(0), max(1, len(block)/64))
	var wg sync.WaitGroup
	for p := range parts {
		wg.Go(func() {
			for i := p * len(block) / parts; i < (p+1)*len(block)/parts; i++ {
				if r := &block[i]; r.rerr == nil {
					r.c, r.unknown, r.ferr = im.row(r.rec, cols, zone)
				}
			}
		})
	}
	wg.Wait()
}

func blank(rec []string) bool {
	for _, v := range rec {
		if strings.TrimSpace(v) != "" {
			return false
		}
	}
	return true
}

// row turns one record into a checked case, or says which field is wrong;
// unknown is the category name it names that the tree does not know.
func (im *importRun) row(rec []string, cols columns, zone *time.Location) (c *minsheng.Case, unknown string, ferr *fieldError) {
	get := func(f minsheng.ImportField) string {
		if i := cols[f]; i >= 0 && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	for _, f := range minsheng.ImportFields {
		if v := get(f); looksLikeFormula(v) {
			return nil, "", &fieldError{f, reasonf("starts like a spreadsheet formula (%q); refused against formula injection",
				minsheng.Abbrev(v, 20))}
		}
	}
	num := get(minsheng.ImportRef)
	if len(num) > 100 {
		return nil, "", &fieldError{minsheng.ImportRef, reasonf("at most %d characters", 100)}
	}
	ref := im.src.Name + ":" + rowRef(num, get)
	var at time.Time
	if v := get(minsheng.ImportTime); v != "" {
		var err error
		if at, err = parseTime(v, zone); err != nil {
			return nil, "", err.(*fieldError)
		}
	}
	var cat int64
	if name := get(minsheng.ImportCategory); name != "" {
		cat = im.cats[name]
		if cat == 0 {
			unknown = minsheng.Abbrev(name, 30)
		}
	}
	in := service.ImportRow{At: at, Intake: service.Intake{Channel: im.src.Channel, ChannelRef: ref,
		Citizen: minsheng.Citizen{Name: get(minsheng.ImportName), Phone: get(minsheng.ImportPhone)},
		Title:   get(minsheng.ImportTitle), Content: get(minsheng.ImportContent), CategoryID: cat,
		Address: get(minsheng.ImportAddress)}}
	c, err := im.svc.CheckImport(im.u, in)
	if err != nil {
		return nil, unknown, &fieldError{fieldOf[minsheng.ErrorField(err)], serviceReason(err)}
	}
	return c, unknown, nil
}

// FileInfo is what a first look at a file finds: its format (with a CSV's
// encoding) and its header, so that a person can map the columns before any
// row is checked.
type FileInfo struct {
	Format string
	Header []string
}

// Inspect opens a file and reads its header. Errors: *FileError.
func Inspect(path string) (*FileInfo, error) {
	t, err := openTable(path)
	if err != nil {
		return nil, err
	}
	defer t.close()
	return &FileInfo{Format: t.format(), Header: t.header()}, nil
}
