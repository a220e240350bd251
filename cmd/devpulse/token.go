package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/database"
)

// runToken manages API tokens: create, list and revoke.
func runToken(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		printTokenUsage(e.stderr)
		return errors.New("token: say what to do: create, list or revoke")
	}
	switch args[0] {
	case "create":
		return runTokenCreate(ctx, e, args[1:])
	case "list":
		return runTokenList(ctx, e, args[1:])
	case "revoke":
		return runTokenRevoke(ctx, e, args[1:])
	case "help", "-h", "-help", "--help":
		printTokenUsage(e.stdout)
		return nil
	}
	printTokenUsage(e.stderr)
	return fmt.Errorf("token: unknown subcommand %q (create, list or revoke)", args[0])
}

func printTokenUsage(w io.Writer) {
	fmt.Fprintln(w, "usage:")
	fmt.Fprintln(w, "  devpulse token create --name NAME --scopes SCOPES   print a new token's secret (once) on stdout")
	fmt.Fprintln(w, "  devpulse token list                                 list tokens")
	fmt.Fprintln(w, "  devpulse token revoke ID                            revoke a token")
	fmt.Fprintf(w, "\nScopes (comma-separated): %s.\n", strings.Join(auth.Scopes, ", "))
}

// runTokenCreate creates a token and prints its secret, and nothing else,
// on stdout, so it can be piped into a secret store.
func runTokenCreate(ctx context.Context, e env, args []string) error {
	var name, scopeList string
	svc, db, err := setupServices(ctx, e, "token create", args, func(fs *flag.FlagSet) {
		fs.StringVar(&name, "name", "", "what will use the token, e.g. \"HR roster sync\" (required)")
		fs.StringVar(&scopeList, "scopes", "", "comma-separated scopes: "+strings.Join(auth.Scopes, ", ")+" (required)")
	})
	if err != nil {
		return err
	}
	defer database.Close(db)
	if strings.TrimSpace(name) == "" {
		return errors.New("token create: --name is required")
	}
	scopes, err := auth.ParseScopes(scopeList)
	if err != nil {
		return fmt.Errorf("token create: --scopes: %w", err)
	}
	t, secret, err := svc.Tokens.CreateAudited(ctx, svc.Audit, cliActor, name, scopes)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "Created token %d %q with scopes %s. Store it now: it is not shown again.\n", t.ID, t.Name, strings.Join(scopes, ", "))
	fmt.Fprintln(e.stdout, secret)
	return nil
}

// runTokenList prints every token, newest first, as a table.
func runTokenList(ctx context.Context, e env, args []string) error {
	svc, db, err := setupServices(ctx, e, "token list", args, nil)
	if err != nil {
		return err
	}
	defer database.Close(db)
	tokens, err := svc.Tokens.List(ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tSCOPES\tCREATED BY\tCREATED (UTC)\tLAST USED (UTC)\tSTATE")
	for _, t := range tokens {
		lastUsed, state := "never", "active"
		if t.LastUsedAt != nil {
			lastUsed = cliTime(*t.LastUsedAt)
		}
		if t.RevokedAt != nil {
			state = "revoked " + cliTime(*t.RevokedAt)
		}
		fmt.Fprintf(tw, "%d\t%s\t%s\t%s\t%s\t%s\t%s\n", t.ID, t.Name, strings.Join(t.ScopeList(), ","), t.CreatedBy, cliTime(t.CreatedAt), lastUsed, state)
	}
	return tw.Flush()
}

// runTokenRevoke revokes the token whose ID is the one argument.
func runTokenRevoke(ctx context.Context, e env, args []string) error {
	idArg, rest := cutPositional(args)
	var id int64
	if idArg != "" {
		var err error
		if id, err = strconv.ParseInt(idArg, 10, 64); err != nil || id < 1 {
			return fmt.Errorf("token revoke: %q is not a token ID (see devpulse token list)", idArg)
		}
	}
	svc, db, err := setupServices(ctx, e, "token revoke", rest, nil)
	if err != nil {
		return err
	}
	defer database.Close(db)
	if idArg == "" {
		return errors.New("token revoke: give the ID of the token to revoke (see devpulse token list)")
	}
	t, err := svc.Tokens.RevokeAudited(ctx, svc.Audit, cliActor, id)
	if errors.Is(err, auth.ErrTokenNotFound) {
		return fmt.Errorf("token revoke: no token has ID %d", id)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Revoked token %d %q.\n", t.ID, t.Name)
	return nil
}

// cutPositional takes the first positional argument out of args, skipping
// flags and their values: every flag of the token commands takes a value,
// as "--flag value" or "--flag=value".
func cutPositional(args []string) (string, []string) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "--":
			if i+1 < len(args) {
				return args[i+1], append(args[:i:i], args[i+2:]...)
			}
			return "", args[:i]
		case strings.HasPrefix(a, "-") && a != "-":
			if !strings.Contains(a, "=") && a != "-h" && a != "-help" && a != "--help" {
				i++ // skip the flag's value
			}
		default:
			return a, append(args[:i:i], args[i+1:]...)
		}
	}
	return "", args
}

func cliTime(t time.Time) string { return t.UTC().Format("2006-01-02 15:04") }
