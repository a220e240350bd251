package benchmark

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"

	"github.com/devpulse/devpulse/internal/input"
	"gorm.io/gorm"
)

// DemoSource is the source of the demo set: made-up numbers, labelled so
// nobody mistakes them for a real benchmark.
const DemoSource = "Synthetic demo data (not a real benchmark)"

// DemoYear is the year of the demo set.
const DemoYear = 2026

// DemoActor is who the audit log says loaded the demo set.
const DemoActor = "demo"

// Demo is the synthetic demo set: every default driver for the segments
// All, Remote, Hybrid and Office.
//
//go:embed demo.csv
var Demo []byte

// Example is a small benchmark file in the expected format, offered for
// download. docs/benchmarks-example.csv is the same file; a test keeps
// them equal.
//
//go:embed example.csv
var Example []byte

// LoadDemo imports the synthetic demo set, replacing it if it is there.
// It fails, changing nothing, when the driver library lacks a default
// driver the set names.
func LoadDemo(ctx context.Context, db *gorm.DB) error {
	s := NewStore(db)
	f, errs, err := s.Parse(ctx, bytes.NewReader(Demo))
	if err != nil {
		return err
	}
	if len(errs) > 0 {
		return fmt.Errorf("benchmark: demo set: %w", errors.Join(lineErrors(errs)...))
	}
	_, err = s.Import(ctx, f, DemoActor)
	return err
}

func lineErrors(errs []input.LineError) []error {
	out := make([]error, len(errs))
	for i, e := range errs {
		out[i] = e
	}
	return out
}
