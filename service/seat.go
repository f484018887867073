package service

import (
	"context"
	"strconv"
	"strings"
	"time"

	"minsheng"
)

// seatOf records on a phone case the special seat (expert, business
// environment, guest) of the agent who took it, so the case page can say
// who answered; other channels have no seat.
func seatOf(u *minsheng.User, c *minsheng.Case) {
	if c.Channel == DefaultChannel {
		c.SeatType = u.SeatType
	}
}

// SeatType returns the special seat of an account (admins, for the user form).
func (s *Service) SeatType(ctx context.Context, u *minsheng.User, userID int64) (minsheng.SeatType, error) {
	if err := allow(u, minsheng.OpUserRead); err != nil {
		return "", err
	}
	acc, err := s.store.User(ctx, userID)
	if err != nil {
		return "", err
	}
	return acc.SeatType, nil
}

// SetSeatType puts an account at a special seat or back at an ordinary one.
func (s *Service) SetSeatType(ctx context.Context, u *minsheng.User, userID int64, t minsheng.SeatType) error {
	if err := allow(u, minsheng.OpUserWrite); err != nil {
		return err
	}
	if err := s.store.SetSeatType(ctx, userID, t); err != nil {
		return err
	}
	s.audit(u, "set seat type "+string(t), userID)
	return nil
}

// NewSeatLog is an entry of the operator's log as the agent writes it.
type NewSeatLog struct {
	Kind   minsheng.SeatLogKind `json:"kind"`
	Text   string               `json:"text"`
	CaseID int64                `json:"case_id"`
}

// AddSeatLog writes an entry of the operator's log (接线民情日志). A case it
// names must be one the agent may read.
func (s *Service) AddSeatLog(ctx context.Context, u *minsheng.User, in NewSeatLog) (*minsheng.SeatLog, error) {
	if err := allow(u, minsheng.OpSeatLogWrite); err != nil {
		return nil, err
	}
	if in.CaseID != 0 {
		if _, err := s.visibleCase(ctx, u, in.CaseID); err != nil {
			return nil, minsheng.Invalid("case_id", "no such case")
		}
	}
	l := &minsheng.SeatLog{UserID: u.ID, Kind: in.Kind, Text: in.Text, CaseID: in.CaseID}
	if err := s.store.AddSeatLog(ctx, l); err != nil {
		return nil, err
	}
	return l, nil
}

// SeatLogs lists the operator's log of the last days, newest first; mine
// keeps only the user's own entries.
func (s *Service) SeatLogs(ctx context.Context, u *minsheng.User, days int, mine bool) ([]minsheng.SeatLog, error) {
	if err := allow(u, minsheng.OpSeatLogRead); err != nil {
		return nil, err
	}
	if days <= 0 || days > 366 {
		return nil, minsheng.Invalid("days", "from 1 to 366")
	}
	f := minsheng.SeatLogFilter{After: s.Now().Add(-time.Duration(days) * 24 * time.Hour), Limit: 500}
	if mine {
		f.UserID = u.ID
	}
	out, err := s.store.SeatLogs(ctx, f)
	if out == nil && err == nil {
		out = []minsheng.SeatLog{}
	}
	return out, err
}

// CaseIDByNumber finds a case the user may read by the number read out to
// callers ("20261125-0004711") or by its bare id. Errors: EINVALID for
// something that is not a number, ENOTFOUND.
func (s *Service) CaseIDByNumber(ctx context.Context, u *minsheng.User, num string) (int64, error) {
	_, tail, full := strings.Cut(num, "-")
	if !full {
		tail = num
	}
	id, err := strconv.ParseInt(tail, 10, 64)
	if err != nil || id <= 0 {
		return 0, minsheng.Invalid("case", "a case number such as 20261125-0004711")
	}
	c, err := s.visibleCase(ctx, u, id)
	if err != nil {
		return 0, err
	}
	if full && c.Number != num {
		return 0, minsheng.Errorf(minsheng.ENOTFOUND, "no case has this number")
	}
	return id, nil
}
