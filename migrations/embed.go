// Package migrations holds the versioned SQL schema, one folder per database
// because SQLite and PostgreSQL differ in types and defaults. Both folders keep
// the same version numbers so a version means the same schema everywhere.
package migrations

import (
	"embed"
	"io/fs"
)

//go:embed sqlite/*.sql postgres/*.sql
var files embed.FS

// For returns the migration files for a dialect: "sqlite" or "postgres".
func For(dialect string) fs.FS {
	sub, err := fs.Sub(files, dialect)
	if err != nil {
		panic("migrations: " + err.Error())
	}
	return sub
}
