package web

import (
	"fmt"
	"net/http"
)

// The languages of the catalogue; zh-CN is the default, since the hotline's
// staff and citizens read Chinese first.
const (
	langZH = "zh-CN"
	langEN = "en"
)

// catalogue holds every label of every page, per language. A test checks
// that both languages have the same keys, so no label silently falls back.
var catalogue = map[string]map[string]string{langZH: messagesZH, langEN: messagesEN}

// translate returns the label for key in lang, formatted with args; a
// missing key shows as the key itself, which the catalogue test prevents.
func translate(lang, key string, args ...any) string {
	m, ok := catalogue[lang][key]
	if !ok {
		if m, ok = catalogue[langZH][key]; !ok {
			return key
		}
	}
	if len(args) > 0 {
		return fmt.Sprintf(m, args...)
	}
	return m
}

// pickLang chooses the page language: ?lang= switches and is remembered in
// the lang cookie for a year; otherwise the cookie; otherwise Chinese.
func pickLang(w http.ResponseWriter, r *http.Request) string {
	if q := r.URL.Query().Get("lang"); q == langZH || q == langEN {
		http.SetCookie(w, &http.Cookie{Name: "lang", Value: q, Path: "/", MaxAge: 365 * 24 * 3600,
			HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: r.TLS != nil})
		return q
	}
	if c, err := r.Cookie("lang"); err == nil && (c.Value == langZH || c.Value == langEN) {
		return c.Value
	}
	return langZH
}
