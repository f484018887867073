package api

import (
	"errors"
	"io"
	"net/http"
	"os"

	"minsheng"
	"minsheng/httpx"
	"minsheng/importer"
)

// MaxImportFile bounds a file sent to POST /api/v1/imports; larger files
// go through the command line (minsheng import).
const MaxImportFile = 256 << 20

// importCases answers POST /api/v1/imports: the body is another channel's
// CSV or .xlsx file; the answer is the import's report. Like the command
// line it is a dry run unless commit=true.
func (s *Server) importCases(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	q := httpx.NewQuery(r)
	o := importer.Options{Source: q.String("source", 100), Channel: minsheng.Channel(q.String("channel", 20)),
		Commit: q.Bool("commit"), Mapping: minsheng.ImportMapping{}}
	switch m := q.String("mapping", 10); m {
	case "":
	case "saved":
		o.Saved = true
	default:
		return minsheng.Invalid("mapping", `"saved" or nothing; map single fields with map.FIELD=header`)
	}
	for _, f := range minsheng.ImportFields {
		if col := q.String("map."+string(f), 100); col != "" {
			o.Mapping[f] = col
		}
	}
	if err := q.Err(); err != nil {
		return err
	}
	tmp, err := os.CreateTemp("", "minsheng-import-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	defer tmp.Close()
	if _, err := io.Copy(tmp, http.MaxBytesReader(w, r.Body, MaxImportFile)); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return minsheng.Errorf(minsheng.ETOOLARGE, "the file is larger than %d MiB; import it with minsheng import", MaxImportFile>>20)
		}
		return err
	}
	o.Path = tmp.Name()
	rep, err := importer.Run(r.Context(), s.svc, u, o)
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return minsheng.Invalid("file", "%s", fe.Msg)
	}
	if err != nil {
		return err
	}
	rep.File = ""
	httpx.JSON(w, http.StatusOK, rep)
	return nil
}
