package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"minsheng"
)

// Limits of the portal's form: the text fields together stay small, the
// photo may be a phone picture, and an upload far beyond that is cut off
// rather than read to the end.
const (
	portalTextBytes  = 64 << 10
	portalUploadCap  = 16 << 20
	portalPhotoField = minsheng.PhotoField
)

// portalPost is the portal form as posted: its text fields, the photo's
// bytes when one was chosen, and why the photo was refused when it was.
type portalPost struct {
	Values   url.Values
	Photo    []byte
	PhotoErr string
}

// readPortalPost reads the portal form, plain or multipart. The multipart
// body is read part by part, so an oversized photo is noted under its field
// while every text field, before or after it, is kept as typed.
func readPortalPost(w http.ResponseWriter, r *http.Request, lang string) (*portalPost, error) {
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct != "multipart/form-data" {
		r.Body = http.MaxBytesReader(w, r.Body, portalTextBytes)
		if err := r.ParseForm(); err != nil {
			return nil, minsheng.Errorf(minsheng.EINVALID, "the form could not be read")
		}
		return &portalPost{Values: r.PostForm}, nil
	}
	r.Body = http.MaxBytesReader(w, r.Body, portalUploadCap)
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, minsheng.Errorf(minsheng.EINVALID, "the form could not be read")
	}
	p := &portalPost{Values: url.Values{}}
	text := 0
	for {
		part, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			p.PhotoErr = translate(lang, "portal.err.photo.size")
			break
		}
		if err != nil {
			return nil, minsheng.Errorf(minsheng.EINVALID, "the form could not be read")
		}
		name := part.FormName()
		if name == portalPhotoField {
			if part.FileName() == "" {
				continue // no photo chosen
			}
			data, err := io.ReadAll(io.LimitReader(part, minsheng.MaxPhotoBytes+1))
			if errors.As(err, &tooBig) || len(data) > minsheng.MaxPhotoBytes {
				p.PhotoErr = translate(lang, "portal.err.photo.size")
				continue
			}
			if err != nil {
				return nil, minsheng.Errorf(minsheng.EINVALID, "the photo could not be read")
			}
			p.Photo = data
			continue
		}
		v, err := io.ReadAll(io.LimitReader(part, portalTextBytes-int64(text)+1))
		if err != nil && !errors.As(err, &tooBig) {
			return nil, minsheng.Errorf(minsheng.EINVALID, "the form could not be read")
		}
		if text += len(v); text > portalTextBytes {
			return nil, minsheng.Errorf(minsheng.EINVALID, "the form is too long")
		}
		p.Values.Add(name, string(v))
	}
	return p, nil
}

// get is a text field, trimmed.
func (p *portalPost) get(name string) string { return strings.TrimSpace(p.Values.Get(name)) }
