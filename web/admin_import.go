package web

import (
	"errors"
	"maps"
	"net/http"
	"slices"
	"strings"

	"minsheng"
	"minsheng/importer"
)

// importPage is one import: the file as read, the column mapping, the
// progress of a run and the report.
type importPage struct {
	adminPage
	Job    jobView
	Fields []minsheng.ImportField
}

// Percent is the share of rows written, for the progress bar.
func (p *importPage) Percent() int {
	if p.Job.Total == 0 {
		return 0
	}
	return 100 * p.Job.Rows / p.Job.Total
}

// FieldName is an import field's label.
func (p *importPage) FieldName(f minsheng.ImportField) string {
	return p.T("import.field." + string(f))
}

// Reason says why a row was refused, in the page's language.
func (p *importPage) Reason(x importer.Rejection) string {
	return fieldMessage(p.Lang, &minsheng.Error{Code: minsheng.EINVALID, Message: x.Reason, Format: x.Format, Args: x.Args})
}

// RejectedField names the refused field of a rejection, "" for a row that
// could not be read at all.
func (p *importPage) RejectedField(x importer.Rejection) string {
	if x.Key == "" {
		return ""
	}
	return p.FieldName(x.Key)
}

// Unknown lists the category names not in the tree, with their counts.
func (p *importPage) Unknown() []string {
	if p.Job.Report == nil {
		return nil
	}
	var out []string
	for _, n := range slices.Sorted(maps.Keys(p.Job.Report.UnknownCategories)) {
		out = append(out, p.T("import.unknown_cat", n, p.Job.Report.UnknownCategories[n]))
	}
	return out
}

// Failure says why the last run stopped, in the page's language.
func (p *importPage) Failure() string {
	var fe *importer.FileError
	switch err := p.Job.Err; {
	case err == nil:
		return ""
	case errors.As(err, &fe):
		return fileMessage(p.Lang, err)
	case minsheng.ErrorCode(err) == minsheng.EINVALID:
		return fieldMessage(p.Lang, err)
	}
	return p.T("import.failed")
}

// listedRejections is how many rejections the page lists.
const listedRejections = 200

// Rejections are the refused rows the page lists.
func (p *importPage) Rejections() []importer.Rejection {
	if p.Job.Report == nil {
		return nil
	}
	r := p.Job.Report.Rejections
	return r[:min(len(r), listedRejections)]
}

// MoreRejected is how many refused rows the list leaves out.
func (p *importPage) MoreRejected() int {
	if p.Job.Report == nil {
		return 0
	}
	return p.Job.Report.Rejected - len(p.Rejections())
}

func (s *Server) importData(w http.ResponseWriter, r *http.Request, u *minsheng.User) (*importPage, *importJob, error) {
	if err := allowImport(u); err != nil {
		return nil, nil, err
	}
	j, err := s.imports.get(u, r.PathValue("id"))
	if err != nil {
		return nil, nil, err
	}
	p, err := s.adminBase(w, r, u, "import.title")
	if err != nil {
		return nil, nil, err
	}
	return &importPage{adminPage: p, Job: j.snapshot(), Fields: minsheng.ImportFields}, j, nil
}

// importShow renders the import. A running one's page polls itself for its
// progress bar (htmx); the poll that finds the run over reloads the page, so
// the report shows.
func (s *Server) importShow(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, _, err := s.importData(w, r, u)
	if err != nil {
		return err
	}
	if r.Header.Get("HX-Request") == "true" && !p.Job.Running() {
		w.Header().Set("HX-Refresh", "true")
	}
	s.render(w, r, http.StatusOK, "admin_import", p)
	return nil
}

// importCheck takes the mapping from the form and starts the dry run.
func (s *Server) importCheck(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	p, j, err := s.importData(w, r, u)
	if err != nil {
		return err
	}
	m := minsheng.ImportMapping{}
	for _, f := range minsheng.ImportFields {
		m[f] = r.PostFormValue("map." + string(f))
	}
	if m[minsheng.ImportContent] == "" {
		p.Job.Mapping = m
		p.Errors["map.content"] = p.T("import.err.content")
		s.render(w, r, http.StatusUnprocessableEntity, "admin_import", p)
		return nil
	}
	j.mu.Lock()
	running := j.State == jobChecking || j.State == jobWriting
	if !running {
		j.Mapping, j.Report = m, nil
	}
	j.mu.Unlock()
	if err := s.imports.start(s.svc, u, j, false); err != nil {
		return err
	}
	http.Redirect(w, r, "/w/admin/imports/"+j.ID, http.StatusSeeOther)
	return nil
}

// importCommit writes the rows the dry run accepted, with its mapping.
func (s *Server) importCommit(w http.ResponseWriter, r *http.Request, u *minsheng.User) error {
	_, j, err := s.importData(w, r, u)
	if err != nil {
		return err
	}
	if err := s.imports.start(s.svc, u, j, true); err != nil {
		return err
	}
	http.Redirect(w, r, "/w/admin/imports/"+j.ID, http.StatusSeeOther)
	return nil
}

// Format says how the file was read: "CSV，GB18030/GBK 编码" or "Excel 工作簿 (.xlsx)".
func (p *importPage) Format(f string) string {
	if enc, ok := strings.CutPrefix(f, "csv, "); ok {
		return p.T("import.format.csv", p.T("import.enc."+enc))
	}
	return p.T("import.format.xlsx")
}
