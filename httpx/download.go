package httpx

import (
	"net/http"
	"strconv"
)

// XLSX is the media type of an Excel workbook.
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

// Download sends a file built in memory as an attachment under name. The
// file holds what the user may see now, so no cache keeps it. An error
// writing means the client went away; there is no one left to tell.
func Download(w http.ResponseWriter, contentType, name string, body []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(len(body)))
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(body)
}
