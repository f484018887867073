package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"minsheng"
)

// insertPhoto stores a validated photo inside a write transaction.
func (s *Store) insertPhoto(b db, p *minsheng.Photo) error {
	p.CreatedAt = s.now()
	var err error
	p.ID, err = b.insert("INSERT INTO case_photos (case_id, content_type, size, data, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		p.CaseID, p.ContentType, len(p.Data), p.Data, nullID(p.UploadedBy), ms(p.CreatedAt))
	if err != nil {
		return fmt.Errorf("save photo of case %d: %w", p.CaseID, invalidRef(err, "case_id", "case"))
	}
	return nil
}

// SavePhoto attaches a photo to a case. The photo's ContentType must be the
// type sniffed from its bytes. Errors: EINVALID (empty, too large, not an
// image, unknown case).
func (s *Store) SavePhoto(ctx context.Context, p *minsheng.Photo) error {
	if err := p.Validate(); err != nil {
		return err
	}
	return s.w.do(ctx, func(tx *wtx) error { return s.insertPhoto(s.txdb(ctx, tx), p) })
}

// Photo returns one photo with its bytes. Errors: ENOTFOUND.
func (s *Store) Photo(ctx context.Context, id int64) (*minsheng.Photo, error) {
	var p minsheng.Photo
	var by sql.NullInt64
	var at int64
	err := s.rdb(ctx).row("SELECT id, case_id, content_type, size, data, uploaded_by, created_at FROM case_photos WHERE id = ?", id).
		Scan(&p.ID, &p.CaseID, &p.ContentType, &p.Size, &p.Data, &by, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, fmt.Errorf("photo %d: %w", id, minsheng.ErrNotFound)
	}
	if err != nil {
		return nil, fmt.Errorf("photo %d: %w", id, err)
	}
	p.UploadedBy, p.CreatedAt = by.Int64, fromMS(at)
	return &p, nil
}

// CasePhotos lists a case's photos without their bytes, oldest first.
func (s *Store) CasePhotos(ctx context.Context, caseID int64) ([]minsheng.Photo, error) {
	rows, err := s.rdb(ctx).rows("SELECT id, case_id, content_type, size, uploaded_by, created_at FROM case_photos WHERE case_id = ? ORDER BY id", caseID)
	if err != nil {
		return nil, fmt.Errorf("photos of case %d: %w", caseID, err)
	}
	defer rows.Close()
	var out []minsheng.Photo
	for rows.Next() {
		var p minsheng.Photo
		var by sql.NullInt64
		var at int64
		if err := rows.Scan(&p.ID, &p.CaseID, &p.ContentType, &p.Size, &by, &at); err != nil {
			return nil, err
		}
		p.UploadedBy, p.CreatedAt = by.Int64, fromMS(at)
		out = append(out, p)
	}
	return out, rows.Err()
}
