package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"minsheng"
)

// insertPhotos stores a new case's photos inside the transaction that
// creates it, taken by the actor's account (none for a citizen). Each is
// validated again here, so no caller can store an unchecked file.
func (s *Store) insertPhotos(b db, caseID int64, by minsheng.Actor, photos []*minsheng.Photo) error {
	now := s.now()
	for _, p := range photos {
		if err := p.Validate(); err != nil {
			return err
		}
		p.CaseID, p.UploadedBy, p.CreatedAt = caseID, by.UserID, now
		id, err := b.insert("INSERT INTO case_photos (case_id, content_type, size, data, uploaded_by, created_at) VALUES (?, ?, ?, ?, ?, ?)",
			p.CaseID, p.ContentType, p.Size, p.Data, nullID(p.UploadedBy), ms(p.CreatedAt))
		if err != nil {
			return fmt.Errorf("save photo of case %d: %w", caseID, err)
		}
		p.ID = id
	}
	return nil
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
			return nil, fmt.Errorf("scan photo of case %d: %w", caseID, err)
		}
		p.UploadedBy, p.CreatedAt = by.Int64, fromMS(at)
		out = append(out, p)
	}
	return out, rows.Err()
}
