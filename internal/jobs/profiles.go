package jobs

import (
	"context"

	"privacyregister/internal/subscription"
)

func init() {
	Register(Job{Name: "processor profiles", Run: ProcessorProfiles})
}

// ProcessorProfiles polls the profiles customers follow on other
// installations, each link every Deps.ProfileEvery (six hours unless
// set); a new version becomes notices as on this installation. Several
// processes may poll at once: a link's row is locked while its answer is
// applied, and a version seen already changes nothing.
func ProcessorProfiles(ctx context.Context, d Deps) error {
	c := d.Subscriptions
	if c == nil {
		c = subscription.New(d.Store, false)
	}
	every := d.ProfileEvery
	if every <= 0 {
		every = subscription.DefaultEvery
	}
	_, err := c.PollDue(ctx, every)
	return err
}
