package service

import (
	"context"
	"net/http"

	"minsheng"
)

// NewPhoto makes an attachment of an uploaded file, with the content type
// sniffed from its bytes: what the browser claims is never trusted, so a
// script renamed photo.jpg is refused. field names the form field for the
// error. Errors: EINVALID for a file of the wrong type or size.
func NewPhoto(field string, data []byte) (*minsheng.Attachment, error) {
	a := &minsheng.Attachment{ContentType: http.DetectContentType(data), Data: data}
	if err := a.Validate(field); err != nil {
		return nil, err
	}
	return a, nil
}

// CaseAttachments lists a case's files for a user who may read the case.
func (s *Service) CaseAttachments(ctx context.Context, u *minsheng.User, caseID int64) ([]minsheng.Attachment, error) {
	if _, err := s.visibleCase(ctx, u, caseID); err != nil {
		return nil, err
	}
	return s.store.Attachments(ctx, caseID)
}

// CaseAttachment returns one file of a case, with its bytes, for a user who
// may read the case; for anyone else the file does not exist.
func (s *Service) CaseAttachment(ctx context.Context, u *minsheng.User, caseID, id int64) (*minsheng.Attachment, error) {
	if _, err := s.visibleCase(ctx, u, caseID); err != nil {
		return nil, err
	}
	return s.store.Attachment(ctx, caseID, id)
}
