package open311

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode"

	"minsheng"
	"minsheng/auth"
	"minsheng/service"
)

// requestItem is a service request as the standard shows it. It has no
// field for the citizen's name, phone or email: they are taken on POST and
// never shown again.
type requestItem struct {
	ID          string   `json:"service_request_id" xml:"service_request_id"`
	Status      string   `json:"status" xml:"status"`
	StatusNotes string   `json:"status_notes" xml:"status_notes"`
	ServiceName string   `json:"service_name" xml:"service_name"`
	ServiceCode string   `json:"service_code" xml:"service_code"`
	Description string   `json:"description" xml:"description"`
	Agency      string   `json:"agency_responsible" xml:"agency_responsible"`
	Notice      string   `json:"service_notice" xml:"service_notice"`
	Requested   string   `json:"requested_datetime" xml:"requested_datetime"`
	Updated     string   `json:"updated_datetime" xml:"updated_datetime"`
	Expected    string   `json:"expected_datetime" xml:"expected_datetime"`
	Address     string   `json:"address" xml:"address"`
	AddressID   string   `json:"address_id" xml:"address_id"`
	Zipcode     string   `json:"zipcode" xml:"zipcode"`
	Lat         *float64 `json:"lat" xml:"lat"`
	Long        *float64 `json:"long" xml:"long"`
	MediaURL    string   `json:"media_url" xml:"media_url"`
}

type xmlRequests struct {
	XMLName  xml.Name `xml:"service_requests"`
	Requests any      `xml:"request"`
}

// mediaLine labels the photo link a request brought, in its description;
// GET reads it back into media_url.
const mediaLine = "图片："

func item(r service.PublicRequest) requestItem {
	it := requestItem{ID: strconv.FormatInt(r.ID, 10), Status: "closed", StatusNotes: r.Notes, ServiceName: r.CategoryName,
		ServiceCode: r.CategoryCode, Description: r.Description, Agency: r.Agency, Requested: w3c(r.CreatedAt),
		Updated: w3c(r.UpdatedAt), Address: r.Address, Lat: r.Lat, Long: r.Lng}
	if r.Open {
		it.Status = "open"
	}
	if r.DueAt != nil {
		it.Expected = w3c(*r.DueAt)
	}
	for _, line := range strings.Split(r.Description, "\n") {
		if u, ok := strings.CutPrefix(line, mediaLine); ok {
			it.MediaURL = u
		}
	}
	return it
}

func (h *Handler) writeRequests(w http.ResponseWriter, format string, code int, items []requestItem) {
	h.write(w, format, code, items, xmlRequests{Requests: items})
}

// requests lists requests (GET). service_request_id, a comma-separated
// list, overrides every other filter, as the standard says; without dates
// the last 90 days are listed, newest first, at most 200.
func (h *Handler) requests(w http.ResponseWriter, r *http.Request, format string) error {
	if err := h.checkJurisdiction(r); err != nil {
		return err
	}
	q := r.URL.Query()
	var f service.PublicFilter
	if ids := strings.TrimSpace(q.Get("service_request_id")); ids != "" {
		for _, s := range strings.Split(ids, ",") {
			id, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
			if err != nil || id <= 0 {
				return status(http.StatusBadRequest, "service_request_id: a comma-separated list of request ids")
			}
			f.IDs = append(f.IDs, id)
		}
		if len(f.IDs) > 200 {
			return status(http.StatusBadRequest, "service_request_id: at most 200 ids")
		}
	}
	f.CategoryCode = q.Get("service_code")
	var err error
	if v := q.Get("start_date"); v != "" {
		if f.From, err = parseW3C("start_date", v); err != nil {
			return err
		}
	}
	if v := q.Get("end_date"); v != "" {
		if f.To, err = parseW3C("end_date", v); err != nil {
			return err
		}
		f.To = f.To.Add(time.Millisecond) // the standard's end is inclusive; ours is exclusive, to the millisecond
	}
	if f.From.IsZero() && f.To.IsZero() {
		f.From = h.svc.Now().AddDate(0, 0, -90)
	}
	if v := q.Get("status"); v != "" {
		var open, closed bool
		for _, s := range strings.Split(v, ",") {
			switch strings.TrimSpace(s) {
			case "open":
				open = true
			case "closed":
				closed = true
			default:
				return status(http.StatusBadRequest, "status: open, closed, or both separated by a comma")
			}
		}
		if open != closed {
			f.Open = &open
		}
	}
	rs, err := h.svc.PublicRequests(r.Context(), f)
	if err != nil {
		return err
	}
	items := make([]requestItem, len(rs))
	for i, x := range rs {
		items[i] = item(x)
	}
	h.writeRequests(w, format, http.StatusOK, items)
	return nil
}

// request shows one request (GET requests/{id}).
func (h *Handler) request(w http.ResponseWriter, r *http.Request, format, name string) error {
	id, err := strconv.ParseInt(name, 10, 64)
	if err != nil || id <= 0 {
		return status(http.StatusNotFound, "no such request")
	}
	x, err := h.svc.PublicRequestByID(r.Context(), id)
	if err != nil {
		return err
	}
	h.writeRequests(w, format, http.StatusOK, []requestItem{item(*x)})
	return nil
}

