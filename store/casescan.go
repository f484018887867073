package store

import (
	"database/sql"
	"strconv"
	"strings"

	"minsheng"
)

// caseColumns is the column list every case query selects, in scanCase order.
const caseColumns = `id, tracking_code, channel, channel_ref, citizen_name, citizen_phone,
anonymous, title, content, category_id, address, lat, lng, urgency, wants_reply, status, track,
org_id, org_path, co_org_ids, org_chain, due_at, paused_at, paused_from, supervision, return_count,
send_backs, reopen_count, visit_tries, merged_into, ext_days, pause_requested, reply, outcome, replied_at, solved,
satisfaction, created_by, created_at, updated_at, closed_at, version, leader_assigned, campaign_id, dispute_org_id, clue_org_id,
publish_consent, seat_type, citizen_solved, citizen_satisfaction, rated_at`

type rowScanner interface{ Scan(dest ...any) error }

func scanCase(r rowScanner) (*minsheng.Case, error) {
	var (
		c                           minsheng.Case
		cat, org, merged, createdBy sql.NullInt64
		lat, lng                    sql.NullFloat64
		paused, replied, closed     sql.NullInt64
		solved                      sql.NullBool
		due, created, updated       int64
		coOrgs, chain               string
		campaign, dispute, clue     sql.NullInt64
		citizenSolved               sql.NullBool
		rated                       sql.NullInt64
	)
	err := r.Scan(&c.ID, &c.TrackingCode, &c.Channel, &c.ChannelRef, &c.Citizen.Name,
		&c.Citizen.Phone, &c.Citizen.Anonymous, &c.Title, &c.Content, &cat, &c.Address, &lat, &lng,
		&c.Urgency, &c.WantsReply, &c.Status, &c.Track, &org, &c.OrgPath, &coOrgs, &chain, &due,
		&paused, &c.PausedFrom, &c.Supervision, &c.ReturnCount, &c.SendBacks, &c.ReopenCount,
		&c.VisitTries, &merged, &c.ExtDays, &c.PauseRequested, &c.Reply, &c.Outcome, &replied, &solved,
		&c.Satisfaction, &createdBy, &created, &updated, &closed, &c.Version, &c.LeaderAssigned, &campaign, &dispute, &clue,
		&c.PublishConsent, &c.SeatType, &citizenSolved, &c.CitizenSatisfaction, &rated)
	if err != nil {
		return nil, err
	}
	c.CategoryID, c.OrgID, c.MergedInto, c.CreatedBy = cat.Int64, org.Int64, merged.Int64, createdBy.Int64
	c.CampaignID, c.DisputeOrgID, c.ClueOrgID = campaign.Int64, dispute.Int64, clue.Int64
	if lat.Valid && lng.Valid {
		c.Lat, c.Lng = &lat.Float64, &lng.Float64
	}
	c.CoOrgIDs, c.OrgChain = parseIDs(coOrgs), parseIDs(chain)
	c.DueAt, c.CreatedAt, c.UpdatedAt = fromMS(due), fromMS(created), fromMS(updated)
	c.Number = minsheng.CaseNumber(c.ID, c.CreatedAt)
	c.PausedAt, c.RepliedAt, c.ClosedAt = fromNullMS(paused), fromNullMS(replied), fromNullMS(closed)
	if solved.Valid {
		c.Solved = &solved.Bool
	}
	if citizenSolved.Valid {
		c.CitizenSolved = &citizenSolved.Bool
	}
	c.RatedAt = fromNullMS(rated)
	return &c, nil
}

// formatIDs stores an id list as ",1,2," so that one id can be matched with LIKE.
func formatIDs(ids []int64) string {
	if len(ids) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteByte(',')
	for _, id := range ids {
		b.WriteString(strconv.FormatInt(id, 10))
		b.WriteByte(',')
	}
	return b.String()
}

func parseIDs(s string) []int64 {
	var out []int64
	for _, f := range strings.Split(strings.Trim(s, ","), ",") {
		if id, err := strconv.ParseInt(f, 10, 64); err == nil {
			out = append(out, id)
		}
	}
	return out
}

func nullID(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

func nullFloat(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

func nullBool(b *bool) any {
	if b == nil {
		return nil
	}
	return *b
}

// scanAll reads every row with scan, then closes the rows.
func scanAll[T any](rows *sql.Rows, scan func(rowScanner) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		x, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	return out, rows.Err()
}
