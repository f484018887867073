package report

import (
	"bytes"
	_ "embed"
	"fmt"
	"html/template"
	"io"
	"time"
)

//go:embed report.html
var pageText string

// CSS is the report's stylesheet, screen and A4 print. The web serves it
// as a static file; a standalone file carries it inline.
//
//go:embed report.css
var CSS []byte

var page = template.Must(template.New("report").Funcs(template.FuncMap{
	"pct":   pct,
	"month": monthName,
	"day":   func(t time.Time) string { return t.In(cst).Format("2006-01-02") },
	"fig": func(f Figure, v *float64) string {
		if f.Rate {
			return pct(v)
		}
		if v == nil {
			return "—"
		}
		return fmt.Sprintf("%.0f", *v)
	},
	"signed": func(n int64) string { return fmt.Sprintf("%+d", n) },
	"share":  func(f float64) string { return fmt.Sprintf("%.1f%%", f*100) },
}).Parse(pageText))

var cst = time.FixedZone("CST", 8*3600)

// Page is how a report page is wrapped: a standalone file carries its
// stylesheet inline; the web links it (its content security policy forbids
// inline styles) and adds its toolbar, which print leaves out.
type Page struct {
	// StyleHref links the stylesheet; empty puts CSS inline.
	StyleHref string
	// Toolbar is shown above the report on screen only.
	Toolbar template.HTML
}

type pageData struct {
	*Monthly
	Page
	InlineCSS template.CSS
}

// HTML renders the report as one HTML document.
func HTML(w io.Writer, m *Monthly, p Page) error {
	d := pageData{Monthly: m, Page: p}
	if p.StyleHref == "" {
		d.InlineCSS = template.CSS(CSS)
	}
	var buf bytes.Buffer
	if err := page.Execute(&buf, d); err != nil {
		return fmt.Errorf("report html: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}
