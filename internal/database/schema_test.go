package database_test

import (
	"context"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"gorm.io/gorm"
	"gorm.io/gorm/schema"

	"github.com/devpulse/devpulse/internal/announce"
	"github.com/devpulse/devpulse/internal/audit"
	"github.com/devpulse/devpulse/internal/auth"
	"github.com/devpulse/devpulse/internal/benchmark"
	"github.com/devpulse/devpulse/internal/database"
	"github.com/devpulse/devpulse/internal/directory"
	"github.com/devpulse/devpulse/internal/responses"
	"github.com/devpulse/devpulse/internal/results"
	"github.com/devpulse/devpulse/internal/survey"
	"github.com/devpulse/devpulse/internal/testdb"
	"github.com/devpulse/devpulse/internal/threads"
)

// models lists every GORM model. Add each new model here: the test checks
// it against the schema the migrations build, on both databases.
var models = []any{
	&audit.Event{},
	&directory.Team{},
	&directory.Person{},
	&directory.Grant{},
	&auth.Session{},
	&auth.Token{},
	&survey.Driver{},
	&survey.Snapshot{},
	&survey.SnapshotTeam{},
	&survey.Section{},
	&survey.Question{},
	&responses.Invitation{},
	&responses.InvitationToken{},
	&responses.Response{},
	&responses.AnswerRow{},
	&results.Run{},
	&results.Group{},
	&results.Rating{},
	&results.Item{},
	&results.Comment{},
	&results.Pair{},
	&benchmark.Percentiles{},
	&announce.Announcement{},
	&threads.Thread{},
	&threads.Reply{},
}

func TestMigrationsMatchModels(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		current, latest, err := database.Version(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		if current != latest || current == 0 {
			t.Fatalf("schema version %d, want %d", current, latest)
		}
		for _, m := range models {
			checkModel(t, db, m)
		}
	})
}

func TestMigrateIsIdempotent(t *testing.T) {
	testdb.Each(t, func(t *testing.T, db *gorm.DB) {
		applied, err := database.Migrate(context.Background(), db)
		if err != nil {
			t.Fatal(err)
		}
		if len(applied) != 0 {
			t.Fatalf("second migrate applied %d migrations, want 0", len(applied))
		}
	})
}

// checkModel asserts that every field of the model has a column of a
// compatible type, and that every column the database requires (NOT NULL
// without a default) is a field of the model, so inserts through GORM work.
func checkModel(t *testing.T, db *gorm.DB, model any) {
	t.Helper()
	s, err := schema.Parse(model, &sync.Map{}, db.NamingStrategy)
	if err != nil {
		t.Fatal(err)
	}
	cols, err := db.Migrator().ColumnTypes(model)
	if err != nil {
		t.Fatalf("%s: %v", s.Table, err)
	}
	if len(cols) == 0 {
		t.Fatalf("table %s does not exist", s.Table)
	}
	byName := map[string]gorm.ColumnType{}
	for _, c := range cols {
		byName[c.Name()] = c
	}
	fields := map[string]bool{}
	for _, f := range s.Fields {
		if f.DBName == "" {
			continue
		}
		fields[f.DBName] = true
		col, ok := byName[f.DBName]
		if !ok {
			t.Errorf("%s.%s: model field %s has no column", s.Table, f.DBName, f.Name)
			continue
		}
		if !compatible(f.FieldType, col.DatabaseTypeName()) {
			t.Errorf("%s.%s: Go type %s does not fit column type %s", s.Table, f.DBName, f.FieldType, col.DatabaseTypeName())
		}
	}
	for _, c := range cols {
		nullable, _ := c.Nullable()
		_, hasDefault := c.DefaultValue()
		pk, _ := c.PrimaryKey()
		if !fields[c.Name()] && !nullable && !hasDefault && !pk {
			t.Errorf("%s.%s: required column is not in the model", s.Table, c.Name())
		}
	}
}

func compatible(goType reflect.Type, dbType string) bool {
	for goType.Kind() == reflect.Pointer {
		goType = goType.Elem()
	}
	dbType = strings.ToLower(dbType)
	has := func(words ...string) bool {
		for _, w := range words {
			if strings.Contains(dbType, w) {
				return true
			}
		}
		return false
	}
	switch {
	case goType == reflect.TypeOf(time.Time{}):
		return has("timestamp", "datetime", "date")
	case goType.Kind() == reflect.Bool:
		return has("bool", "int")
	case goType.Kind() >= reflect.Int && goType.Kind() <= reflect.Uint64:
		return has("int", "serial")
	case goType.Kind() == reflect.Float32 || goType.Kind() == reflect.Float64:
		return has("real", "double", "float", "numeric")
	case goType.Kind() == reflect.String:
		return has("text", "char", "uuid")
	case goType.Kind() == reflect.Slice && goType.Elem().Kind() == reflect.Uint8:
		return has("blob", "bytea")
	}
	return true // custom types (JSON and the like) are checked by the tests that store them
}
