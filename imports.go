package minsheng

import "time"

// ImportField is a case field that a column of an imported file can fill.
// Other channels export their messages with columns of their own naming; a
// mapping says which column holds which field.
type ImportField string

// The fields an import can fill.
const (
	ImportRef      ImportField = "ref"      // the channel's own number of the message (编号)
	ImportTitle    ImportField = "title"    // 标题
	ImportContent  ImportField = "content"  // 内容 / 留言详情
	ImportTime     ImportField = "time"     // when the citizen wrote (时间)
	ImportPhone    ImportField = "phone"    // 电话
	ImportName     ImportField = "name"     // 姓名
	ImportAddress  ImportField = "address"  // 地址
	ImportCategory ImportField = "category" // 类别, matched against the category tree by name
)

// ImportFields lists the fields in the order reports show them.
var ImportFields = []ImportField{ImportRef, ImportTitle, ImportContent, ImportTime, ImportPhone, ImportName,
	ImportAddress, ImportCategory}

// Valid reports whether f is a known field.
func (f ImportField) Valid() bool {
	for _, k := range ImportFields {
		if k == f {
			return true
		}
	}
	return false
}

// ImportMapping maps each field to the header of the column that holds it.
type ImportMapping map[ImportField]string

// ImportSource is a channel system that hands its messages over as files (a
// mayor's mailbox, a newspaper's hotline, the petition bureau), with the
// mapping its last import used, so that the next file of the same source is
// read the same way.
type ImportSource struct {
	Name      string        `json:"name"`
	Channel   Channel       `json:"channel"`
	Mapping   ImportMapping `json:"mapping"`
	UpdatedAt time.Time     `json:"updated_at"`
}

// Validate checks a source before it is saved.
func (s *ImportSource) Validate() error {
	if err := checkTexts([2]string{"source", s.Name}); err != nil {
		return err
	}
	if s.Name == "" || len([]rune(s.Name)) > 100 {
		return Invalid("source", "1-100 characters")
	}
	if !s.Channel.Valid() {
		return Invalid("channel", "unknown channel %q", s.Channel)
	}
	if s.Mapping[ImportContent] == "" {
		return Invalid("mapping", "no column for the content (内容)")
	}
	for f, col := range s.Mapping {
		if !f.Valid() {
			return Invalid("mapping", "unknown field %q", f)
		}
		if err := checkTexts([2]string{"mapping", col}); err != nil {
			return err
		}
	}
	return nil
}
