package web

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"minsheng"
	"minsheng/importer"
	"minsheng/service"
)

// An import started on the page runs on the server, not in the browser: the
// uploaded file is kept in a directory of this node and the check and the
// writing run in a goroutine of their own, so closing the tab neither stops
// nor loses them; the page lists the user's imports and polls the running
// one. The jobs live in this node's memory: a restarted node forgets them
// (the cases already written stay, and running the same file again skips
// them, since every row is recorded under its channel's reference), and with
// several nodes behind a balancer the page needs the node that took the
// upload (sticky sessions), or the command line for very large files.

// Import job states.
const (
	jobReady    = "ready"    // uploaded; columns to map, nothing checked yet
	jobChecking = "checking" // the dry run is running
	jobChecked  = "checked"  // the dry run's report is there
	jobWriting  = "writing"  // the commit is running
	jobDone     = "done"     // committed
	jobFailed   = "failed"   // the last run stopped with Err
)

// jobTTL is how long an upload and its report are kept.
const jobTTL = 24 * time.Hour

// importJob is one uploaded file and what was done with it. Fields after mu
// change while a run goes on; read them through snapshot.
type importJob struct {
	ID       string
	UserID   int64
	FileName string
	Size     int64
	path     string
	Info     *importer.FileInfo
	Created  time.Time

	mu      sync.Mutex
	Source  string
	Channel minsheng.Channel // "" takes the saved source's
	Mapping minsheng.ImportMapping
	State   string
	Phase   string
	Rows    int
	Total   int
	Report  *importer.Report
	Err     error
}

// jobView is a consistent copy of a job for one page.
type jobView struct {
	ID, FileName, Source, State, Phase string
	Size                               int64
	Info                               *importer.FileInfo
	Created                            time.Time
	Channel                            minsheng.Channel
	Mapping                            minsheng.ImportMapping
	Rows, Total                        int
	Report                             *importer.Report
	Err                                error
}

func (j *importJob) snapshot() jobView {
	j.mu.Lock()
	defer j.mu.Unlock()
	return jobView{ID: j.ID, FileName: j.FileName, Source: j.Source, State: j.State, Phase: j.Phase, Size: j.Size,
		Info: j.Info, Created: j.Created, Channel: j.Channel, Mapping: j.Mapping, Rows: j.Rows, Total: j.Total,
		Report: j.Report, Err: j.Err}
}

// Running reports whether a run is going on, so the page polls.
func (v jobView) Running() bool { return v.State == jobChecking || v.State == jobWriting }

// importJobs holds one node's imports.
type importJobs struct {
	mu   sync.Mutex
	dir  string
	jobs map[string]*importJob
	// ctx ends with the node, stopping runs between two transactions.
	ctx    context.Context
	cancel context.CancelFunc
	log    *slog.Logger
}

func newImportJobs(log *slog.Logger) *importJobs {
	ctx, cancel := context.WithCancel(context.Background())
	return &importJobs{jobs: map[string]*importJob{}, ctx: ctx, cancel: cancel, log: log}
}

// close stops the runs and removes the uploaded files.
func (js *importJobs) close() {
	js.cancel()
	js.mu.Lock()
	defer js.mu.Unlock()
	if js.dir != "" {
		os.RemoveAll(js.dir)
	}
}

