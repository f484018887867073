package minsheng

import "time"

// MaxAttachmentBytes is the largest file a request may carry: a phone photo
// fits, a video does not. The database keeps every byte on every node.
const MaxAttachmentBytes = 4 << 20

// AttachmentTypes are the content types a request's file may have, as
// sniffed from its bytes: the photos phones take and browsers show.
var AttachmentTypes = []string{"image/jpeg", "image/png", "image/webp"}

// Attachment is a file sent with a request, such as the portal's photo.
type Attachment struct {
	ID          int64     `json:"id"`
	CaseID      int64     `json:"case_id"`
	ContentType string    `json:"content_type"`
	Size        int       `json:"size"`
	Data        []byte    `json:"-"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks the file's sniffed type and size; field names the form
// field the file came in, so the error sits under it.
func (a *Attachment) Validate(field string) error {
	ok := false
	for _, t := range AttachmentTypes {
		ok = ok || a.ContentType == t
	}
	if !ok {
		return Invalid(field, "a JPEG, PNG or WebP photo, not %s", a.ContentType)
	}
	if len(a.Data) == 0 {
		return Invalid(field, "the file is empty")
	}
	if len(a.Data) > MaxAttachmentBytes {
		return Invalid(field, "at most %d MB", MaxAttachmentBytes>>20)
	}
	return nil
}
