package server

import (
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// geoClient is an Open311 GeoReport v2 client written from the
// specification (wiki.open311.org/GeoReport_v2), not from our code: it
// knows only paths, form fields and the documents' shapes, and decodes
// them into its own types.
type geoClient struct {
	t    *testing.T
	root string // …/open311/v2
}

// get fetches a document; the raw body is returned too, so that tests can
// look for what must not be in it.
func (g geoClient) get(path string) (int, []byte) {
	g.t.Helper()
	res, err := http.Get(g.root + path)
	if err != nil {
		g.t.Fatalf("GET %s: %v", path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	g.checkType(res, path)
	return res.StatusCode, body
}

func (g geoClient) post(path string, form url.Values) (int, []byte, http.Header) {
	g.t.Helper()
	res, err := http.PostForm(g.root+path, form)
	if err != nil {
		g.t.Fatalf("POST %s: %v", path, err)
	}
	defer res.Body.Close()
	body, _ := io.ReadAll(res.Body)
	g.checkType(res, path)
	return res.StatusCode, body, res.Header
}

// checkType holds the answer's media type to the format in the path.
func (g geoClient) checkType(res *http.Response, path string) {
	g.t.Helper()
	ct := res.Header.Get("Content-Type")
	if strings.Contains(path, ".xml") && !strings.HasPrefix(ct, "text/xml") ||
		strings.Contains(path, ".json") && !strings.HasPrefix(ct, "application/json") {
		g.t.Errorf("%s: Content-Type %q", path, ct)
	}
}

// jsonOf decodes a JSON document into v or fails the test.
func jsonOf(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(body, v); err != nil {
		t.Fatalf("JSON %s: %v", body, err)
	}
}

// xmlOf decodes an XML document into v or fails the test.
func xmlOf(t *testing.T, body []byte, v any) {
	t.Helper()
	if err := xml.Unmarshal(body, v); err != nil {
		t.Fatalf("XML %s: %v", body, err)
	}
}

// The documents of the specification, as a client declares them.
type (
	specDiscovery struct {
		Changeset string `json:"changeset" xml:"changeset"`
		Endpoints []struct {
			Specification string   `json:"specification" xml:"specification"`
			URL           string   `json:"url" xml:"url"`
			Formats       []string `json:"formats" xml:"formats>format"`
		} `json:"endpoints" xml:"endpoints>endpoint"`
	}
	specService struct {
		Code     string `json:"service_code" xml:"service_code"`
		Name     string `json:"service_name" xml:"service_name"`
		Metadata bool   `json:"metadata" xml:"metadata"`
		Type     string `json:"type" xml:"type"`
		Group    string `json:"group" xml:"group"`
	}
	specServicesXML struct {
		XMLName  xml.Name      `xml:"services"`
		Services []specService `xml:"service"`
	}
	specDefinition struct {
		XMLName    xml.Name `json:"-" xml:"service_definition"`
		Code       string   `json:"service_code" xml:"service_code"`
		Attributes []struct {
			Code     string `json:"code" xml:"code"`
			Datatype string `json:"datatype" xml:"datatype"`
			Variable bool   `json:"variable" xml:"variable"`
			Values   []struct {
				Key  string `json:"key" xml:"key"`
				Name string `json:"name" xml:"name"`
			} `json:"values" xml:"values>value"`
		} `json:"attributes" xml:"attributes>attribute"`
	}
	specRequest struct {
		ID          string   `json:"service_request_id" xml:"service_request_id"`
		Token       string   `json:"token" xml:"token"`
		Notice      string   `json:"service_notice" xml:"service_notice"`
		Status      string   `json:"status" xml:"status"`
		StatusNotes string   `json:"status_notes" xml:"status_notes"`
		ServiceCode string   `json:"service_code" xml:"service_code"`
		ServiceName string   `json:"service_name" xml:"service_name"`
		Description string   `json:"description" xml:"description"`
		Agency      string   `json:"agency_responsible" xml:"agency_responsible"`
		Requested   string   `json:"requested_datetime" xml:"requested_datetime"`
		Updated     string   `json:"updated_datetime" xml:"updated_datetime"`
		Expected    string   `json:"expected_datetime" xml:"expected_datetime"`
		Address     string   `json:"address" xml:"address"`
		Lat         *float64 `json:"lat" xml:"lat"`
		Long        *float64 `json:"long" xml:"long"`
		MediaURL    string   `json:"media_url" xml:"media_url"`
	}
	specRequestsXML struct {
		XMLName  xml.Name      `xml:"service_requests"`
		Requests []specRequest `xml:"request"`
	}
	specError struct {
		Code        int    `json:"code" xml:"code"`
		Description string `json:"description" xml:"description"`
	}
	specErrorsXML struct {
		XMLName xml.Name    `xml:"errors"`
		Errors  []specError `xml:"error"`
	}
)

// wantError checks a refusal: the status, and the specification's error
// list carrying the same code, in the path's format.
func wantError(t *testing.T, what string, st int, body []byte, xmlFormat bool, want int) {
	t.Helper()
	if st != want {
		t.Errorf("%s: status %d, want %d: %s", what, st, want, body)
		return
	}
	var errs []specError
	if xmlFormat {
		var doc specErrorsXML
		xmlOf(t, body, &doc)
		errs = doc.Errors
	} else {
		jsonOf(t, body, &errs)
	}
	if len(errs) == 0 || errs[0].Code != want || errs[0].Description == "" {
		t.Errorf("%s: error list %s", what, body)
	}
}
