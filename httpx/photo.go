package httpx

import (
	"net/http"
	"strconv"

	"minsheng"
)

// WritePhoto sends a photo's bytes with the type sniffed when it was stored,
// never to be sniffed again by the browser, sandboxed so that no image can
// run as a page, and cacheable by the signed-in user's browser only.
func WritePhoto(w http.ResponseWriter, p *minsheng.Photo) {
	h := w.Header()
	h.Set("Content-Type", p.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(p.Data)))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, max-age=3600")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	w.WriteHeader(http.StatusOK)
	w.Write(p.Data)
}
