package minsheng

import "time"

// MaxPhotoBytes bounds one photo: enough for a phone's picture of a pothole,
// small enough that the database carries photos for every node.
const MaxPhotoBytes = 5 << 20

// PhotoTypes are the image types a photo may be, as sniffed from its bytes
// (never as the uploader claims).
var PhotoTypes = []string{"image/jpeg", "image/png", "image/webp"}

// Photo is a picture attached to a case: a field worker's of what they saw,
// a citizen's with a report. Data is left empty in lists.
type Photo struct {
	ID          int64     `json:"id"`
	CaseID      int64     `json:"case_id"`
	ContentType string    `json:"content_type"`
	Size        int       `json:"size"`
	Data        []byte    `json:"-"`
	UploadedBy  int64     `json:"uploaded_by,omitempty"`
	CreatedAt   time.Time `json:"created_at"`
}

// Validate checks a photo before it is stored; ContentType must already be
// the sniffed type.
func (p *Photo) Validate() error {
	if len(p.Data) == 0 {
		return Invalid("photo", "empty file")
	}
	if len(p.Data) > MaxPhotoBytes {
		return Invalid("photo", "at most %d MB", MaxPhotoBytes>>20)
	}
	for _, t := range PhotoTypes {
		if p.ContentType == t {
			p.Size = len(p.Data)
			return nil
		}
	}
	return Invalid("photo", "a JPEG, PNG or WebP image, not %s", p.ContentType)
}
