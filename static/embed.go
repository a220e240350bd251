// Package static embeds the stylesheet, scripts and images the pages use, so
// the app never loads anything from another host.
//
// Files are served under content-hashed URLs (/static/<hash>/<name>) with a
// year-long immutable cache lifetime: a changed file gets a new URL.
package static

import (
	"bytes"
	"compress/gzip"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing/fstest"
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

// Load hashes every embedded file once at start. A file stored gzipped
// (name.gz: the vendored chart library, which would be the one tracked
// file over 1 MB) is unpacked here and served under its plain name; the
// server compresses responses itself.
func Load() *Assets {
	unpacked := fstest.MapFS{}
	a := &Assets{FS: overlay{unpacked, files}, hashes: map[string]string{}}
	err := fs.WalkDir(files, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(files, path)
		if err != nil {
			return err
		}
		if name, ok := strings.CutSuffix(path, ".gz"); ok {
			if b, err = gunzip(b); err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
			unpacked[name] = &fstest.MapFile{Data: b, Mode: 0o444}
			path = name
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

func gunzip(b []byte) ([]byte, error) {
	r, err := gzip.NewReader(bytes.NewReader(b))
	if err != nil {
		return nil, err
	}
	defer r.Close()
	return io.ReadAll(r)
}

// overlay serves the unpacked files, then the embedded ones.
type overlay struct {
	unpacked fs.FS
	files    fs.FS
}

func (o overlay) Open(name string) (fs.File, error) {
	if f, err := o.unpacked.Open(name); err == nil {
		return f, nil
	}
	return o.files.Open(name)
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
