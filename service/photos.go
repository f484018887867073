package service

import (
	"context"
	"net/http"
	"strings"

	"minsheng"
)

// NewPhoto makes a photo of an uploaded file, with the content type sniffed
// from its bytes: what the browser claims is never trusted, so a script
// renamed photo.jpg is refused. Errors: EINVALID naming minsheng.PhotoField
// for a file of the wrong type or size.
func NewPhoto(data []byte) (*minsheng.Photo, error) {
	p := &minsheng.Photo{ContentType: sniffPhoto(data), Data: data}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// sniffPhoto is the content type of a file judged by its first bytes,
// without parameters such as a charset.
func sniffPhoto(data []byte) string {
	t := http.DetectContentType(data)
	if i := strings.IndexByte(t, ';'); i >= 0 {
		t = t[:i]
	}
	return t
}

// Photo returns a photo with its bytes if the user may read its case.
// Errors: ENOTFOUND (missing or out of scope: one answer for both).
func (s *Service) Photo(ctx context.Context, u *minsheng.User, id int64) (*minsheng.Photo, error) {
	if err := allow(u, minsheng.OpPhotoRead); err != nil {
		return nil, err
	}
	p, err := s.store.Photo(ctx, id)
	if err != nil {
		return nil, err
	}
	c, err := s.store.Case(ctx, p.CaseID)
	if err != nil && minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
		return nil, err
	}
	if err != nil || !readable(c, u) {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such photo")
	}
	return p, nil
}

// CasePhotos lists the photos of a case the user may read, without their
// bytes, oldest first. Errors: ENOTFOUND (missing or out of scope).
func (s *Service) CasePhotos(ctx context.Context, u *minsheng.User, caseID int64) ([]minsheng.Photo, error) {
	if err := allow(u, minsheng.OpPhotoRead); err != nil {
		return nil, err
	}
	c, err := s.store.Case(ctx, caseID)
	if err != nil && minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
		return nil, err
	}
	if err != nil || !readable(c, u) {
		return nil, notFoundCase
	}
	return s.store.CasePhotos(ctx, caseID)
}
