// Package e2e holds end-to-end tests: the real server on a real database,
// driven through headless Chromium the way a person uses it.
package e2e
