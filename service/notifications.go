package service

import (
	"context"

	"minsheng"
)

// NotificationList is one page of a user's notifications with the count
// still unread.
type NotificationList struct {
	Items  []minsheng.Notification `json:"items"`
	Unread int                     `json:"unread"`
	// NextBefore pages on: pass it as before for older ones (0: no more).
	NextBefore int64 `json:"next_before,omitempty"`
}

// Notifications lists the signed-in user's own notifications, newest first.
func (s *Service) Notifications(ctx context.Context, u *minsheng.User, unreadOnly bool, before int64, limit int) (*NotificationList, error) {
	if err := allow(u, minsheng.OpNotificationRead); err != nil {
		return nil, err
	}
	if limit == 0 {
		limit = 50
	}
	if limit < 1 || limit > 200 {
		return nil, minsheng.Invalid("limit", "1-200")
	}
	if before < 0 {
		return nil, minsheng.Invalid("before", "a notification id")
	}
	items, err := s.store.Notifications(ctx, u.ID, unreadOnly, before, limit)
	if err != nil {
		return nil, err
	}
	n, err := s.store.UnreadNotifications(ctx, u.ID)
	if err != nil {
		return nil, err
	}
	out := &NotificationList{Items: items, Unread: n}
	if out.Items == nil {
		out.Items = []minsheng.Notification{}
	}
	if len(items) == limit {
		out.NextBefore = items[len(items)-1].ID
	}
	return out, nil
}

// UnreadNotifications is the number on the bell in the page header; 0 for
// nobody signed in.
func (s *Service) UnreadNotifications(ctx context.Context, u *minsheng.User) (int, error) {
	if u == nil || allow(u, minsheng.OpNotificationRead) != nil {
		return 0, nil
	}
	return s.store.UnreadNotifications(ctx, u.ID)
}

// MarkNotificationsRead marks one of the user's notifications read (id), or
// all of them (id 0), and returns how many changed. Another user's
// notification is not found.
func (s *Service) MarkNotificationsRead(ctx context.Context, u *minsheng.User, id int64) (int, error) {
	if err := allow(u, minsheng.OpNotificationRead); err != nil {
		return 0, err
	}
	return s.store.MarkNotificationsRead(ctx, u.ID, id)
}
