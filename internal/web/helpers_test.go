package web_test

import (
	"context"

	"privacyregister/internal/store"
)

func t0() context.Context { return context.Background() }

func storeFilter() store.AuditFilter { return store.AuditFilter{} }
