package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"text/tabwriter"
	"time"

	"minsheng"
	"minsheng/service"
	"minsheng/store"
)

// runAPIKey manages client systems' API keys from the server's machine. It
// writes to the database directly, so it works while the server runs: the
// server looks keys up on every request.
func runAPIKey(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("apikey: say create, list or revoke")
	}
	fs := flag.NewFlagSet("apikey "+args[0], flag.ContinueOnError)
	dbURL := dbFlag(fs)
	name := fs.String("name", "", "the client system, e.g. 市长信箱 or a partner app (create)")
	role := fs.String("role", string(service.DefaultKeyRole), "the role the key acts with (create)")
	org := fs.String("org", "", "organisation id or exact name the key acts for; default the top organisation (create)")
	id := fs.Int64("id", 0, "the key's id, as list shows it (revoke)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	switch args[0] {
	case "create":
		orgID, err := findOrg(ctx, st, *org)
		if err != nil {
			return err
		}
		k, err := service.IssueAPIKey(ctx, st, service.NewAPIKey{Name: *name, Role: minsheng.Role(*role), OrgID: orgID})
		if err != nil {
			return err
		}
		fmt.Printf("created API key %d %s (%s, role %s, organisation %d); it is shown once, store it now:\n", k.ID, k.Name, k.Prefix, k.Role, k.OrgID)
		fmt.Println(k.Key)
		return nil
	case "list":
		return listAPIKeys(ctx, st)
	case "revoke":
		if *id == 0 && fs.NArg() > 0 {
			*id, _ = strconv.ParseInt(fs.Arg(0), 10, 64)
		}
		k, err := st.RevokeAPIKey(ctx, *id)
		if err != nil {
			return err
		}
		fmt.Printf("revoked API key %d %s (%s)\n", k.ID, k.Name, k.Prefix)
		return nil
	}
	return fmt.Errorf("apikey: unknown subcommand %q (create, list, revoke)", args[0])
}

// findOrg resolves --org (an id or an exact name); "" is 0, the default.
func findOrg(ctx context.Context, st *store.Store, org string) (int64, error) {
	if org == "" {
		return 0, nil
	}
	tree, err := st.Orgs(ctx)
	if err != nil {
		return 0, err
	}
	if id, err := strconv.ParseInt(org, 10, 64); err == nil && tree.Org(id) != nil {
		return id, nil
	}
	for _, o := range tree.List() {
		if o.Name == org {
			return o.ID, nil
		}
	}
	return 0, fmt.Errorf("--org %q: no such organisation", org)
}

func listAPIKeys(ctx context.Context, st *store.Store) error {
	keys, err := st.APIKeys(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tPREFIX\tROLE\tORG\tCREATED\tLAST USED\tREVOKED\tNAME")
	when := func(t time.Time) string { return t.Format("2006-01-02 15:04") }
	for _, k := range keys {
		used, revoked := "-", "-"
		if k.LastUsedAt != nil {
			used = when(*k.LastUsedAt)
		}
		if k.RevokedAt != nil {
			revoked = when(*k.RevokedAt)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%d\t%s\t%s\t%s\t%s\n", k.ID, k.Prefix, k.Role, k.OrgID, when(k.CreatedAt), used, revoked, k.Name)
	}
	return tw.Flush()
}
