package api

import (
	"slices"
	"testing"

	"privacyregister/internal/register"
)

// TestActivityQueryDocumentsTheFilter: the parameters the OpenAPI document
// lists for GET /api/v1/activities are those register.FilterFromQuery reads.
func TestActivityQueryDocumentsTheFilter(t *testing.T) {
	if !slices.Equal(activityQuery, register.FilterParams) {
		t.Errorf("documented %v, read %v", activityQuery, register.FilterParams)
	}
}
