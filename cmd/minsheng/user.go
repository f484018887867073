package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strconv"
	"strings"
	"text/tabwriter"

	"minsheng"
	"minsheng/auth"
	"minsheng/store"
)

func runUser(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("user: say add, list or disable")
	}
	fs := flag.NewFlagSet("user "+args[0], flag.ContinueOnError)
	dbURL := dbFlag(fs)
	username := fs.String("username", "", "login name")
	name := fs.String("name", "", "display name")
	role := fs.String("role", "", "role id: agent, dispatcher, handler, dept_lead, reviewer, visitor, supervisor, field_worker, analyst, inspector, admin")
	org := fs.String("org", "", "organisation id or exact name; with an empty database, a new top organisation of this name is created")
	password := fs.String("password", "", "password (or env MINSHENG_PASSWORD, or typed on standard input)")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	st, err := openStore(ctx, *dbURL)
	if err != nil {
		return err
	}
	defer st.Close()
	switch args[0] {
	case "add":
		pw := *password
		if pw == "" {
			pw = os.Getenv("MINSHENG_PASSWORD")
		}
		if pw == "" {
			fmt.Fprint(os.Stderr, "password: ")
			line, _ := bufio.NewReader(os.Stdin).ReadString('\n')
			pw = strings.TrimSpace(line)
		}
		return addUser(ctx, st, *username, *name, minsheng.Role(*role), *org, pw)
	case "list":
		return listUsers(ctx, st)
	case "disable":
		u, err := st.UserByName(ctx, *username)
		if err != nil {
			return err
		}
		u.Disabled = true
		if err := st.UpdateUser(ctx, u); err != nil {
			return err
		}
		fmt.Printf("disabled %s; their sessions are revoked\n", u.Username)
		return nil
	}
	return fmt.Errorf("user: unknown subcommand %q (add, list, disable)", args[0])
}

func addUser(ctx context.Context, st *store.Store, username, name string, role minsheng.Role, org, pw string) error {
	tree, err := st.Orgs(ctx)
	if err != nil {
		return err
	}
	var orgID int64
	if id, err := strconv.ParseInt(org, 10, 64); err == nil && tree.Org(id) != nil {
		orgID = id
	}
	for _, o := range tree.List() {
		if orgID == 0 && o.Name == org {
			orgID = o.ID
		}
	}
	if orgID == 0 && len(tree.List()) == 0 && org != "" {
		o := &minsheng.Org{Name: org, Kind: minsheng.OrgHotline}
		if err := st.CreateOrg(ctx, o); err != nil {
			return err
		}
		orgID = o.ID
		fmt.Printf("created organisation %d %s\n", o.ID, o.Name)
	}
	if orgID == 0 {
		return fmt.Errorf("--org %q: no such organisation", org)
	}
	hash, err := auth.HashPassword(pw)
	if err != nil {
		return err
	}
	u := &minsheng.User{Username: username, Name: name, Role: role, OrgID: orgID, PasswordHash: hash}
	if err := st.CreateUser(ctx, u); err != nil {
		return err
	}
	fmt.Printf("created user %d %s (%s)\n", u.ID, u.Username, u.Role)
	return nil
}

func listUsers(ctx context.Context, st *store.Store) error {
	users, err := st.Users(ctx)
	if err != nil {
		return err
	}
	tree, err := st.Orgs(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(os.Stdout, 0, 4, 2, ' ', 0)
	// Chinese text is last: tabwriter counts runes, and a Chinese character
	// takes two columns on a terminal, so it would push later columns out.
	fmt.Fprintln(tw, "ID\tUSERNAME\tROLE\tDISABLED\tNAME / ORGANISATION")
	for _, u := range users {
		orgName := ""
		if o := tree.Org(u.OrgID); o != nil {
			orgName = o.Name
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%v\t%s / %s\n", u.ID, u.Username, u.Role, u.Disabled, u.Name, orgName)
	}
	return tw.Flush()
}
