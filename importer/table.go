package importer

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Limits that keep a hostile or broken file from exhausting memory.
const (
	MaxColumns   = 1000     // columns of a header or a row
	MaxLineBytes = 32 << 20 // one physical line of a CSV file
	MaxRowBytes  = 1 << 20  // one row, all fields together
)

// FileError is a file that cannot be read at all; the message says why in
// words a clerk can act on. Format and Args are the message before
// formatting, for a page that says it in another language.
type FileError struct {
	Msg    string
	Format string
	Args   []any
}

func (e *FileError) Error() string { return e.Msg }

func fileErrorf(format string, args ...any) error {
	return &FileError{Msg: fmt.Sprintf(format, args...), Format: format, Args: args}
}

// table reads a file's rows one at a time: the header first, then records
// with the line (or spreadsheet row) they start on.
type table interface {
	header() []string
	next() (rec []string, line int, err error) // io.EOF at the end
	format() string
	close() error
}

// rowError is one row that cannot be read; the import goes on with the next.
type rowError struct {
	line int
	why  reason
}

func (e *rowError) Error() string { return e.why.String() }

// openTable opens a CSV or .xlsx file, chosen by its first bytes (an .xlsx
// is a zip archive) rather than by its name.
func openTable(path string) (table, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fileErrorf("cannot open %s: %v", filepath.Base(path), err)
	}
	head := make([]byte, sniffSize)
	n, err := io.ReadFull(f, head)
	if err != nil && !errors.Is(err, io.ErrUnexpectedEOF) && !errors.Is(err, io.EOF) {
		f.Close()
		return nil, fileErrorf("cannot read %s: %v", filepath.Base(path), err)
	}
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		f.Close()
		return nil, fileErrorf("cannot read %s: %v", filepath.Base(path), err)
	}
	var t table
	if bytes.HasPrefix(head, []byte("PK\x03\x04")) || strings.EqualFold(filepath.Ext(path), ".xlsx") {
		t, err = openXLSX(f)
	} else {
		t, err = openCSV(f, detect(head))
	}
	if err != nil {
		f.Close()
		return nil, err
	}
	if h := t.header(); len(h) > MaxColumns {
		t.close()
		return nil, fileErrorf("the header has %d columns; at most %d are read — is this the right file?", len(h), MaxColumns)
	}
	return t, nil
}

// csvTable reads CSV whose bytes are decoded field by field, so that one
// row in a wrong encoding is reported alone.
type csvTable struct {
	f    *os.File
	r    *csv.Reader
	dec  decoder
	head []string
	lr   *lineLimit
	line int // where the last record started
}

func openCSV(f *os.File, enc Encoding) (table, error) {
	lr := &lineLimit{r: bufio.NewReaderSize(f, 1<<16)}
	if enc == UTF8BOM {
		lr.r.Discard(len(bom))
	}
	r := csv.NewReader(lr)
	r.FieldsPerRecord = -1
	r.LazyQuotes = true // other systems' exports are often loosely quoted
	r.ReuseRecord = true
	t := &csvTable{f: f, r: r, dec: decoder{enc}, lr: lr}
	raw, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, fileErrorf("the file is empty: a header row is needed")
	}
	if err != nil {
		return nil, fileErrorf("the header cannot be read: %v", err)
	}
	for i, v := range raw {
		s, err := t.dec.field(v)
		if err != nil {
			return nil, fileErrorf("header column %d is %v", i+1, err)
		}
		t.head = append(t.head, s)
	}
	return t, nil
}

func (t *csvTable) header() []string { return t.head }
func (t *csvTable) close() error     { return t.f.Close() }
func (t *csvTable) format() string   { return "csv, " + string(t.dec.enc) }

