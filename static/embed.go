// Package static embeds the stylesheet, scripts and images the pages use, so
// the app never loads anything from another host.
//
// Files are served under content-hashed URLs (/static/<hash>/<name>) with a
// year-long immutable cache lifetime: a changed file gets a new URL.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
	"strings"
)

//go:embed css js img
var files embed.FS

// Prefix is the URL path all static files live under.
const Prefix = "/static/"

// Assets knows every embedded file and its content hash.
type Assets struct {
	FS     fs.FS
	hashes map[string]string
}

// Load hashes every embedded file once at start.
func Load() *Assets {
	a := &Assets{FS: files, hashes: map[string]string{}}
	err := fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, path)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		a.hashes[path] = hex.EncodeToString(sum[:])[:12]
		return nil
	})
	if err != nil {
		panic("static: " + err.Error())
	}
	return a
}

// URL returns the hashed URL of an embedded file, e.g. "css/app.css". It
// panics on an unknown name so a typo fails the first test that renders it.
func (a *Assets) URL(name string) string {
	h, ok := a.hashes[name]
	if !ok {
		panic("static: no file " + name)
	}
	return Prefix + h + "/" + name
}

// Resolve splits a request path below Prefix ("<hash>/<name>") into the file
// name and whether the hash is the current one.
func (a *Assets) Resolve(path string) (name string, current, ok bool) {
	hash, name, found := strings.Cut(path, "/")
	if !found {
		return "", false, false
	}
	h, ok := a.hashes[name]
	if !ok {
		return "", false, false
	}
	return name, h == hash, true
}
