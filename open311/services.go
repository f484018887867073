package open311

import (
	"encoding/xml"
	"net/http"
	"strings"

	"minsheng/service"
)

// The discovery document, which tells a client where the endpoint is and in
// which formats it answers.
type discovery struct {
	XMLName   xml.Name      `json:"-" xml:"discovery"`
	Changeset string        `json:"changeset" xml:"changeset"`
	Contact   string        `json:"contact" xml:"contact"`
	KeyServer string        `json:"key_service" xml:"key_service"`
	Endpoints []endpointDoc `json:"endpoints" xml:"endpoints>endpoint"`
}

type endpointDoc struct {
	Specification string   `json:"specification" xml:"specification"`
	URL           string   `json:"url" xml:"url"`
	Changeset     string   `json:"changeset" xml:"changeset"`
	Type          string   `json:"type" xml:"type"`
	Formats       []string `json:"formats" xml:"formats>format"`
}

// changeset is when this implementation's behaviour last changed, so that
// clients know to look again.
const changeset = "2026-11-30T00:00:00+08:00"

// top serves discovery, services and requests (GET).
func (h *Handler) top(w http.ResponseWriter, r *http.Request, format, name string) error {
	switch name {
	case "discovery":
		return h.discovery(w, r, format)
	case "services":
		return h.services(w, r, format)
	case "requests":
		return h.requests(w, r, format)
	}
	return status(http.StatusNotFound, "no such Open311 endpoint; see "+Prefix+"discovery.json")
}

func (h *Handler) discovery(w http.ResponseWriter, r *http.Request, format string) error {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	d := discovery{Changeset: changeset, Contact: h.cfg.Contact,
		KeyServer: "API keys are issued by the hotline's administrators (minsheng apikey create)",
		Endpoints: []endpointDoc{{Specification: "http://wiki.open311.org/GeoReport_v2", URL: scheme + "://" + r.Host + strings.TrimSuffix(Prefix, "/"),
			Changeset: changeset, Type: "production", Formats: []string{"text/xml", "application/json"}}}}
	h.write(w, format, http.StatusOK, d, d)
	return nil
}

// serviceItem is one service in the list: one of our leaf categories.
type serviceItem struct {
	Jurisdiction string `json:"jurisdiction_id" xml:"jurisdiction_id"`
	Code         string `json:"service_code" xml:"service_code"`
	Name         string `json:"service_name" xml:"service_name"`
	Description  string `json:"description" xml:"description"`
	Metadata     bool   `json:"metadata" xml:"metadata"`
	Type         string `json:"type" xml:"type"`
	Keywords     string `json:"keywords" xml:"keywords"`
	Group        string `json:"group" xml:"group"`
}

type xmlServices struct {
	XMLName  xml.Name      `xml:"services"`
	Services []serviceItem `xml:"service"`
}

// services lists our leaf categories. Each has attributes (metadata true):
// the same definition for every category, which asks for what our one
// intake standard records beyond the description.
func (h *Handler) services(w http.ResponseWriter, r *http.Request, format string) error {
	if err := h.checkJurisdiction(r); err != nil {
		return err
	}
	cats, err := h.svc.PublicCategories(r.Context())
	if err != nil {
		return err
	}
	out := make([]serviceItem, 0, len(cats))
	for _, c := range cats {
		out = append(out, h.serviceItem(c))
	}
	h.write(w, format, http.StatusOK, out, xmlServices{Services: out})
	return nil
}

func (h *Handler) serviceItem(c service.ServiceCategory) serviceItem {
	return serviceItem{Jurisdiction: h.cfg.Jurisdiction, Code: c.Code, Name: c.Name, Description: c.Path,
		Metadata: true, Type: "realtime", Keywords: strings.ReplaceAll(c.Path, " / ", ","), Group: c.Group}
}

// definition is a service definition: the attributes a request may carry.
type definition struct {
	XMLName    xml.Name    `json:"-" xml:"service_definition"`
	Code       string      `json:"service_code" xml:"service_code"`
	Attributes []attribute `json:"attributes" xml:"attributes>attribute"`
}

type attribute struct {
	Variable    bool    `json:"variable" xml:"variable"`
	Code        string  `json:"code" xml:"code"`
	Datatype    string  `json:"datatype" xml:"datatype"`
	Required    bool    `json:"required" xml:"required"`
	DatatypeDoc string  `json:"datatype_description" xml:"datatype_description"`
	Order       int     `json:"order" xml:"order"`
	Description string  `json:"description" xml:"description"`
	Values      []value `json:"values,omitempty" xml:"values>value,omitempty"`
}

type value struct {
	Key  string `json:"key" xml:"key"`
	Name string `json:"name" xml:"name"`
}

func (h *Handler) serviceDefinition(w http.ResponseWriter, r *http.Request, format, code string) error {
	if err := h.checkJurisdiction(r); err != nil {
		return err
	}
	c, err := h.svc.PublicCategory(r.Context(), code)
	if err != nil {
		return err
	}
	d := definition{Code: c.Code, Attributes: attributes}
	h.write(w, format, http.StatusOK, d, d)
	return nil
}
