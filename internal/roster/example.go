package roster

import _ "embed"

// Example is a small roster in the expected format, offered for download.
// docs/roster-example.csv is the same file; a test keeps them equal.
//
//go:embed example.csv
var Example []byte
