package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"

	"minsheng"
	"minsheng/importer"
	"minsheng/service"
)

// runImport reads cases from another channel's file, or with --full a whole
// database written by export --full.
func runImport(ctx context.Context, args []string) error {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), "Usage: minsheng import FILE [--source NAME] [--channel C] [--mapping FILE|saved] [--commit] [--user U]\n"+
			"       minsheng import --full FILE --db URL\n\n")
		fs.PrintDefaults()
	}
	dbURL := dbFlag(fs)
	full := fs.Bool("full", false, "FILE is a whole database written by export --full; load it into an empty database")
	source := fs.String("source", "", "the system the file comes from (its mapping is saved under this name); default: the channel")
	channel := fs.String("channel", "", "the cases' channel: message_board, mailbox, media, petition, department, field, import… (default: the source's saved channel, else import)")
	mapping := fs.String("mapping", "", `"saved" for the source's saved mapping, or a JSON file {"content":"留言详情","title":"主题",…} (fields: ref, title, content, time, phone, name, address, category)`)
	commit := fs.Bool("commit", false, "write the accepted rows (without it: a dry run that only reports)")
	user := fs.String("user", os.Getenv("MINSHENG_USER"), "the account the cases are recorded by (a dispatcher; env MINSHENG_USER)")
	listed := fs.Int("report", 100, "rejected rows to list")
	asJSON := fs.Bool("json", false, "print the report as JSON")
	path, err := parseWithFile(fs, args)
	if err != nil {
		return err
	}
	if *full {
		return importFull(ctx, *dbURL, path)
	}
	o := importer.Options{Path: path, Source: *source, Channel: minsheng.Channel(*channel), Commit: *commit}
	switch *mapping {
	case "":
	case "saved":
		o.Saved = true
	default:
		b, err := os.ReadFile(*mapping)
		if err != nil {
			return fmt.Errorf("--mapping: %w", err)
		}
		if err := json.Unmarshal(b, &o.Mapping); err != nil {
			return minsheng.Invalid("mapping", "%s is not a JSON object of field → column header: %v", *mapping, err)
		}
	}
	if *user == "" {
		return minsheng.Invalid("user", "say which account imports: --user USERNAME (a dispatcher)")
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.UserByName(ctx, *user)
	if err != nil {
		return fmt.Errorf("--user %s: %w", *user, err)
	}
	var bar *progress
	phase := ""
	o.Progress = func(ph string, done, total int) {
		if ph != phase {
			if bar != nil {
				bar.done()
			}
			phase, bar = ph, newProgress(ph, total)
		}
		bar.set(done)
	}
	rep, err := importer.Run(ctx, service.New(st, nil, quietLogger()), u, o)
	if bar != nil {
		bar.done()
	}
	if rep != nil && rep.Source != "" {
		if *asJSON {
			enc := json.NewEncoder(os.Stdout)
			enc.SetIndent("", "  ")
			enc.Encode(rep)
		} else {
			rep.Print(os.Stdout, *listed)
		}
	}
	return err
}

// parseWithFile parses flags given before or after the one FILE argument.
func parseWithFile(fs *flag.FlagSet, args []string) (string, error) {
	if err := fs.Parse(args); err != nil {
		return "", err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return "", minsheng.Invalid("file", "name the file")
	}
	path := fs.Arg(0)
	if err := fs.Parse(fs.Args()[1:]); err != nil {
		return "", err
	}
	if fs.NArg() > 0 {
		return "", minsheng.Invalid("file", "one file at a time, got also %q", fs.Arg(0))
	}
	return path, nil
}
