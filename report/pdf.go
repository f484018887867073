package report

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// ErrNoChromium is returned by PDF when no headless Chromium is installed.
var ErrNoChromium = errors.New("no chromium installed: install the chromium package to make PDFs")

// chromium finds the browser that prints the PDF.
func chromium() (string, error) {
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if p, err := exec.LookPath(name); err == nil {
			return p, nil
		}
	}
	if _, err := os.Stat("/usr/bin/chromium"); err == nil {
		return "/usr/bin/chromium", nil
	}
	return "", ErrNoChromium
}

// PDF prints an HTML file to an A4 PDF through headless Chromium, which
// applies the report's print stylesheet; the HTML must carry its styles
// inline (Page with no StyleHref).
func PDF(ctx context.Context, htmlPath, pdfPath string) error {
	bin, err := chromium()
	if err != nil {
		return err
	}
	in, err := filepath.Abs(htmlPath)
	if err != nil {
		return fmt.Errorf("report pdf: %w", err)
	}
	out, err := filepath.Abs(pdfPath)
	if err != nil {
		return fmt.Errorf("report pdf: %w", err)
	}
	profile, err := os.MkdirTemp("", "minsheng-pdf-")
	if err != nil {
		return fmt.Errorf("report pdf: %w", err)
	}
	defer os.RemoveAll(profile)
	cmd := exec.CommandContext(ctx, bin, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
		"--user-data-dir="+profile, "--no-pdf-header-footer", "--print-to-pdf="+out, "file://"+in)
	if msg, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("report pdf: chromium: %w: %s", err, lastLine(msg))
	}
	if st, err := os.Stat(out); err != nil || st.Size() == 0 {
		return fmt.Errorf("report pdf: chromium wrote no %s", out)
	}
	return nil
}

func lastLine(b []byte) string {
	s := string(b)
	if len(s) > 300 {
		s = s[len(s)-300:]
	}
	return s
}
