package minsheng

import "testing"

// TestPhotoReadFollowsCaseRead holds the permission table to "photos are
// seen by whoever reads the case": every case page lists its photos, so a
// role that reads cases but not photos could not open a case at all.
func TestPhotoReadFollowsCaseRead(t *testing.T) {
	for _, r := range Roles {
		if c, p := Permit(r, OpCaseRead), Permit(r, OpPhotoRead); c != p {
			t.Errorf("%s reads cases with scope %v but photos with %v", r, c, p)
		}
	}
}

// TestPhotoValidate names the photo field for each refusal and sets Size.
func TestPhotoValidate(t *testing.T) {
	for _, bad := range []Photo{
		{ContentType: "image/png"},
		{ContentType: "image/png", Data: make([]byte, MaxPhotoBytes+1)},
		{ContentType: "text/html", Data: []byte("<b>")},
	} {
		if err := bad.Validate(); ErrorCode(err) != EINVALID || ErrorField(err) != PhotoField {
			t.Errorf("%s of %d bytes: %v", bad.ContentType, len(bad.Data), err)
		}
	}
	p := Photo{ContentType: "image/webp", Data: []byte("RIFF....WEBPVP8 ")}
	if err := p.Validate(); err != nil || p.Size != len(p.Data) {
		t.Errorf("webp: %v size %d", err, p.Size)
	}
}