func (t *csvTable) next() ([]string, int, error) {
	raw, err := t.r.Read()
	if err != nil {
		var pe *csv.ParseError
		if errors.Is(err, errLongLine) {
			return nil, t.line, fileErrorf("a line after line %d is longer than %d MiB; this is not a table of messages", t.line, MaxLineBytes>>20)
		}
		if errors.As(err, &pe) {
			return nil, pe.StartLine, &rowError{pe.StartLine, reasonf("not valid CSV: %v", pe.Err)}
		}
		if !errors.Is(err, io.EOF) {
			err = fileErrorf("the file cannot be read after line %d: %v", t.line, err)
		}
		return nil, t.line, err
	}
	line, _ := t.r.FieldPos(0) // a record has at least one field
	t.line = line
	if len(raw) > MaxColumns {
		return nil, line, &rowError{line, reasonf("%d columns; at most %d", len(raw), MaxColumns)}
	}
	size := 0
	for _, v := range raw {
		size += len(v)
	}
	if size > MaxRowBytes {
		return nil, line, &rowError{line, reasonf("the row has %d bytes; at most %d", size, MaxRowBytes)}
	}
	out := make([]string, len(raw))
	for i, v := range raw {
		s, err := t.dec.field(v)
		if err != nil {
			return nil, line, &rowError{line, decodeReason(i+1, err)}
		}
		out[i] = s
	}
	return out, line, nil
}

// errLongLine stops a CSV line that would not fit in memory.
var errLongLine = errors.New("line too long")

// lineLimit fails a read once a physical line passes MaxLineBytes.
type lineLimit struct {
	r   *bufio.Reader
	run int
}

func (l *lineLimit) Read(p []byte) (int, error) {
	n, err := l.r.Read(p)
	for _, c := range p[:n] {
		if c == '\n' {
			l.run = 0
		} else if l.run++; l.run > MaxLineBytes {
			return 0, errLongLine
		}
	}
	return n, err
}

// xlsxTable reads the first sheet of a workbook row by row.
type xlsxTable struct {
	f    *os.File
	x    *excelize.File
	rows *excelize.Rows
	head []string
	line int
}

func openXLSX(f *os.File) (table, error) {
	x, err := excelize.OpenReader(f, excelize.Options{UnzipSizeLimit: 4 << 30, UnzipXMLSizeLimit: 64 << 20})
	if err != nil {
		return nil, fileErrorf("the .xlsx workbook cannot be opened (truncated or damaged?): %v", err)
	}
	sheets := x.GetSheetList()
	if len(sheets) == 0 {
		x.Close()
		return nil, fileErrorf("the workbook has no sheet")
	}
	rows, err := x.Rows(sheets[0])
	if err != nil {
		x.Close()
		return nil, fileErrorf("sheet %q cannot be read (truncated or damaged?): %v", sheets[0], err)
	}
	t := &xlsxTable{f: f, x: x, rows: rows}
	rec, _, err := t.next()
	if errors.Is(err, io.EOF) {
		t.close()
		return nil, fileErrorf("sheet %q is empty: a header row is needed", sheets[0])
	}
	if err != nil {
		t.close()
		return nil, fileErrorf("the header cannot be read: %v", err)
	}
	t.head = rec
	return t, nil
}

func (t *xlsxTable) header() []string { return t.head }
func (t *xlsxTable) format() string   { return "xlsx" }

func (t *xlsxTable) close() error {
	t.rows.Close()
	t.x.Close()
	return t.f.Close()
}

func (t *xlsxTable) next() ([]string, int, error) {
	if !t.rows.Next() {
		if err := t.rows.Error(); err != nil {
			return nil, t.line, fileErrorf("the sheet stops being readable after row %d (truncated or damaged?): %v", t.line, err)
		}
		return nil, t.line, io.EOF
	}
	t.line++
	rec, err := t.rows.Columns()
	if err != nil {
		return nil, t.line, &rowError{t.line, reasonf("cannot be read: %v", err)}
	}
	if len(rec) > MaxColumns {
		return nil, t.line, &rowError{t.line, reasonf("%d columns; at most %d", len(rec), MaxColumns)}
	}
	size := 0
	for _, v := range rec {
		size += len(v)
	}
	if size > MaxRowBytes {
		return nil, t.line, &rowError{t.line, reasonf("the row has %d bytes; at most %d", size, MaxRowBytes)}
	}
	return rec, t.line, nil
}
