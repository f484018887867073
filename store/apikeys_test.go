package store

import (
	"context"
	"testing"

	"minsheng"
)

// TestAPIKeys checks keys on both databases: a key and its machine account
// are made together; a lookup by hash gives the key's role; revoking stops
// the lookup and changes nothing the second time; a bad organisation makes
// neither; an Open311 token finds its case.
func TestAPIKeys(t *testing.T) {
	eachDB(t, func(t *testing.T, s *Store) {
		ctx := context.Background()
		org := &minsheng.Org{Name: "热线办", Kind: minsheng.OrgHotline}
		if err := s.CreateOrg(ctx, org); err != nil {
			t.Fatal(err)
		}
		k := &minsheng.APIKey{Name: "市长信箱", Role: minsheng.RoleAgent, OrgID: org.ID, Prefix: "msk_abcd1234"}
		if err := s.CreateAPIKey(ctx, k, "apikey-abcd1234", "hash-1"); err != nil {
			t.Fatal(err)
		}
		bad := &minsheng.APIKey{Name: "x", Role: minsheng.RoleAgent, OrgID: 9999}
		if err := s.CreateAPIKey(ctx, bad, "apikey-x", "hash-2"); minsheng.ErrorCode(err) != minsheng.EINVALID {
			t.Errorf("unknown organisation: %v", err)
		}
		if _, err := s.UserByName(ctx, "apikey-x"); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Errorf("an account without its key: %v", err)
		}
		got, u, err := s.APIKeyUser(ctx, "hash-1")
		if err != nil || got.ID != k.ID || u.ID != k.UserID || u.Role != minsheng.RoleAgent || u.OrgPath == "" {
			t.Fatalf("lookup: %v %+v %+v", err, got, u)
		}
		if err := s.TouchAPIKey(ctx, k.ID, s.now()); err != nil {
			t.Fatal(err)
		}
		keys, err := s.APIKeys(ctx)
		if err != nil || len(keys) != 1 || keys[0].LastUsedAt == nil || keys[0].Prefix != "msk_abcd1234" {
			t.Fatalf("list: %v %+v", err, keys)
		}
		for range 2 {
			r, err := s.RevokeAPIKey(ctx, k.ID)
			if err != nil || r.RevokedAt == nil {
				t.Fatalf("revoke: %v %+v", err, r)
			}
		}
		if _, _, err := s.APIKeyUser(ctx, "hash-1"); minsheng.ErrorCode(err) != minsheng.EUNAUTHORIZED {
			t.Errorf("revoked key: %v", err)
		}
		if _, err := s.RevokeAPIKey(ctx, 9999); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Errorf("revoke unknown: %v", err)
		}

		c := &minsheng.Case{Channel: "open311", ChannelRef: "tok-1", Content: "井盖缺失"}
		if _, err := s.CreateCase(ctx, c, minsheng.Actor{UserID: k.UserID, Role: minsheng.RoleAgent, OrgID: org.ID}, ""); err != nil {
			t.Fatal(err)
		}
		if found, err := s.CaseByChannelRef(ctx, "open311", "tok-1"); err != nil || found.ID != c.ID || found.CreatedBy != k.UserID {
			t.Errorf("by token: %v %+v", err, found)
		}
		if _, err := s.CaseByChannelRef(ctx, "phone", "tok-1"); minsheng.ErrorCode(err) != minsheng.ENOTFOUND {
			t.Errorf("another channel's reference: %v", err)
		}
	})
}
