// Package ledger writes a case search as a ledger (台账): an Excel workbook
// or a CSV file with Chinese headers, as hotline offices hand them to
// leaders and departments. Every text cell that a spreadsheet would run as
// a formula (starting with = + - or @) is neutralised with a leading
// apostrophe, so that a citizen's text can never become a command on the
// reader's machine.
package ledger

import (
	"bufio"
	"encoding/csv"
	"fmt"
	"io"
	"strconv"
	"time"

	"github.com/xuri/excelize/v2"

	"minsheng"
	"minsheng/service"
	"minsheng/stats"
)

// Format is a ledger's file type.
type Format string

// The formats.
const (
	XLSX Format = "xlsx"
	CSV  Format = "csv"
)

// ParseFormat reads the format a request asks for ("" is xlsx).
// Errors: EINVALID naming the field format.
func ParseFormat(s string) (Format, error) {
	switch Format(s) {
	case "", XLSX:
		return XLSX, nil
	case CSV:
		return CSV, nil
	}
	return "", minsheng.Invalid("format", "xlsx or csv, not %q", s)
}

// ContentType is the media type of the format.
func (f Format) ContentType() string {
	if f == CSV {
		return "text/csv; charset=utf-8"
	}
	return "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
}

// Headers are the ledger's columns.
var Headers = []string{"工单编号", "受理时间", "渠道", "渠道编号", "标题", "诉求内容", "市民姓名", "联系电话", "地址",
	"问题分类", "办理状态", "分流", "承办单位", "办理时限", "是否超期", "督办级别", "答复内容", "办结时间"}

// Neutralise makes a cell safe to open in a spreadsheet: text starting
// with = + - @ (or a tab or carriage return, which some spreadsheets skip
// before reading a formula) gets a leading apostrophe.
func Neutralise(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// Writer writes one ledger. Call Case for each case, then Close.
type Writer struct {
	format Format
	out    io.Writer
	csvw   *csv.Writer
	buf    *bufio.Writer
	xf     *excelize.File
	sw     *excelize.StreamWriter
	row    int
}

// New starts a ledger on w with its header row. A CSV ledger starts with
// a UTF-8 byte-order mark, without which Excel shows Chinese as garble.
func New(w io.Writer, format Format) (*Writer, error) {
	lw := &Writer{format: format, out: w}
	if format == CSV {
		lw.buf = bufio.NewWriter(w)
		lw.buf.WriteString("\uFEFF")
		lw.csvw = csv.NewWriter(lw.buf)
		return lw, lw.csvw.Write(Headers)
	}
	lw.xf = excelize.NewFile()
	const sheet = "台账"
	if err := lw.xf.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	sw, err := lw.xf.NewStreamWriter(sheet)
	if err != nil {
		return nil, fmt.Errorf("ledger: %w", err)
	}
	lw.sw = sw
	widths := []float64{18, 18, 12, 16, 30, 60, 10, 14, 30, 16, 10, 10, 20, 18, 8, 8, 40, 18}
	for i, wd := range widths {
		if err := sw.SetColWidth(i+1, i+1, wd); err != nil {
			return nil, err
		}
	}
	return lw, lw.xlsxRow(Headers)
}

func (lw *Writer) xlsxRow(cells []string) error {
	lw.row++
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
	}
	cell, _ := excelize.CoordinatesToCellName(1, lw.row)
	return lw.sw.SetRow(cell, vals)
}

// Case adds one case as the user sees it (masked personal data stays
// masked); category is the name of its category.
func (lw *Writer) Case(v service.CaseView, category string) error {
	c := v.Case
	overdue := "否"
	if v.Overdue {
		overdue = "是"
	}
	supervision := ""
	if c.Supervision > 0 {
		supervision = strconv.Itoa(c.Supervision)
	}
	channel := stats.ChannelNames[c.Channel]
	if channel == "" {
		channel = string(c.Channel)
	}
	cells := []string{c.Number, when(c.CreatedAt), channel, c.ChannelRef, c.Title, c.Content, v.Citizen.Name,
		v.Citizen.Phone, c.Address, category, minsheng.StatusNames[c.Status], minsheng.TrackNames[c.Track], v.OrgName, when(c.DueAt),
		overdue, supervision, c.Reply, whenPtr(c.ClosedAt)}
	for i, s := range cells {
		cells[i] = Neutralise(s)
	}
	if lw.format == CSV {
		return lw.csvw.Write(cells)
	}
	return lw.xlsxRow(cells)
}

// Close finishes the file: the workbook is written out only now.
func (lw *Writer) Close() error {
	if lw.format == CSV {
		lw.csvw.Flush()
		if err := lw.csvw.Error(); err != nil {
			return err
		}
		return lw.buf.Flush()
	}
	defer lw.xf.Close()
	if err := lw.sw.Flush(); err != nil {
		return fmt.Errorf("ledger: %w", err)
	}
	_, err := lw.xf.WriteTo(lw.out)
	return err
}

var cst = time.FixedZone("CST", 8*3600)

func when(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(cst).Format(time.DateTime)
}

func whenPtr(t *time.Time) string {
	if t == nil {
		return ""
	}
	return when(*t)
}
