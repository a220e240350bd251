package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"

	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
)

// userCommands are the subcommands of `devpulse user`, in the order usage
// lists them. Each gets the arguments after its name.
func userCommands() []command {
	return []command{
		{"password", "EMAIL  set a bootstrap admin's password, read from standard input", runUserPassword},
		{"grant", "EMAIL ROLE [TEAM_PATH]  grant admin, executive or lead (of TEAM_PATH)", runUserGrant},
	}
}

// runUser dispatches `devpulse user SUBCOMMAND ...`.
func runUser(ctx context.Context, e env, args []string) error {
	if len(args) == 0 {
		printUserUsage(e.stderr)
		return errors.New("user: name a subcommand")
	}
	if isHelp(args[0]) || args[0] == "help" {
		printUserUsage(e.stdout)
		return nil
	}
	for _, c := range userCommands() {
		if c.name == args[0] {
			return c.run(ctx, e, args[1:])
		}
	}
	printUserUsage(e.stderr)
	return fmt.Errorf("user: unknown subcommand %q", args[0])
}

func printUserUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: devpulse user <subcommand> ARGS [flags]")
	fmt.Fprintln(w)
	for _, c := range userCommands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.usage)
	}
	fmt.Fprintln(w, "\nThe person must already be in the directory (imported from the roster).")
}

// leadingArgs splits positional arguments, which come first, from the
// flags after them: `devpulse user password EMAIL --data-dir ./data`.
func leadingArgs(args []string) (positional, flags []string) {
	for i, a := range args {
		if strings.HasPrefix(a, "-") {
			return args[:i], args[i:]
		}
	}
	return args, nil
}

func isHelp(a string) bool { return a == "-h" || a == "-help" || a == "--help" }

// runUserPassword sets a local password for a bootstrap admin. The
// password comes from standard input (one line), never from an argument,
// so it stays out of shell history and process listings.
func runUserPassword(ctx context.Context, e env, args []string) error {
	pos, flags := leadingArgs(args)
	for _, f := range flags {
		if isHelp(f) {
			fmt.Fprintln(e.stderr, "usage: devpulse user password EMAIL [flags] < file-with-the-password")
			_, _, _, err := setup(ctx, e, "user password", flags, nil)
			return err
		}
	}
	if len(pos) != 1 || !strings.Contains(pos[0], "@") {
		return errors.New("user password: give one email address: devpulse user password EMAIL [flags]")
	}
	email := directory.NormalizeEmail(pos[0])
	password, err := readPassword(e, email)
	if err != nil {
		return err
	}
	if err := auth.ValidatePassword(password); err != nil {
		return fmt.Errorf("user password: %w", err)
	}
	svc, db, err := setupServices(ctx, e, "user password", flags, nil)
	if err != nil {
		return err
	}
	defer database.Close(db)
	person, err := svc.Directory.PersonByEmail(ctx, email)
	if errors.Is(err, directory.ErrNotFound) {
		return fmt.Errorf("user password: %s is not in the directory: import the roster first", email)
	}
	if err != nil {
		return err
	}
	if !person.Active {
		return fmt.Errorf("user password: %s is deactivated in the directory", email)
	}
	err = svc.Passwords.SetAudited(ctx, svc.Audit, cliActor, "local password set from the command line", person, password)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "password set for %s\n", person.Email)
	return nil
}

// readPassword reads one line from standard input. On a terminal it asks
// for it and does not echo what is typed.
func readPassword(e env, email string) (string, error) {
	if e.stdin == nil {
		return "", errors.New("user password: no password on standard input")
	}
	if f, ok := e.stdin.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		fmt.Fprintf(e.stderr, "New password for %s (at least %d characters): ", email, auth.MinPasswordLength)
		b, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(e.stderr)
		if err != nil {
			return "", fmt.Errorf("user password: read password: %w", err)
		}
		return string(b), nil
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("user password: read password: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return "", errors.New("user password: no password on standard input (pipe one line in)")
	}
	return line, nil
}
