package stats

import (
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"

	"minsheng"
)

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{"=1+1": "'=1+1", "+86": "'+86", "-2": "'-2", "@SUM(A1)": "'@SUM(A1)",
		"\tx": "'\tx", "市住建局": "市住建局", "": "", "a=b": "a=b"} {
		if got := Neutralise(in); got != want {
			t.Errorf("Neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestWorkbookNeutralisesNames: an organisation named like a formula is text.
func TestWorkbookNeutralisesNames(t *testing.T) {
	id := int64(7)
	items := []minsheng.KPIItem{{OrgID: &id, OrgName: `=HYPERLINK("http://x","点我")`, KPICounts: minsheng.KPICounts{Received: 4, Closed: 3}}}
	raw, err := Workbook(minsheng.KPIQuery{From: "2026-11-01", To: "2026-11-30", GroupBy: minsheng.KPIByOrg}, items)
	if err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	sheet := f.GetSheetList()[0]
	if v, _ := f.GetCellValue(sheet, "A3"); v != `'=HYPERLINK("http://x","点我")` {
		t.Fatalf("name cell %q", v)
	}
	if formula, _ := f.GetCellFormula(sheet, "A3"); formula != "" {
		t.Fatalf("a formula: %q", formula)
	}
	if v, _ := f.GetCellValue(sheet, "N3"); v != "75.00%" { // 办结率 3/4
		t.Fatalf("close rate cell %q", v)
	}
}
