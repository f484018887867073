package service

import (
	"context"
	"strings"

	"minsheng"
	"minsheng/lifecycle"
)

// FieldReport is a request recorded away from the hotline: by a field worker
// (民情书记/网格员) on a citizen's behalf, or by a department for a problem it
// met that belongs to another department. Photos are the uploaded files'
// bytes; SolvedOnSpot with Result closes it at once (field workers only).
type FieldReport struct {
	Citizen      minsheng.Citizen `json:"citizen"`
	Title        string           `json:"title"`
	Content      string           `json:"content"`
	CategoryID   int64            `json:"category_id"`
	Address      string           `json:"address"`
	Lat          *float64         `json:"lat"`
	Lng          *float64         `json:"lng"`
	SolvedOnSpot bool             `json:"solved_on_spot"`
	Result       string           `json:"result"`
	// Photos are the images' bytes (base64 in JSON).
	Photos [][]byte `json:"photos"`
}

// MaxFieldPhotos bounds the photos of one report.
const MaxFieldPhotos = 3

// RecordFieldReport records a field report in one transaction: the case
// (channel "field" for a field worker, "department" for a department's
// staff), its photos, and, when solved on the spot, the direct answer that
// closes it and tells the citizen. Photos are checked by their bytes, not
// by what the browser claims. Errors: EINVALID naming the field.
func (s *Service) RecordFieldReport(ctx context.Context, u *minsheng.User, in FieldReport, key string) (*Created, error) {
	if err := allow(u, minsheng.OpFieldReport); err != nil {
		return nil, err
	}
	if len(key) > MaxKey || strings.ContainsRune(key, 0) {
		return nil, minsheng.Invalid("Idempotency-Key", "at most %d characters, no NUL", MaxKey)
	}
	ch := minsheng.Channel("department")
	if u.Role == minsheng.RoleFieldWorker {
		ch = "field"
	}
	c := &minsheng.Case{Channel: ch, Citizen: in.Citizen, Title: in.Title, Content: in.Content, CategoryID: in.CategoryID,
		Address: in.Address, Lat: in.Lat, Lng: in.Lng, Urgency: minsheng.UrgencyNormal, WantsReply: true}
	if err := c.Validate(); err != nil {
		return nil, err
	}
	if strings.TrimSpace(c.Address) == "" && c.Lat == nil {
		return nil, minsheng.Invalid("address", "say where: an address or a position")
	}
	if len(in.Photos) > MaxFieldPhotos {
		return nil, minsheng.Invalid(minsheng.PhotoField, "at most %d photos", MaxFieldPhotos)
	}
	photos := make([]*minsheng.Photo, 0, len(in.Photos))
	for _, data := range in.Photos {
		p, err := NewPhoto(data)
		if err != nil {
			return nil, err
		}
		photos = append(photos, p)
	}
	var solved *lifecycle.Request
	if in.SolvedOnSpot {
		if u.Role != minsheng.RoleFieldWorker {
			return nil, minsheng.Invalid("solved", "a department records the request for the unit it belongs to; it is not closed here")
		}
		result := strings.TrimSpace(in.Result)
		if len([]rune(result)) < 2 {
			return nil, minsheng.Invalid("result", "say how it was solved")
		}
		solved = &lifecycle.Request{Action: lifecycle.Answer, Content: result, Outcome: minsheng.OutcomeSolved}
	}
	created, err := s.store.CreateFieldCase(ctx, c, minsheng.ActorOf(u), key, photos, solved)
	if err != nil {
		return nil, err
	}
	return &Created{ID: c.ID, Number: c.Number, TrackingCode: c.TrackingCode, Status: c.Status, Track: c.Track,
		DueAt: c.DueAt, CreatedAt: c.CreatedAt, New: created}, nil
}
