// Package audit describes the audit trail: who changed what, when, with the
// fields before and after. Rows are chained by hash per organisation, so an
// altered or deleted row breaks the chain (see Verify). The store writes the
// rows in the same transaction as the change itself.
package audit

import (
	"context"
	"encoding/json"
	"reflect"
	"sort"
	"time"
)

// Actions.
const (
	Create = "create"
	Update = "update"
	Delete = "delete"
)

// Actor is who makes a change: a signed-in user, an API token, or the
// command line.
type Actor struct {
	UserID int64  // 0 for the system or the command line
	Name   string // e-mail, "cli", "intake link", ...
}

type actorKey struct{}

// WithActor returns a context carrying the actor, set once per request.
func WithActor(ctx context.Context, a Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor of ctx, or the system actor.
func ActorFrom(ctx context.Context) Actor {
	if a, ok := ctx.Value(actorKey{}).(Actor); ok {
		return a
	}
	return Actor{Name: "system"}
}

// Change is one field's value before and after.
type Change struct {
	Before any `json:"before,omitempty"`
	After  any `json:"after,omitempty"`
}

// Entry is one row of the trail.
type Entry struct {
	ID       int64             `json:"id"`
	OrgID    int64             `json:"org_id"`
	Seq      int64             `json:"seq"`
	At       time.Time         `json:"at"`
	UserID   int64             `json:"user_id,omitempty"`
	Actor    string            `json:"actor"`
	Action   string            `json:"action"`
	Entity   string            `json:"entity"`
	EntityID int64             `json:"entity_id"`
	Changes  map[string]Change `json:"changes"`
	PrevHash string            `json:"-"`
	Hash     string            `json:"-"`
}

// Diff returns the fields that differ between before and after, compared
// by their JSON form (so only exported, non-secret fields are recorded:
// fields tagged json:"-" such as password hashes never reach the trail).
// before or after may be nil for a create or a delete.
func Diff(before, after any) map[string]Change {
	b, a := toMap(before), toMap(after)
	out := map[string]Change{}
	for k, av := range a {
		bv, ok := b[k]
		if !ok || !reflect.DeepEqual(av, bv) {
			out[k] = Change{Before: bv, After: av}
		}
	}
	for k, bv := range b {
		if _, ok := a[k]; !ok {
			out[k] = Change{Before: bv}
		}
	}
	// Timestamps the store sets itself are noise in a diff.
	delete(out, "updated_at")
	return out
}

func toMap(v any) map[string]any {
	if v == nil {
		return nil
	}
	rv := reflect.ValueOf(v)
	if rv.Kind() == reflect.Pointer && rv.IsNil() {
		return nil
	}
	data, err := json.Marshal(v)
	if err != nil {
		return map[string]any{"error": err.Error()}
	}
	m := map[string]any{}
	if err := json.Unmarshal(data, &m); err != nil {
		return map[string]any{"value": string(data)}
	}
	return m
}

type kv struct {
	K string `json:"k"`
	V Change `json:"v"`
}

func sortedChanges(m map[string]Change) []kv {
	out := make([]kv, 0, len(m))
	for k, v := range m {
		out = append(out, kv{k, v})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].K < out[j].K })
	return out
}
