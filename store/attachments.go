package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"minsheng"
)

// insertAttachments stores a new case's files inside its transaction. Each
// is validated again here, so no caller can store an unchecked file.
func insertAttachments(b db, caseID int64, atts []*minsheng.Attachment, now time.Time) error {
	for i, a := range atts {
		if err := a.Validate(fmt.Sprintf("attachments[%d]", i)); err != nil {
			return err
		}
		a.CaseID, a.Size, a.CreatedAt = caseID, len(a.Data), now
		id, err := b.insert("INSERT INTO case_attachments (case_id, content_type, size, data, created_at) VALUES (?, ?, ?, ?, ?)",
			caseID, a.ContentType, a.Size, a.Data, ms(now))
		if err != nil {
			return fmt.Errorf("store attachment: %w", err)
		}
		a.ID = id
	}
	return nil
}

// SaveAttachment adds a file to an existing case. Errors: EINVALID for a
// file of the wrong type or size, or an unknown case.
func (s *Store) SaveAttachment(ctx context.Context, a *minsheng.Attachment) error {
	err := s.w.do(ctx, func(tx *wtx) error {
		b := s.txdb(ctx, tx)
		var n int
		if err := b.row("SELECT COUNT(*) FROM cases WHERE id = ?", a.CaseID).Scan(&n); err != nil {
			return err
		}
		if n == 0 {
			return minsheng.Invalid("case_id", "no such case")
		}
		return insertAttachments(b, a.CaseID, []*minsheng.Attachment{a}, s.now())
	})
	if err != nil {
		return fmt.Errorf("save attachment of case %d: %w", a.CaseID, err)
	}
	return nil
}

// Attachments lists a case's files without their bytes, oldest first.
func (s *Store) Attachments(ctx context.Context, caseID int64) ([]minsheng.Attachment, error) {
	rows, err := s.rdb(ctx).rows("SELECT id, case_id, content_type, size, created_at FROM case_attachments WHERE case_id = ? ORDER BY id", caseID)
	if err != nil {
		return nil, fmt.Errorf("list attachments: %w", err)
	}
	defer rows.Close()
	var out []minsheng.Attachment
	for rows.Next() {
		var a minsheng.Attachment
		var created int64
		if err := rows.Scan(&a.ID, &a.CaseID, &a.ContentType, &a.Size, &created); err != nil {
			return nil, fmt.Errorf("scan attachment: %w", err)
		}
		a.CreatedAt = fromMS(created)
		out = append(out, a)
	}
	return out, rows.Err()
}

// Attachment returns one file of a case with its bytes. Errors: ENOTFOUND,
// also when the file belongs to another case.
func (s *Store) Attachment(ctx context.Context, caseID, id int64) (*minsheng.Attachment, error) {
	var a minsheng.Attachment
	var created int64
	err := s.rdb(ctx).row("SELECT id, case_id, content_type, size, data, created_at FROM case_attachments WHERE id = ? AND case_id = ?", id, caseID).
		Scan(&a.ID, &a.CaseID, &a.ContentType, &a.Size, &a.Data, &created)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, minsheng.Errorf(minsheng.ENOTFOUND, "no such attachment")
	}
	if err != nil {
		return nil, fmt.Errorf("load attachment %d: %w", id, err)
	}
	a.CreatedAt = fromMS(created)
	return &a, nil
}
