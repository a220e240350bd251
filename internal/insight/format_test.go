package insight_test

import (
	"testing"

	"github.com/devpulse/devpulse/internal/insight"
)

func TestFormat(t *testing.T) {
	for _, tt := range []struct{ got, want string }{
		{insight.Score{Value: 44, OK: true}.String(), "44"},
		{insight.Score{}.String(), "–"},
		{insight.Score{Value: 0, OK: true}.Percent(), "0%"},
		{insight.Score{}.Percent(), "–"},
		{insight.Signed(4), "+4"},
		{insight.Signed(-4), "−4"},
		{insight.Signed(0), "0"},
	} {
		if tt.got != tt.want {
			t.Errorf("got %q, want %q", tt.got, tt.want)
		}
	}
}
