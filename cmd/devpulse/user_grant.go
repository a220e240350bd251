package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/devpulse/devpulse/internal/config"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
)

const userGrantUsage = "usage: devpulse user grant [flags] EMAIL ROLE [TEAM_PATH]\n\n" +
	"ROLE is admin, executive or lead; a lead grant needs the TEAM_PATH of the team led\n" +
	"(for example Engineering/Platform). Granting a role the person holds changes nothing.\n"

// runUserGrant grants a role to a person in the directory:
// devpulse user grant EMAIL ROLE [TEAM_PATH].
func runUserGrant(ctx context.Context, e env, args []string) error {
	flagArgs, pos, err := splitArgs(args, e)
	if err != nil {
		return err
	}
	if len(pos) < 2 || len(pos) > 3 {
		fmt.Fprint(e.stderr, userGrantUsage)
		return errors.New("user grant: want EMAIL ROLE [TEAM_PATH]")
	}
	email, role, teamPath := pos[0], strings.ToLower(strings.TrimSpace(pos[1])), ""
	if len(pos) == 3 {
		teamPath = pos[2]
	}
	switch {
	case !slices.Contains(directory.GrantableRoles, role):
		return fmt.Errorf("user grant: unknown role %q: use admin, executive or lead", pos[1])
	case role == directory.RoleLead && directory.NormalizePath(teamPath) == "":
		return errors.New("user grant: a lead grant needs TEAM_PATH, the team led (for example Engineering/Platform)")
	case role != directory.RoleLead && teamPath != "":
		return fmt.Errorf("user grant: TEAM_PATH is only for lead grants; %s covers every team", role)
	}
	svc, db, err := setupServices(ctx, e, "user grant", flagArgs, nil)
	if err != nil {
		return err
	}
	defer database.Close(db)
	g, err := grantRole(ctx, svc.Directory, svc.People, email, role, teamPath)
	if err != nil {
		return err
	}
	if g.Added {
		fmt.Fprintf(e.stdout, "granted %s to %s\n", g.Label, directory.NormalizeEmail(email))
	} else {
		fmt.Fprintf(e.stdout, "%s already holds %s; nothing changed\n", directory.NormalizeEmail(email), g.Label)
	}
	return nil
}

// grantRole finds the person and the team by the names given on the
// command line and grants the role through the directory service, which
// records it in the audit log.
func grantRole(ctx context.Context, dir *directory.Store, people *directory.Service, email, role, teamPath string) (directory.Granted, error) {
	person, err := dir.PersonByEmail(ctx, email)
	if errors.Is(err, directory.ErrNotFound) {
		return directory.Granted{}, fmt.Errorf("user grant: no one with email %q is in the directory", directory.NormalizeEmail(email))
	}
	if err != nil {
		return directory.Granted{}, err
	}
	var teamID *int64
	if role == directory.RoleLead {
		team, err := dir.TeamByPath(ctx, teamPath)
		if errors.Is(err, directory.ErrNotFound) {
			return directory.Granted{}, fmt.Errorf("user grant: no team at path %q (see the team tree at /admin/teams)", directory.NormalizePath(teamPath))
		}
		if err != nil {
			return directory.Granted{}, err
		}
		teamID = &team.ID
	}
	return people.Grant(ctx, directory.Actor{Name: cliActor}, person.ID, role, teamID)
}

// splitArgs separates flags (which may come before, between or after the
// positional arguments) from the positional arguments, checking the flags
// parse. The flags are handed to setup unchanged.
func splitArgs(args []string, e env) (flags, positional []string, err error) {
	cfg := config.Load(e.getenv)
	fs := flag.NewFlagSet("devpulse user grant", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), userGrantUsage+"\nflags:\n")
		fs.PrintDefaults()
	}
	configFlags(fs, &cfg)
	for len(args) > 0 {
		if err := fs.Parse(args); err != nil {
			return nil, nil, err
		}
		rest := fs.Args()
		consumed := args[:len(args)-len(rest)]
		if n := len(consumed); n > 0 && consumed[n-1] == "--" { // all that follows is positional
			flags = append(flags, consumed[:n-1]...)
			positional = append(positional, rest...)
			break
		}
		flags = append(flags, consumed...)
		if len(rest) == 0 {
			break
		}
		positional = append(positional, rest[0])
		args = rest[1:]
	}
	return flags, positional, nil
}
