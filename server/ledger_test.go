package server

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"minsheng/store/storetest"
)

// getFile fetches a file answer: status, content type and body.
func getFile(t *testing.T, c client, path string) (int, string, []byte) {
	t.Helper()
	req, _ := http.NewRequest("GET", c.base+path, nil)
	req.Header.Set("Authorization", "Bearer "+c.token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header.Get("Content-Type"), body
}

// ledgerRows reads a ledger of either format as rows of cells.
func ledgerRows(t *testing.T, format string, body []byte) [][]string {
	t.Helper()
	if format == "csv" {
		if !bytes.HasPrefix(body, []byte("\uFEFF")) {
			t.Fatal("a CSV ledger without its byte-order mark")
		}
		rows, err := csv.NewReader(bytes.NewReader(body[3:])).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return rows
	}
	x, err := excelize.OpenReader(bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	rows, err := x.GetRows("台账")
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestLedgerExport exports a search as .xlsx and CSV: Chinese headers,
// formulas neutralised, the same filters and scope as the list, names and
// phones masked for roles that do not call citizens.
func TestLedgerExport(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, orgs := testNode(t, db)
		base := m.URL()
		agent, dispatcher := login(t, base, "agent"), login(t, base, "dispatcher")
		texts := []string{"=cmd|' /C calc'!A0", "+SUM(1,2)", "-2+3+cmd|' /C calc'!A0", "@SUM(1+9)", "幸福路路灯不亮，晚上看不见路"}
		var ids []any
		for i, text := range texts {
			st, c := agent.call("POST", "/api/v1/cases", map[string]any{"channel": "mailbox", "content": text,
				"title": text, "citizen": map[string]any{"name": "李四光", "phone": fmt.Sprintf("1390000%04d", i)}})
			if st != 201 {
				t.Fatalf("create: %d %v", st, c)
			}
			ids = append(ids, c["id"])
		}
		if st, out := dispatcher.call("POST", fmt.Sprintf("/api/v1/cases/%v/dispatch", ids[4]),
			map[string]any{"org_id": orgs["housing"]}); st != 200 {
			t.Fatalf("dispatch: %d %v", st, out)
		}
		for _, format := range []string{"xlsx", "csv"} {
			st, ctype, body := getFile(t, agent, "/api/v1/cases/export?channel=mailbox&format="+format)
			if st != 200 || !strings.Contains(ctype, map[string]string{"xlsx": "spreadsheetml", "csv": "text/csv"}[format]) {
				t.Fatalf("%s: %d %s %s", format, st, ctype, body)
			}
			rows := ledgerRows(t, format, body)
			if len(rows) != 6 || rows[0][0] != "工单编号" || rows[0][5] != "诉求内容" || rows[0][7] != "联系电话" {
				t.Fatalf("%s: %d rows, header %v", format, len(rows), rows[0])
			}
			for _, r := range rows[1:] {
				content := r[5]
				if c := content[0]; c == '=' || c == '+' || c == '-' || c == '@' {
					t.Fatalf("%s: a formula cell %q", format, content)
				}
				if strings.HasPrefix(content, "'") && !strings.Contains(strings.Join(texts, "\n"), content[1:]) {
					t.Fatalf("%s: neutralised text changed: %q", format, content)
				}
				if r[6] != "李四光" || !strings.HasPrefix(r[7], "1390000") || r[2] != "书记市长信箱" {
					t.Fatalf("%s: the agent's row %v", format, r)
				}
			}
			if rows[1][5] != texts[4] || rows[1][12] != "市住建局" || rows[1][10] != "待签收" {
				t.Fatalf("%s: newest row %v", format, rows[1])
			}
			// The analyst reads every case but sees citizens masked.
			_, _, body = getFile(t, login(t, base, "analyst"), "/api/v1/cases/export?format="+format)
			rows = ledgerRows(t, format, body)
			if len(rows) != 6 || rows[1][6] != "李**" || !strings.Contains(rows[1][7], "****") {
				t.Fatalf("%s: the analyst's ledger %v", format, rows[1])
			}
			// A unit's handler sees only the case its unit handles.
			_, _, body = getFile(t, login(t, base, "handler"), "/api/v1/cases/export?format="+format)
			if rows = ledgerRows(t, format, body); len(rows) != 2 || rows[1][5] != texts[4] {
				t.Fatalf("%s: the handler's ledger has %d rows", format, len(rows))
			}
			_, _, body = getFile(t, login(t, base, "handler2"), "/api/v1/cases/export?format="+format)
			if rows = ledgerRows(t, format, body); len(rows) != 1 {
				t.Fatalf("%s: another unit's ledger has %d rows", format, len(rows))
			}
		}
		if st, out := agent.call("GET", "/api/v1/cases/export?format=pdf", nil); st != 400 || !strings.Contains(fmt.Sprint(out), "format") {
			t.Fatalf("format=pdf: %d %v", st, out)
		}
		if st, out := agent.call("GET", "/api/v1/cases/export?status=nonsense", nil); st != 400 {
			t.Fatalf("a bad filter: %d %v", st, out)
		}
		if st, _ := login(t, base, "analyst").call("GET", "/api/v1/cases/export?citizen_phone=13900000001", nil); st != 403 {
			t.Fatalf("an analyst looks up a phone: %d", st)
		}
	})
}

// TestImportEndpoint posts a GBK file: a dry run, then the commit, then the
// same file again creating nothing; roles without the import permission are
// refused.
func TestImportEndpoint(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db string) {
		m, _ := testNode(t, db)
		base := m.URL()
		body, _ := simplifiedchinese.GB18030.NewEncoder().String("编号,标题,内容,电话\n1,路灯,幸福路路灯坏了,+86 139 0000 1111\n2,空,,\n")
		dispatcher := login(t, base, "dispatcher")
		st, rep := dispatcher.call("POST", "/api/v1/imports?source=市长信箱&channel=mailbox", body)
		if st != 200 || rep["accepted"] != 1.0 || rep["rejected"] != 1.0 || rep["committed"] != false {
			t.Fatalf("dry run: %d %v", st, rep)
		}
		for i, want := range []float64{1, 0} {
			st, rep = dispatcher.call("POST", "/api/v1/imports?source=市长信箱&channel=mailbox&commit=true", body)
			if st != 200 || rep["created"] != want || rep["committed"] != true {
				t.Fatalf("commit %d: %d %v", i+1, st, rep)
			}
		}
		st, list := dispatcher.call("GET", "/api/v1/cases?channel=mailbox", nil)
		items, _ := list["items"].([]any)
		if st != 200 || len(items) != 1 || items[0].(map[string]any)["citizen"].(map[string]any)["phone"] != "13900001111" {
			t.Fatalf("imported: %d %v", st, list)
		}
		if st, _ := login(t, base, "analyst").call("POST", "/api/v1/imports", body); st != 403 {
			t.Fatalf("an analyst imports: %d", st)
		}
		if st, out := dispatcher.call("POST", "/api/v1/imports", "PK\x03\x04broken"); st != 400 || !strings.Contains(fmt.Sprint(out), "truncated or damaged") {
			t.Fatalf("a broken workbook: %d %v", st, out)
		}
	})
}