// tokenItem answers tokens/{token}: which request a token became.
type tokenItem struct {
	ID    string `json:"service_request_id" xml:"service_request_id"`
	Token string `json:"token" xml:"token"`
}

func (h *Handler) token(w http.ResponseWriter, r *http.Request, format, token string) error {
	x, err := h.svc.PublicRequestByToken(r.Context(), token)
	if err != nil {
		return err
	}
	items := []tokenItem{{ID: strconv.FormatInt(x.ID, 10), Token: token}}
	h.write(w, format, http.StatusOK, items, xmlRequests{Requests: items})
	return nil
}

// created is the answer to a POST.
type created struct {
	ID        string `json:"service_request_id" xml:"service_request_id"`
	Token     string `json:"token" xml:"token"`
	Notice    string `json:"service_notice" xml:"service_notice"`
	AccountID string `json:"account_id" xml:"account_id"`
}

// maxForm bounds a POST body; requests are text, and media come as links.
const maxForm = 1 << 20

// post files a request (POST requests). It becomes an ordinary case of the
// open311 channel through the one intake use case, recorded as made by the
// API key's machine account; its token (the case's channel reference) is
// returned with the id, as the standard allows. The name and phone go into
// the case's citizen fields, which only roles that call citizens back see;
// email, device_id and account_id are accepted and not kept, as a case has
// no field for them yet.
func (h *Handler) post(w http.ResponseWriter, r *http.Request, format, name string) error {
	if name != "requests" {
		w.Header().Set("Allow", "GET")
		return status(http.StatusMethodNotAllowed, "only requests takes POST")
	}
	r.Body = http.MaxBytesReader(w, r.Body, maxForm)
	var err error
	if strings.HasPrefix(r.Header.Get("Content-Type"), "multipart/") {
		err = r.ParseMultipartForm(maxForm)
	} else {
		err = r.ParseForm()
	}
	if err != nil {
		return status(http.StatusBadRequest, "the body must be a form (application/x-www-form-urlencoded or multipart/form-data) of at most 1 MB")
	}
	if err := h.checkJurisdiction(r); err != nil {
		return err
	}
	key := r.PostFormValue("api_key")
	if key == "" {
		return status(http.StatusForbidden, "api_key is required to file a request")
	}
	u, err := h.svc.AuthenticateKey(r.Context(), key)
	if err != nil {
		return err
	}
	in, err := intake(r.PostForm)
	if err != nil {
		return err
	}
	c, err := h.svc.PublicCategory(r.Context(), r.PostFormValue("service_code"))
	if err != nil {
		return status(http.StatusBadRequest, "service_code: no service has this code; see services.json")
	}
	in.CategoryID = c.ID
	out, err := h.svc.CreateCase(r.Context(), u, in, "")
	if err != nil {
		return err
	}
	notice := "已受理，编号 " + out.Number
	res := []created{{ID: strconv.FormatInt(out.ID, 10), Token: in.ChannelRef, Notice: notice}}
	h.write(w, format, http.StatusCreated, res, xmlRequests{Requests: res})
	return nil
}

// intake maps the standard's form fields to our intake standard.
func intake(form url.Values) (service.Intake, error) {
	in := service.Intake{Channel: service.PublicChannel, ChannelRef: auth.NewToken(),
		Content: strings.TrimSpace(form.Get("description")), Address: strings.TrimSpace(form.Get("address_string"))}
	if form.Get("service_code") == "" {
		return in, status(http.StatusBadRequest, "service_code is required")
	}
	lat, long := strings.TrimSpace(form.Get("lat")), strings.TrimSpace(form.Get("long"))
	if lat != "" || long != "" {
		la, err1 := strconv.ParseFloat(lat, 64)
		lo, err2 := strconv.ParseFloat(long, 64)
		if err1 != nil || err2 != nil {
			return in, status(http.StatusBadRequest, "lat and long: both, as decimal degrees (WGS84)")
		}
		in.Lat, in.Lng = &la, &lo
	}
	if id := strings.TrimSpace(form.Get("address_id")); id != "" && in.Address == "" {
		in.Address = id
	}
	if in.Lat == nil && in.Address == "" {
		return in, status(http.StatusBadRequest, "a location is required: lat and long, address_string or address_id")
	}
	if in.Content == "" {
		return in, status(http.StatusBadRequest, "description is required: say what the problem is")
	}
	in.Citizen = minsheng.Citizen{Name: fullName(form.Get("first_name"), form.Get("last_name")), Phone: strings.TrimSpace(form.Get("phone"))}
	in.Citizen.Anonymous = in.Citizen.Name == "" && in.Citizen.Phone == ""
	if m := strings.TrimSpace(form.Get("media_url")); m != "" {
		u, err := url.Parse(m)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(m) > 500 {
			return in, status(http.StatusBadRequest, "media_url: an http or https link of at most 500 characters")
		}
		in.Content += "\n" + mediaLine + m
	}
	if err := applyAttributes(form, &in); err != nil {
		return in, err
	}
	return in, nil
}

// fullName joins the standard's name parts: family name first, without a
// space, for Chinese names; given name first otherwise.
func fullName(first, last string) string {
	first, last = strings.TrimSpace(first), strings.TrimSpace(last)
	for _, r := range first + last {
		if unicode.Is(unicode.Han, r) {
			return last + first
		}
	}
	return strings.TrimSpace(first + " " + last)
}
