package httpx

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"

	"minsheng"
)

func TestDecode(t *testing.T) {
	type inner struct {
		Name string `json:"name"`
	}
	type body struct {
		Content string   `json:"content"`
		Count   int      `json:"count"`
		Who     inner    `json:"who"`
		Tags    []string `json:"tags"`
	}
	for _, tc := range []struct {
		name, in string
		allowed  []string
		field    string // "" means success
		msg      string
	}{
		{"ok", `{"content":"路灯","count":2,"who":{"name":"李"},"tags":["a"]}`, nil, "", ""},
		{"unknown top-level", `{"content":"x","citizen_phone":"1"}`, nil, "citizen_phone", "unknown field"},
		{"unknown nested", `{"who":{"mobile":"1"}}`, nil, "mobile", "unknown field"},
		{"outside the allowed list", `{"content":"x","count":1}`, []string{"content"}, "count", "this request takes content"},
		{"NUL in value", `{"content":"a\u0000b"}`, nil, "content", "NUL"},
		{"NUL in a list", `{"tags":["ok","b\u0000"]}`, nil, "tags[1]", "NUL"},
		{"NUL nested", `{"who":{"name":"\u0000"}}`, nil, "who.name", "NUL"},
		{"number for text", `{"content":5}`, nil, "content", "must be a string, not a number"},
		{"text for number", `{"count":"two"}`, nil, "count", "must be a whole number, not a string"},
		{"fraction for whole number", `{"count":1.5}`, nil, "count", "must be a whole number"},
		{"array body", `[]`, nil, "", "must be a JSON object, not a list"},
		{"two values", `{} {}`, nil, "", "more than one JSON value"},
		{"empty", `  `, nil, "", "empty"},
		{"GBK bytes", "{\"content\":\"\xb9\xa9\"}", nil, "", "UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("POST", "/", strings.NewReader(tc.in))
			var v body
			err := DecodeOnly(httptest.NewRecorder(), r, &v, tc.allowed)
			if tc.field == "" && tc.msg == "" {
				if err != nil {
					t.Fatalf("unexpected error %v", err)
				}
				return
			}
			if err == nil || minsheng.ErrorCode(err) != minsheng.EINVALID || minsheng.ErrorField(err) != tc.field ||
				!strings.Contains(minsheng.ErrorMessage(err), tc.msg) {
				t.Fatalf("got %v (field %q), want field %q with %q", err, minsheng.ErrorField(err), tc.field, tc.msg)
			}
		})
	}
}

func TestQueryBool(t *testing.T) {
	for in, want := range map[string]any{"": false, "true": true, "1": true, "FALSE": false, "0": false, "yes": "error", "on": "error"} {
		q := NewQuery(httptest.NewRequest("GET", "/?overdue="+in, nil))
		got := q.Bool("overdue")
		if want == "error" {
			if q.Err() == nil || minsheng.ErrorField(q.Err()) != "overdue" {
				t.Errorf("%q: want an error naming overdue, got %v", in, q.Err())
			}
			continue
		}
		if q.Err() != nil || got != want {
			t.Errorf("%q: got %v %v", in, got, q.Err())
		}
	}
}

func TestIfMatch(t *testing.T) {
	for in, want := range map[string]int{"": 0, "*": 0, `"99"`: 99, "99": 99, `W/"99"`: -1, `"a"`: -1, `"1", "2"`: -1} {
		r := httptest.NewRequest("POST", "/", nil)
		r.Header.Set("If-Match", in)
		got, err := IfMatch(r)
		if (want == -1) != (err != nil) || (want >= 0 && got != want) {
			t.Errorf("If-Match %s: %d %v", in, got, err)
		}
	}
}

// TestAccessLog serves a request through the middleware on a real server and
// reads the line it logged.
func TestAccessLog(t *testing.T) {
	var buf bytes.Buffer
	var mu sync.Mutex
	log := slog.New(slog.NewJSONHandler(&lockedWriter{w: &buf, mu: &mu}, nil))
	mux := http.NewServeMux()
	mux.HandleFunc("GET /things/{id}", func(w http.ResponseWriter, r *http.Request) {
		SetUser(r.Context(), 42)
		w.WriteHeader(http.StatusTeapot)
	})
	srv := httptest.NewServer(Chain(mux, AccessLog(log), SecurityHeaders))
	defer srv.Close()
	req, _ := http.NewRequest("GET", srv.URL+"/things/7", nil)
	req.Header.Set("X-Request-Id", "abc-123")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Header.Get("X-Request-Id") != "abc-123" || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("headers: %v", resp.Header)
	}
	mu.Lock()
	defer mu.Unlock()
	var line map[string]any
	if err := json.Unmarshal(buf.Bytes(), &line); err != nil {
		t.Fatalf("log line %q: %v", buf.String(), err)
	}
	for k, want := range map[string]any{"method": "GET", "route": "GET /things/{id}", "status": 418.0, "user_id": 42.0, "request_id": "abc-123"} {
		if line[k] != want {
			t.Errorf("%s = %v, want %v (%s)", k, line[k], want, buf.String())
		}
	}
	if _, ok := line["duration_ms"].(float64); !ok {
		t.Errorf("no duration: %s", buf.String())
	}
}

type lockedWriter struct {
	w  *bytes.Buffer
	mu *sync.Mutex
}

func (l *lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}
