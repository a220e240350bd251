package roster

import (
	"bytes"
	"context"
	"fmt"
	"testing"

	"gorm.io/gorm"

	"github.com/devpulse/devpulse/internal/testdb"
)

// roster10k writes a 10,000-person roster in 100 teams of 10 groups; the
// first person of each team leads it. Every changeEvery-th person moves
// team and city; with skipEvery > 0 every skipEvery-th person is left out.
func roster10k(changeEvery, skipEvery int) []byte {
	var b bytes.Buffer
	b.WriteString(header)
	arrangements := []string{"remote", "hybrid", "office"}
	for i := range 10000 {
		if skipEvery > 0 && i%skipEvery == skipEvery-1 {
			continue
		}
		team, city := i/100, "Berlin"
		if changeEvery > 0 && i%changeEvery == changeEvery-1 {
			team, city = (team+1)%100, "Lisbon"
		}
		path := fmt.Sprintf("Engineering/Group %02d/Team %03d", team/10, team)
		lead := ""
		if i%100 == 0 {
			lead = path
		}
		fmt.Fprintf(&b, "person%05d@example.com,Person %05d,%s,%s,Backend engineer,%s,%s,20%02d-%02d-%02d,L%d,gh-%05d,U%05d\n",
			i, i, path, lead, arrangements[i%3], city, 10+i%15, 1+i%12, 1+i%28, 1+i%5, i, i)
	}
	return b.Bytes()
}

// BenchmarkImport10k measures a preview plus an apply of a 10,000-person
// roster, the bar being under 5 s: into an empty directory, with 1,000
// people changed and 100 deactivated, and unchanged.
func BenchmarkImport10k(b *testing.B) {
	base := roster10k(0, 0)
	cases := []struct {
		name  string
		file  []byte
		opts  Options
		start []byte // the directory before each import
		want  string // the plan's summary
	}{
		{"new", base, Options{}, nil, "10000 added, 0 changed, 0 deactivated, 100 lead grants added, 111 teams created, 0 unchanged"},
		{"changes", roster10k(10, 100), Options{DeactivateMissing: true}, base, "0 added, 900 changed, 100 deactivated, 0 lead grants added, 0 teams created, 9000 unchanged"},
		{"unchanged", base, Options{}, base, "no changes (10000 unchanged)"},
	}
	dbs := []struct {
		name string
		open func(testing.TB) *gorm.DB
	}{{"sqlite", testdb.SQLite}, {"postgres", testdb.Postgres}}
	for _, d := range dbs {
		for _, c := range cases {
			b.Run(d.name+"/"+c.name, func(b *testing.B) {
				for range b.N {
					b.StopTimer()
					db := d.open(b)
					if c.start != nil {
						apply(b, db, string(c.start), Options{})
					}
					b.StartTimer()
					if got := importOnce(b, db, c.file, c.opts); got != c.want {
						b.Fatalf("plan %q, want %q", got, c.want)
					}
				}
			})
		}
	}
}

// importOnce parses, previews and applies, as the upload page and the
// command do.
func importOnce(b *testing.B, db *gorm.DB, file []byte, opts Options) string {
	ctx := context.Background()
	f, errs := Parse(bytes.NewReader(file))
	if len(errs) > 0 {
		b.Fatal(errs[0])
	}
	im := importer(b, db)
	preview, err := im.Preview(ctx, f, opts)
	if err != nil {
		b.Fatal(err)
	}
	opts.Expect = preview.Fingerprint()
	p, err := im.Apply(ctx, f, opts, "bench")
	if err != nil {
		b.Fatal(err)
	}
	return p.Summary()
}
