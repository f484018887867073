package web

import (
	"errors"
	"net/http"
	"strings"

	"minsheng"
	"minsheng/importer"
)

// The import page: a dispatcher uploads another channel's CSV or .xlsx,
// picks its source, maps the columns (pre-filled from the source's saved
// mapping or from the header), checks every row in a dry run, reads the
// report and then imports. Runs happen in the background (import_jobs.go);
// the page polls their progress. The same importer serves the command line
// and POST /api/v1/imports.

// maxImportUpload bounds a file uploaded on the page; larger files go
// through the API or the command line, which stream them.
const maxImportUpload = 64 << 20

// CanImport reports whether the left column links the import page; the
// permission table decides.
func (b *Base) CanImport() bool {
	return b.User != nil && minsheng.Permit(b.User.Role, minsheng.OpCaseImport) != minsheng.ScopeNone
}

func allowImport(u *minsheng.User) error {
	if minsheng.Permit(u.Role, minsheng.OpCaseImport) == minsheng.ScopeNone {
		return minsheng.Forbidden(u.Role, minsheng.OpCaseImport)
	}
	return nil
}

// importsPage lists the user's imports and offers the upload form.
type importsPage struct {
	adminPage
	Jobs     []jobView
	Sources  []*minsheng.ImportSource
	Channels []minsheng.Channel
	Form     importForm
	MaxMB    int
}

// importForm is the upload form as typed.
type importForm struct {
	Source, NewSource string
	Channel           minsheng.Channel
}

func (s *Server) importsData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*importsPage, error) {
	if err := allowImport(u); err != nil {
		return nil, err
	}
	p, err := s.adminBase(w, r, u, "import.title")
	if err != nil {
		return nil, err
	}
	srcs, err := s.svc.ImportSources(r.Context(), u)
	if err != nil {
		return nil, err
	}
	return &importsPage{adminPage: p, Jobs: s.imports.of(u), Sources: srcs, Channels: minsheng.Channels,
		Form: importForm{Channel: "message_board"}, MaxMB: maxImportUpload >> 20}, nil
}

func (s *Server) importsList(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.importsData(w, r, u)
	if err != nil {
		return err
	}
	s.render(w, r, http.StatusOK, "admin_imports", p)
	return nil
}

// importUpload keeps the file, reads its header and opens the job's page,
// where the columns are mapped. A file that cannot be read comes back under
// the file field, and nothing is kept.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, err := s.importsData(w, r, u)
	if err != nil {
		return err
	}
	f := importForm{Source: strings.TrimSpace(r.PostFormValue("source")), NewSource: strings.TrimSpace(r.PostFormValue("new_source")),
		Channel: minsheng.Channel(r.PostFormValue("channel"))}
	p.Form = f
	bad := func(field, msg string) error {
		p.Errors[field] = msg
		s.render(w, r, http.StatusUnprocessableEntity, "admin_imports", p)
		return nil
	}
	src := &minsheng.ImportSource{Name: f.Source, Mapping: minsheng.ImportMapping{minsheng.ImportContent: "-"}}
	if f.Source == "" {
		src.Name, src.Channel = f.NewSource, f.Channel
		if err := src.Validate(); err != nil {
			field := minsheng.ErrorField(err)
			if field == "source" {
				field = "new_source"
			}
			return bad(field, fieldMessage(p.Lang, err))
		}
	} else if !p.knownSource(f.Source) {
		return bad("source", p.T("import.err.source"))
	}
	file, hdr, err := r.FormFile("file")
	if errors.Is(err, http.ErrMissingFile) {
		return bad("file", p.T("import.err.nofile"))
	}
	if err != nil {
		return bad("file", p.T("import.err.upload"))
	}
	defer file.Close()
	j, err := s.imports.add(u, hdr.Filename, file, maxImportUpload)
	if minsheng.ErrorCode(err) == minsheng.ETOOLARGE {
		return bad("file", p.T("import.err.toolarge", maxImportUpload>>20))
	}
	if err != nil {
		return err
	}
	info, err := importer.Inspect(j.path)
	if err != nil {
		s.imports.drop(j)
		return bad("file", fileMessage(p.Lang, err))
	}
	j.mu.Lock()
	j.Info, j.Source = info, src.Name
	if f.Source == "" {
		j.Channel = src.Channel
	}
	j.Mapping = importer.DefaultMapping(info.Header)
	if f.Source != "" {
		if saved, err := s.svc.ImportSource(r.Context(), u, f.Source); err == nil {
			j.Mapping = saved.Mapping
		}
	}
	j.mu.Unlock()
	http.Redirect(w, r, "/w/admin/imports/"+j.ID, http.StatusSeeOther)
	return nil
}

func (p *importsPage) knownSource(name string) bool {
	for _, s := range p.Sources {
		if s.Name == name {
			return true
		}
	}
	return false
}

// fileMessage says why a file cannot be read, in the page's language.
func fileMessage(lang string, err error) string {
	var fe *importer.FileError
	if errors.As(err, &fe) {
		return fieldMessage(lang, &minsheng.Error{Code: minsheng.EINVALID, Message: fe.Msg, Format: fe.Format, Args: fe.Args})
	}
	return fieldMessage(lang, err)
}
