package web

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io/fs"
	"mime"
	"net/http"
	"path"
	"strings"
	"time"

	"minsheng/report"
)

//go:embed static
var staticFS embed.FS

// asset is one static file, served under a name that carries its content
// hash, so a browser may keep it for a year and still never run stale code.
type asset struct {
	body  []byte
	ctype string
}

// assets maps plain names (app.css) to hashed URLs and hashed names to files.
type assets struct {
	urls  map[string]string
	files map[string]asset
}

func loadAssets() (*assets, error) {
	as := &assets{urls: map[string]string{}, files: map[string]asset{}}
	err := fs.WalkDir(staticFS, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := staticFS.ReadFile(p)
		if err != nil {
			return err
		}
		as.add(path.Base(p), body)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("static files: %w", err)
	}
	as.add("report.css", report.CSS) // the monthly report's stylesheet lives with the report
	return as, nil
}

// add serves a file kept outside web/static under its hashed name.
func (as *assets) add(name string, body []byte) {
	sum := sha256.Sum256(body)
	ext := path.Ext(name)
	hashed := strings.TrimSuffix(name, ext) + "." + hex.EncodeToString(sum[:6]) + ext
	as.urls[name] = "/static/" + hashed
	as.files[hashed] = asset{body: body, ctype: mime.TypeByExtension(ext)}
}

// url returns the hashed URL of a static file, for the templates' asset
// function; an unknown name fails the page's render with an error.
func (as *assets) url(name string) (string, error) {
	u, ok := as.urls[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	return u, nil
}

// ServeHTTP serves a hashed static file with a year-long, immutable cache.
func (as *assets) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	a, ok := as.files[r.PathValue("file")]
	if !ok {
		http.NotFound(w, r)
		return
	}
	h := w.Header()
	h.Set("Cache-Control", "public, max-age=31536000, immutable")
	if a.ctype != "" {
		h.Set("Content-Type", a.ctype)
	}
	http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(a.body))
}
