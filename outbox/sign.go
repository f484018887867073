package outbox

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The headers of every webhook delivery.
//
// A receiver verifies a delivery like this:
//
//  1. Read X-Minsheng-Timestamp (Unix seconds) and refuse the delivery when
//     it is more than five minutes from the receiver's clock: a captured
//     request cannot be replayed later.
//  2. Compute HMAC-SHA256 with the webhook's secret over the timestamp, a
//     full stop, and the raw body bytes ("1764489600." + body), hex-encode
//     it, and compare it in constant time with X-Minsheng-Signature after
//     its "v1=" prefix. Refuse on a mismatch.
//  3. Look X-Minsheng-Delivery up in a table of delivery ids seen in the
//     last days; if present, answer 2xx and do nothing (a retry whose first
//     attempt arrived, but whose answer did not reach us). Otherwise act,
//     record the id, and answer 2xx.
//
// Verify does steps 1 and 2 for Go receivers (and for our tests).
const (
	HeaderTimestamp = "X-Minsheng-Timestamp"
	HeaderSignature = "X-Minsheng-Signature"
	HeaderDelivery  = "X-Minsheng-Delivery"
	HeaderTopic     = "X-Minsheng-Topic"
)

// Tolerance is how far a delivery's timestamp may be from the receiver's
// clock before Verify refuses it as a replay.
const Tolerance = 5 * time.Minute

// Sign returns the signature header value for a body sent at ts.
func Sign(secret string, ts time.Time, body []byte) string {
	return "v1=" + mac(secret, strconv.FormatInt(ts.Unix(), 10), body)
}

func mac(secret, ts string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte(ts))
	m.Write([]byte{'.'})
	m.Write(body)
	return hex.EncodeToString(m.Sum(nil))
}

// Errors of Verify.
var (
	ErrStale     = errors.New("webhook timestamp missing or outside the tolerance: possible replay")
	ErrSignature = errors.New("webhook signature does not match")
)

// Verify checks a received delivery's timestamp against now and its
// signature against the secret. Deduplication by delivery id is the
// receiver's own (step 3 above).
func Verify(secret string, h http.Header, body []byte, now time.Time) error {
	ts := h.Get(HeaderTimestamp)
	sec, err := strconv.ParseInt(ts, 10, 64)
	if err != nil {
		return ErrStale
	}
	if d := now.Sub(time.Unix(sec, 0)); d > Tolerance || d < -Tolerance {
		return ErrStale
	}
	got, ok := strings.CutPrefix(h.Get(HeaderSignature), "v1=")
	if !ok || !hmac.Equal([]byte(got), []byte(mac(secret, ts, body))) {
		return ErrSignature
	}
	return nil
}
