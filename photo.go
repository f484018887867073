package minsheng

import "time"

// MaxPhotoBytes bounds one photo: enough for a phone's picture of a pothole,
// small enough that the database carries photos for every node.
const MaxPhotoBytes = 5 << 20

// PhotoTypes are the image types a photo may be, as sniffed from its bytes
// (never as the uploader claims): the pictures phones take and browsers show.
var PhotoTypes = []string{"image/jpeg", "image/png", "image/webp"}

// PhotoField is the form field a photo comes in, on the citizens' portal and
// the field report alike, so that an error about a photo sits under it.
const PhotoField = "photo"

// Photo is a picture attached to a case: a citizen's sent with a portal
// request, a field worker's or a department's of what they saw. UploadedBy
// is the staff account that took it, 0 for a citizen's. Data is left empty
// in lists.
type Photo struct {
	ID          int64     `json:"id"`
	CaseID      int64     `json:"case_id"`
	ContentType string    `json:"content_type"`
	Size        int       `json:"size"`
	Data        []byte    `json:"-"`
	UploadedBy  int64     `json:"uploaded_by,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks a photo before it is stored and sets its Size;
// ContentType must already be the sniffed type. Errors: EINVALID naming
// PhotoField.
func (p *Photo) Validate() error {
	if len(p.Data) == 0 {
		return Invalid(PhotoField, "the file is empty")
	}
	if len(p.Data) > MaxPhotoBytes {
		return Invalid(PhotoField, "at most %d MB", MaxPhotoBytes>>20)
	}
	for _, t := range PhotoTypes {
		if p.ContentType == t {
			p.Size = len(p.Data)
			return nil
		}
	}
	return Invalid(PhotoField, "a JPEG, PNG or WebP image, not %s", p.ContentType)
}
