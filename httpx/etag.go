package httpx

import (
	"net/http"
	"strconv"
	"strings"

	"minsheng"
)

// ETag is the strong entity tag of a record version: "7".
func ETag(version int) string { return `"` + strconv.Itoa(version) + `"` }

// IfMatch reads the If-Match header as RFC 9110 writes it: a quoted strong
// tag ("7"). It returns 0 when the header is absent or "*". A bare number is
// accepted too; a weak tag or anything else is refused, because a version
// check that silently switches off is worse than none.
func IfMatch(r *http.Request) (int, error) {
	v := strings.TrimSpace(r.Header.Get("If-Match"))
	if v == "" || v == "*" {
		return 0, nil
	}
	if strings.Contains(v, ",") {
		return 0, minsheng.Invalid("If-Match", "send one entity tag, the case's current version like \"7\"")
	}
	if strings.HasPrefix(v, "W/") {
		return 0, minsheng.Invalid("If-Match", "a weak tag cannot guard a change; send the strong tag from ETag")
	}
	v = strings.TrimSuffix(strings.TrimPrefix(v, `"`), `"`)
	n, err := strconv.Atoi(v)
	if err != nil || n <= 0 {
		return 0, minsheng.Invalid("If-Match", "send the case's version from its ETag, like \"7\"")
	}
	return n, nil
}