// add keeps an uploaded file (at most limit bytes) as a new job of user u,
// after forgetting jobs older than jobTTL that are not running.
func (js *importJobs) add(u *minsheng.User, name string, src io.Reader, limit int64) (*importJob, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	for id, j := range js.jobs {
		if v := j.snapshot(); time.Since(v.Created) > jobTTL && !v.Running() {
			os.Remove(j.path)
			delete(js.jobs, id)
		}
	}
	if js.dir == "" {
		d, err := os.MkdirTemp("", "minsheng-imports-")
		if err != nil {
			return nil, fmt.Errorf("import upload directory: %w", err)
		}
		js.dir = d
	}
	var b [12]byte
	rand.Read(b[:])
	id := hex.EncodeToString(b[:])
	ext := strings.ToLower(filepath.Ext(name))
	if ext != ".csv" && ext != ".xlsx" {
		ext = ""
	}
	path := filepath.Join(js.dir, id+ext)
	f, err := os.OpenFile(path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("keep the upload: %w", err)
	}
	n, err := io.Copy(f, io.LimitReader(src, limit+1))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil && n > limit {
		err = minsheng.Errorf(minsheng.ETOOLARGE, "the file is larger than %d MB", limit>>20)
	}
	if err != nil {
		os.Remove(path)
		return nil, err
	}
	j := &importJob{ID: id, UserID: u.ID, FileName: filepath.Base(name), Size: n, path: path, Created: time.Now(), State: jobReady}
	js.jobs[id] = j
	return j, nil
}

// get returns u's job id; another user's job is not found, like a case
// outside one's scope.
func (js *importJobs) get(u *minsheng.User, id string) (*importJob, error) {
	js.mu.Lock()
	defer js.mu.Unlock()
	j, ok := js.jobs[id]
	if !ok || j.UserID != u.ID {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such import")
	}
	return j, nil
}

// drop forgets a job that never got going (its file could not be read).
func (js *importJobs) drop(j *importJob) {
	js.mu.Lock()
	defer js.mu.Unlock()
	os.Remove(j.path)
	delete(js.jobs, j.ID)
}

// of lists u's jobs, newest first.
func (js *importJobs) of(u *minsheng.User) []jobView {
	js.mu.Lock()
	var out []jobView
	for _, j := range js.jobs {
		if j.UserID == u.ID {
			out = append(out, j.snapshot())
		}
	}
	js.mu.Unlock()
	for i := 1; i < len(out); i++ {
		for k := i; k > 0 && out[k].Created.After(out[k-1].Created); k-- {
			out[k], out[k-1] = out[k-1], out[k]
		}
	}
	return out
}

// start runs the job's dry run (commit false) or its import in the
// background, with the source, channel and mapping set before. A job runs
// once at a time; a commit needs a dry run first. Errors: ECONFLICT.
func (js *importJobs) start(svc *service.Service, u *minsheng.User, j *importJob, commit bool) error {
	j.mu.Lock()
	switch {
	case j.State == jobChecking || j.State == jobWriting:
		j.mu.Unlock()
		return minsheng.Errorf(minsheng.ECONFLICT, "this import is running; wait for it to finish")
	case commit && j.Report == nil:
		j.mu.Unlock()
		return minsheng.Errorf(minsheng.ECONFLICT, "check the file first (a dry run), then import it")
	}
	j.State, j.Phase, j.Rows, j.Total, j.Err = jobChecking, "checking", 0, 0, nil
	if commit {
		j.State = jobWriting
	}
	o := importer.Options{Path: j.path, Source: j.Source, Channel: j.Channel, Mapping: j.Mapping, Commit: commit,
		Progress: func(phase string, rows, total int) {
			j.mu.Lock()
			j.Phase, j.Rows, j.Total = phase, rows, total
			j.mu.Unlock()
		}}
	j.mu.Unlock()
	go func() {
		rep, err := importer.Run(js.ctx, svc, u, o)
		if err != nil {
			js.log.Warn("import stopped", "job", j.ID, "user_id", u.ID, "commit", commit, "err", err)
		} else if commit {
			js.log.Info("import committed", "job", j.ID, "user_id", u.ID, "source", rep.Source, "created", rep.Created,
				"already_imported", rep.Known)
		}
		j.mu.Lock()
		defer j.mu.Unlock()
		j.Report, j.Err = rep, err
		switch {
		case err != nil:
			j.State = jobFailed
		case commit && rep.Committed:
			j.State = jobDone
		default:
			j.State = jobChecked
		}
	}()
	return nil
}
