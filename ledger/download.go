package ledger

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"time"

	"minsheng"
	"minsheng/service"
)

// Download answers an HTTP request with the ledger of a search as an
// attachment named by the Beijing time it was made, whatever the server's
// zone (台账-20261130-091500.xlsx). An error before the first byte is
// returned for the caller to render; once the file has started, the status
// is sent, so a failure only cuts the file short and is logged.
func Download(ctx context.Context, w http.ResponseWriter, svc *service.Service, u *minsheng.User, f minsheng.CaseFilter,
	format Format, log *slog.Logger) error {
	started := false
	err := Export(ctx, svc, u, f, format, w, func() {
		started = true
		stamp := time.Now().In(minsheng.Shanghai).Format("20060102-150405") + "." + string(format)
		w.Header().Set("Content-Type", format.ContentType())
		w.Header().Set("Content-Disposition", `attachment; filename="ledger-`+stamp+`"; filename*=UTF-8''`+
			url.PathEscape("台账-"+stamp))
		w.WriteHeader(http.StatusOK)
	})
	if err != nil && started {
		log.Warn("ledger export cut short", "user", u.ID, "err", err)
		return nil
	}
	return err
}
