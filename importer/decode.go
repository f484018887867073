package importer

import (
	"bytes"
	"unicode/utf8"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// Encoding is how a CSV file's text is stored. Other channels' systems
// export UTF-8 (often with Excel's byte-order mark) or, on older Windows
// systems, GBK, which GB18030 includes.
type Encoding string

// The encodings an import reads.
const (
	UTF8    Encoding = "utf-8"
	UTF8BOM Encoding = "utf-8-bom"
	GB18030 Encoding = "gb18030"
)

var bom = []byte{0xEF, 0xBB, 0xBF}

// sniffSize is how much of a file decides its encoding.
const sniffSize = 4 << 20

// detect decides a file's encoding from its first bytes: a byte-order mark,
// else whichever of UTF-8 and GB18030 more of its lines are written in. A
// line of another encoding than the file's is reported later, row by row.
func detect(head []byte) Encoding {
	if bytes.HasPrefix(head, bom) {
		return UTF8BOM
	}
	if len(head) == sniffSize { // a cut may split the last character
		if i := bytes.LastIndexByte(head, '\n'); i > 0 {
			head = head[:i]
		}
	}
	if utf8.Valid(head) {
		return UTF8
	}
	var utf, gb int
	for line := range bytes.SplitSeq(head, []byte{'\n'}) {
		switch {
		case !utf8.Valid(line):
			gb++
		case !ascii(line):
			utf++
		}
	}
	if utf > gb {
		return UTF8
	}
	return GB18030
}

func ascii(b []byte) bool {
	for _, c := range b {
		if c >= 0x80 {
			return false
		}
	}
	return true
}

// decoder turns the raw bytes of one field into text, or says why it cannot.
type decoder struct {
	enc Encoding
}

// decodeError says why a row's bytes are not text of the file's encoding;
// msg completes "column N is …".
type decodeError struct{ msg string }

func (e *decodeError) Error() string { return e.msg }

// decodeReason is the rejection of a row whose column col cannot be decoded.
func decodeReason(col int, err error) reason {
	if de, ok := err.(*decodeError); ok {
		return reasonf("column %d is "+de.msg, col)
	}
	return reasonf("column %d: %v", col, err)
}

// field decodes one field. A field in the other encoding than the file's is
// refused rather than guessed, so that a file with mixed encodings never
// stores garbled text.
func (d decoder) field(raw string) (string, error) {
	if d.enc != GB18030 {
		if !utf8.ValidString(raw) {
			return "", &decodeError{"not UTF-8 like the rest of the file (mixed encodings?)"}
		}
		return raw, nil
	}
	if ascii([]byte(raw)) {
		return raw, nil
	}
	if utf8.ValidString(raw) {
		return "", &decodeError{"written in UTF-8 while the file is GB18030/GBK (mixed encodings)"}
	}
	out, err := simplifiedchinese.GB18030.NewDecoder().String(raw)
	if err != nil || containsReplacement(out) {
		return "", &decodeError{"not readable as GB18030/GBK"}
	}
	return out, nil
}

func containsReplacement(s string) bool {
	for _, r := range s {
		if r == utf8.RuneError {
			return true
		}
	}
	return false
}
